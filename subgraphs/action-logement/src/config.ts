// Configuration of the action-logement subgraph: the only place it reads the environment.
import { readSubgraphBasics } from '../../../kit/src/env.js';
import { readWindowSettings, type WindowSettings } from '../../../kit/src/mirror/windowSettings.js';
import {
  readBreakerSettings,
  readUpstreamSettings,
  type BreakerSettings,
  type UpstreamSettings,
} from '../../../kit/src/upstreamSettings.js';

/** The operator id this subgraph answers for, in errors, stale notices and its cache namespace. */
export const OPERATOR_ID = 'action-logement';

/** Settings of the action-logement subgraph. */
export interface ActionLogementConfig {
  port: number;
  host: string;
  /** The Action Logement API (its simulator by default). */
  upstream: UpstreamSettings;
  /** Consecutive failures that open the circuit breaker, and how long it stays open. */
  breaker: BreakerSettings;
  /** The window of the programme's aids and agreements in the mirror (ACTION_LOGEMENT_WINDOW_SYNC_INTERVAL, _MAX_AGE). */
  window: WindowSettings;
  gatewaySecret?: string;
  production: boolean;
}

/** Reads ACTION_LOGEMENT_PORT, ACTION_LOGEMENT_API_URL/_TIMEOUT_MS/_RETRIES/_CACHE_TTL_MS, ACTION_LOGEMENT_BREAKER_*, CACHE_URL. */
export function readActionLogementConfig(
  env: Record<string, string | undefined> = process.env,
): ActionLogementConfig {
  return {
    ...readSubgraphBasics(env, 'ACTION_LOGEMENT_PORT', 4010),
    upstream: readUpstreamSettings(env, 'ACTION_LOGEMENT', {
      baseUrl: 'http://localhost:4110',
      // How long an answer stays fresh: set it to how often the upstream publishes.
      cacheTtlMs: 600_000,
      // The upstream allows 10 calls a second; a little under it absorbs timer jitter.
      minIntervalMs: 110,
    }),
    breaker: readBreakerSettings(env, 'ACTION_LOGEMENT'),
    window: readWindowSettings(env, 'ACTION_LOGEMENT'),
  };
}
