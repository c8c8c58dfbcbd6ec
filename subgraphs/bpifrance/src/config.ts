// Configuration of the bpifrance subgraph: the only place it reads the environment.
import { readSubgraphBasics } from '../../../kit/src/env.js';
import {
  readBreakerSettings,
  readUpstreamSettings,
  type BreakerSettings,
  type UpstreamSettings,
} from '../../../kit/src/upstreamSettings.js';

/** The operator id this subgraph answers for, in errors, stale notices and its cache namespace. */
export const OPERATOR_ID = 'bpifrance';

/** Settings of the bpifrance subgraph. */
export interface BpifranceConfig {
  port: number;
  host: string;
  /** The economy ministry's Opendatasoft portal (its simulator by default). */
  upstream: UpstreamSettings;
  /** Opendatasoft API key for the portal; anonymous calls when absent. */
  apiKey?: string;
  /** Consecutive failures that open the circuit breaker, and how long it stays open. */
  breaker: BreakerSettings;
  gatewaySecret?: string;
  production: boolean;
}

/** Reads BPIFRANCE_PORT, ECONOMIE_API_URL/_API_KEY/_TIMEOUT_MS/_RETRIES/_CACHE_TTL_MS, ECONOMIE_BREAKER_FAILURES/_BREAKER_RESET_MS, CACHE_URL. */
export function readBpifranceConfig(env: Record<string, string | undefined> = process.env): BpifranceConfig {
  return {
    ...readSubgraphBasics(env, 'BPIFRANCE_PORT', 4003),
    // Laureate lists are republished a few times a year: an hour of cache loses nothing.
    upstream: readUpstreamSettings(env, 'ECONOMIE', {
      baseUrl: 'http://localhost:4103',
      cacheTtlMs: 3_600_000,
      // The simulated portal allows 20 calls a second; stay just under it.
      minIntervalMs: 55,
    }),
    breaker: readBreakerSettings(env, 'ECONOMIE'),
    apiKey: env.ECONOMIE_API_KEY || undefined,
  };
}
