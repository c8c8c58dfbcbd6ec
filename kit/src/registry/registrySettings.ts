// Settings of the company registry client, read by a service's config module (RECHERCHE_ENTREPRISES_*).
import {
  readBreakerSettings,
  readUpstreamSettings,
  type BreakerSettings,
  type UpstreamSettings,
} from '../upstreamSettings.js';
import { RECHERCHE_ENTREPRISES_MIN_INTERVAL_MS, RECHERCHE_ENTREPRISES_URL } from './companyRegistryClient.js';

/** How the registry is reached. */
export interface RegistrySettings {
  upstream: UpstreamSettings;
  breaker: BreakerSettings;
}

/** A head office rarely moves: answers are kept 30 days before being asked again. */
export const REGISTRY_CACHE_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Reads RECHERCHE_ENTREPRISES_API_URL (default the real host), _TIMEOUT_MS, _RETRIES,
 * _CACHE_TTL_MS, _BREAKER_FAILURES, _BREAKER_RESET_MS and CACHE_URL. Pacing is fixed under the
 * API's rate (7 requests a second).
 */
export function readRegistrySettings(env: Record<string, string | undefined>): RegistrySettings {
  return {
    upstream: readUpstreamSettings(env, 'RECHERCHE_ENTREPRISES', {
      baseUrl: RECHERCHE_ENTREPRISES_URL,
      timeoutMs: 5_000,
      cacheTtlMs: REGISTRY_CACHE_TTL_MS,
      minIntervalMs: RECHERCHE_ENTREPRISES_MIN_INTERVAL_MS,
    }),
    breaker: readBreakerSettings(env, 'RECHERCHE_ENTREPRISES'),
  };
}
