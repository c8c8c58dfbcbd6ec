// Configuration of the etat subgraph: the only place it reads the environment.
import { readSubgraphBasics } from '../../../kit/src/env.js';
import {
  readBreakerSettings,
  readUpstreamSettings,
  type BreakerSettings,
  type UpstreamSettings,
} from '../../../kit/src/upstreamSettings.js';

/** The operator id this subgraph answers for, in errors, stale notices and its cache namespace. */
export const OPERATOR_ID = 'etat';

/** Settings of the etat subgraph. */
export interface EtatConfig {
  port: number;
  host: string;
  /** The Etat API (its simulator by default). */
  upstream: UpstreamSettings;
  /** Consecutive failures that open the circuit breaker, and how long it stays open. */
  breaker: BreakerSettings;
  gatewaySecret?: string;
  production: boolean;
}

/** Reads ETAT_PORT, ETAT_API_URL/_TIMEOUT_MS/_RETRIES/_CACHE_TTL_MS, ETAT_BREAKER_*, CACHE_URL. */
export function readEtatConfig(env: Record<string, string | undefined> = process.env): EtatConfig {
  return {
    ...readSubgraphBasics(env, 'ETAT_PORT', 4008),
    upstream: readUpstreamSettings(env, 'ETAT', {
      baseUrl: 'http://localhost:4108',
      // How long an answer stays fresh: set it to how often the upstream publishes.
      cacheTtlMs: 600_000,
      // The upstream allows 10 calls a second; a little under it absorbs timer jitter.
      minIntervalMs: 110,
    }),
    breaker: readBreakerSettings(env, 'ETAT'),
  };
}
