// Configuration of the business-france subgraph: the only place it reads the environment.
import { readSubgraphBasics } from '../../../kit/src/env.js';
import { readWindowSettings, type WindowSettings } from '../../../kit/src/mirror/windowSettings.js';
import {
  readBreakerSettings,
  readUpstreamSettings,
  type BreakerSettings,
  type UpstreamSettings,
} from '../../../kit/src/upstreamSettings.js';

/** The operator id this subgraph answers for, in errors, stale notices and its cache namespace. */
export const OPERATOR_ID = 'business-france';

/** Settings of the business-france subgraph. */
export interface BusinessFranceConfig {
  port: number;
  host: string;
  /** The Business France backend (its simulator by default: there is no public API). */
  upstream: UpstreamSettings;
  /** Consecutive failures that open the circuit breaker, and how long it stays open. */
  breaker: BreakerSettings;
  /** The window of the programme's projects and sites in the mirror (BUSINESS_FRANCE_WINDOW_SYNC_INTERVAL, _MAX_AGE). */
  window: WindowSettings;
  gatewaySecret?: string;
  production: boolean;
}

/** Reads BUSINESS_FRANCE_PORT, BUSINESS_FRANCE_API_URL/_TIMEOUT_MS/_RETRIES/_CACHE_TTL_MS, BUSINESS_FRANCE_BREAKER_FAILURES/_BREAKER_RESET_MS, CACHE_URL. */
export function readBusinessFranceConfig(
  env: Record<string, string | undefined> = process.env,
): BusinessFranceConfig {
  return {
    ...readSubgraphBasics(env, 'BUSINESS_FRANCE_PORT', 4006),
    // Investment projects are announced a few a week nationwide: 30 minutes of cache.
    upstream: readUpstreamSettings(env, 'BUSINESS_FRANCE', {
      baseUrl: 'http://localhost:4106',
      cacheTtlMs: 1_800_000,
      // The backend allows 10 calls a second; stay just under it.
      minIntervalMs: 110,
    }),
    breaker: readBreakerSettings(env, 'BUSINESS_FRANCE'),
    window: readWindowSettings(env, 'BUSINESS_FRANCE'),
  };
}
