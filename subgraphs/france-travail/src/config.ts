// Configuration of the france-travail subgraph: the only place it reads the environment.
import { readInt, readString, readSubgraphBasics, readUrl } from '../../../kit/src/env.js';
import {
  SIMULATED_CLIENT_ID,
  SIMULATED_CLIENT_SECRET,
} from '../../../kit/src/reference/franceTravailCredentials.js';
import {
  readBreakerSettings,
  readUpstreamSettings,
  type BreakerSettings,
  type UpstreamSettings,
} from '../../../kit/src/upstreamSettings.js';

/** The operator id this subgraph answers for, in errors, stale notices and its cache namespace. */
export const OPERATOR_ID = 'france-travail';

/** Settings of the france-travail subgraph. */
export interface FranceTravailConfig {
  port: number;
  host: string;
  /** The partner API host (api.francetravail.io in production; its simulator by default). */
  upstream: UpstreamSettings;
  /** The token host (entreprise.francetravail.fr in production); the API host when unset. */
  authUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** INSEE codes per search call. */
  communesPerCall: number;
  /** Consecutive failures that open the circuit breaker, and how long it stays open. */
  breaker: BreakerSettings;
  gatewaySecret?: string;
  production: boolean;
}

/**
 * Reads FRANCE_TRAVAIL_PORT, FRANCE_TRAVAIL_API_URL/_AUTH_URL/_CLIENT_ID/_CLIENT_SECRET/_SCOPE,
 * FRANCE_TRAVAIL_TIMEOUT_MS/_RETRIES/_CACHE_TTL_MS/_COMMUNES_PER_CALL/_BREAKER_FAILURES/_BREAKER_RESET_MS,
 * CACHE_URL.
 */
export function readFranceTravailConfig(
  env: Record<string, string | undefined> = process.env,
): FranceTravailConfig {
  const upstream = readUpstreamSettings(env, 'FRANCE_TRAVAIL', {
    baseUrl: 'http://localhost:4105',
    // Offers come and go during the day: ten minutes of cache.
    cacheTtlMs: 600_000,
    // The API allows 10 calls a second; a little under it absorbs timer jitter.
    minIntervalMs: 110,
  });
  return {
    ...readSubgraphBasics(env, 'FRANCE_TRAVAIL_PORT', 4005),
    upstream,
    authUrl: readUrl(env, 'FRANCE_TRAVAIL_AUTH_URL', upstream.baseUrl) ?? upstream.baseUrl,
    clientId: readString(env, 'FRANCE_TRAVAIL_CLIENT_ID', SIMULATED_CLIENT_ID),
    clientSecret: readString(env, 'FRANCE_TRAVAIL_CLIENT_SECRET', SIMULATED_CLIENT_SECRET),
    scope: readString(
      env,
      'FRANCE_TRAVAIL_SCOPE',
      'api_offresdemploiv2 o2dsoffre api_stats-offres-demandes-emploiv1',
    ),
    communesPerCall: readInt(env, 'FRANCE_TRAVAIL_COMMUNES_PER_CALL', 50, 1),
    breaker: readBreakerSettings(env, 'FRANCE_TRAVAIL'),
  };
}
