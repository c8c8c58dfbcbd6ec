// Configuration of the apec subgraph: the only place it reads the environment.
import { readSubgraphBasics } from '../../../kit/src/env.js';
import {
  readBreakerSettings,
  readUpstreamSettings,
  type BreakerSettings,
  type UpstreamSettings,
} from '../../../kit/src/upstreamSettings.js';

/** The operator id this subgraph answers for, in errors, stale notices and its cache namespace. */
export const OPERATOR_ID = 'apec';

/** Settings of the apec subgraph. */
export interface ApecConfig {
  port: number;
  host: string;
  /** The Apec API (its simulator by default). */
  upstream: UpstreamSettings;
  /** Consecutive failures that open the circuit breaker, and how long it stays open. */
  breaker: BreakerSettings;
  gatewaySecret?: string;
  production: boolean;
}

/** Reads APEC_PORT, APEC_API_URL/_TIMEOUT_MS/_RETRIES/_CACHE_TTL_MS, APEC_BREAKER_*, CACHE_URL. */
export function readApecConfig(env: Record<string, string | undefined> = process.env): ApecConfig {
  return {
    ...readSubgraphBasics(env, 'APEC_PORT', 4009),
    upstream: readUpstreamSettings(env, 'APEC', {
      baseUrl: 'http://localhost:4109',
      // How long an answer stays fresh: set it to how often the upstream publishes.
      cacheTtlMs: 600_000,
      // The upstream allows 10 calls a second; a little under it absorbs timer jitter.
      minIntervalMs: 110,
    }),
    breaker: readBreakerSettings(env, 'APEC'),
  };
}
