// Configuration of the vte subgraph: the only place it reads the environment.
import { readSubgraphBasics } from '../../../kit/src/env.js';
import { readWindowSettings, type WindowSettings } from '../../../kit/src/mirror/windowSettings.js';
import {
  readBreakerSettings,
  readUpstreamSettings,
  type BreakerSettings,
  type UpstreamSettings,
} from '../../../kit/src/upstreamSettings.js';

/** The operator id this subgraph answers for, in errors, stale notices and its cache namespace. */
export const OPERATOR_ID = 'vte';

/** Settings of the vte subgraph. */
export interface VteConfig {
  port: number;
  host: string;
  /** The VTE backend (its simulator by default). */
  upstream: UpstreamSettings;
  /** Consecutive failures that open the circuit breaker, and how long it stays open. */
  breaker: BreakerSettings;
  /** The window of the programme's offers and aids in the mirror (VTE_WINDOW_SYNC_INTERVAL, VTE_WINDOW_MAX_AGE). */
  window: WindowSettings;
  gatewaySecret?: string;
  production: boolean;
}

/** Reads VTE_PORT, VTE_API_URL/_TIMEOUT_MS/_RETRIES/_CACHE_TTL_MS, VTE_BREAKER_FAILURES/_BREAKER_RESET_MS, VTE_WINDOW_SYNC_INTERVAL/_MAX_AGE, CACHE_URL. */
export function readVteConfig(env: Record<string, string | undefined> = process.env): VteConfig {
  return {
    ...readSubgraphBasics(env, 'VTE_PORT', 4007),
    upstream: readUpstreamSettings(env, 'VTE', {
      baseUrl: 'http://localhost:4107',
      // Offers are published daily at most: half an hour of cache.
      cacheTtlMs: 1_800_000,
      // The backend allows 10 calls a second; a little under it absorbs timer jitter.
      minIntervalMs: 110,
    }),
    breaker: readBreakerSettings(env, 'VTE'),
    window: readWindowSettings(env, 'VTE'),
  };
}
