// Configuration of the banque-des-territoires subgraph: the only place it reads the environment.
import { readSubgraphBasics } from '../../../kit/src/env.js';
import {
  readBreakerSettings,
  readUpstreamSettings,
  type BreakerSettings,
  type UpstreamSettings,
} from '../../../kit/src/upstreamSettings.js';

/** The operator id this subgraph answers for, in errors, stale notices and its cache namespace. */
export const OPERATOR_ID = 'banque-des-territoires';

/** Settings of the banque-des-territoires subgraph. */
export interface BanqueDesTerritoiresConfig {
  port: number;
  host: string;
  /** The Caisse des Dépôts Opendatasoft portal (its simulator by default). */
  upstream: UpstreamSettings;
  /** Opendatasoft API key for the portal; anonymous calls when absent. */
  apiKey?: string;
  /** Consecutive failures that open the circuit breaker, and how long it stays open. */
  breaker: BreakerSettings;
  gatewaySecret?: string;
  production: boolean;
}

/** Reads BANQUE_DES_TERRITOIRES_PORT, CAISSE_DES_DEPOTS_API_URL/_API_KEY/_TIMEOUT_MS/_RETRIES/_CACHE_TTL_MS, CAISSE_DES_DEPOTS_BREAKER_FAILURES/_BREAKER_RESET_MS, CACHE_URL. */
export function readBanqueDesTerritoiresConfig(
  env: Record<string, string | undefined> = process.env,
): BanqueDesTerritoiresConfig {
  return {
    ...readSubgraphBasics(env, 'BANQUE_DES_TERRITOIRES_PORT', 4002),
    // Financings change a few times a month: an hour of cache is plenty fresh.
    upstream: readUpstreamSettings(env, 'CAISSE_DES_DEPOTS', {
      baseUrl: 'http://localhost:4102',
      cacheTtlMs: 3_600_000,
      // The simulated portal allows 20 calls a second; stay just under it.
      minIntervalMs: 55,
    }),
    breaker: readBreakerSettings(env, 'CAISSE_DES_DEPOTS'),
    apiKey: env.CAISSE_DES_DEPOTS_API_KEY || undefined,
  };
}
