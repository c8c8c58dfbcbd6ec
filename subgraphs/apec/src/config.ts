// Configuration of the apec subgraph: the only place it reads the environment.
import { fileURLToPath } from 'node:url';
import { readString, readSubgraphBasics } from '../../../kit/src/env.js';
import { readWindowSettings, type WindowSettings } from '../../../kit/src/mirror/windowSettings.js';
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
  /** APEC's search service (its simulator by default; the real one is https://www.apec.fr). */
  upstream: UpstreamSettings;
  /** Consecutive failures that open the circuit breaker, and how long it stays open. */
  breaker: BreakerSettings;
  /** The window of the programme departments' offers in the mirror (APEC_WINDOW_SYNC_INTERVAL, _MAX_AGE). */
  window: WindowSettings;
  /** The INSEE geography, to place offers (APEC gives "City - department", no commune code). */
  geoDir: string;
  gatewaySecret?: string;
  production: boolean;
}

/** Reads APEC_PORT, APEC_API_URL/_TIMEOUT_MS/_RETRIES/_CACHE_TTL_MS, APEC_BREAKER_*, GEO_DIR, CACHE_URL. */
export function readApecConfig(env: Record<string, string | undefined> = process.env): ApecConfig {
  return {
    ...readSubgraphBasics(env, 'APEC_PORT', 4009),
    upstream: readUpstreamSettings(env, 'APEC', {
      baseUrl: 'http://localhost:4109',
      // Offers are published through the day: ten minutes of cache.
      cacheTtlMs: 600_000,
      // APEC publishes no rate; we keep under 10 calls a second (ASSUMED, as the simulator).
      minIntervalMs: 110,
    }),
    breaker: readBreakerSettings(env, 'APEC'),
    window: readWindowSettings(env, 'APEC'),
    geoDir: readString(env, 'GEO_DIR', fileURLToPath(new URL('../../../data/geo', import.meta.url))),
  };
}
