// Configuration of the dgefp subgraph: the only place it reads the environment.
import { readSubgraphBasics } from '../../../kit/src/env.js';
import { readWindowSettings, type WindowSettings } from '../../../kit/src/mirror/windowSettings.js';
import {
  readBreakerSettings,
  readUpstreamSettings,
  type BreakerSettings,
  type UpstreamSettings,
} from '../../../kit/src/upstreamSettings.js';

/** The operator id this subgraph answers for, in errors, stale notices and its cache namespace. */
export const OPERATOR_ID = 'dgefp';

/** Settings of the dgefp subgraph. */
export interface DgefpConfig {
  port: number;
  host: string;
  /** The DGEFP API (its simulator by default). */
  upstream: UpstreamSettings;
  /** Consecutive failures that open the circuit breaker, and how long it stays open. */
  breaker: BreakerSettings;
  /** The window of the programme's actions in the mirror (DGEFP_WINDOW_SYNC_INTERVAL, _MAX_AGE). */
  window: WindowSettings;
  gatewaySecret?: string;
  production: boolean;
}

/** Reads DGEFP_PORT, DGEFP_API_URL/_TIMEOUT_MS/_RETRIES/_CACHE_TTL_MS, DGEFP_BREAKER_*, CACHE_URL. */
export function readDgefpConfig(env: Record<string, string | undefined> = process.env): DgefpConfig {
  return {
    ...readSubgraphBasics(env, 'DGEFP_PORT', 4011),
    upstream: readUpstreamSettings(env, 'DGEFP', {
      baseUrl: 'http://localhost:4111',
      // How long an answer stays fresh: set it to how often the upstream publishes.
      cacheTtlMs: 600_000,
      // The upstream allows 10 calls a second; a little under it absorbs timer jitter.
      minIntervalMs: 110,
    }),
    breaker: readBreakerSettings(env, 'DGEFP'),
    window: readWindowSettings(env, 'DGEFP'),
  };
}
