// Settings every operator subgraph reads for its upstream, under the upstream's own prefix
// (`<SOURCE>_API_URL`, `<SOURCE>_TIMEOUT_MS`, `<SOURCE>_CACHE_TTL_MS`, `<SOURCE>_BREAKER_*`), plus the
// shared CACHE_URL.
// Called only from a service's config module, which passes it the environment.
import { readInt, readUrl } from './env.js';

type Env = Record<string, string | undefined>;

/** How a subgraph reaches and protects one upstream. */
export interface UpstreamSettings {
  /** Base URL of the upstream: its simulator by default, the real host in a deployment. */
  baseUrl: string;
  /** Timeout of one attempt. */
  timeoutMs: number;
  /** Extra attempts for idempotent calls. */
  retries: number;
  /** How long a cached answer is served without asking again (0 = always ask, keep for stale). */
  cacheTtlMs: number;
  /** Pacing between call starts, to stay under the upstream's documented rate. */
  minIntervalMs: number;
  /** `redis://…` to share the cache between replicas; in memory when absent. */
  cacheUrl?: string;
  /** Without Redis: most megabytes of serialized answers the in-memory cache keeps. */
  memoryCacheMb: number;
}

/** Defaults of one upstream. */
export interface UpstreamDefaults {
  baseUrl: string;
  timeoutMs?: number;
  retries?: number;
  cacheTtlMs: number;
  minIntervalMs?: number;
}

/** Megabytes of serialized answers an in-memory upstream cache keeps by default (UPSTREAM_MEMORY_CACHE_MB). */
export const DEFAULT_MEMORY_CACHE_MB = 64;

/**
 * Reads `<prefix>_API_URL`, `<prefix>_TIMEOUT_MS`, `<prefix>_RETRIES`, `<prefix>_CACHE_TTL_MS`,
 * CACHE_URL and UPSTREAM_MEMORY_CACHE_MB.
 */
export function readUpstreamSettings(env: Env, prefix: string, defaults: UpstreamDefaults): UpstreamSettings {
  return {
    baseUrl: readUrl(env, `${prefix}_API_URL`, defaults.baseUrl) ?? defaults.baseUrl,
    timeoutMs: readInt(env, `${prefix}_TIMEOUT_MS`, defaults.timeoutMs ?? 2_000, 1),
    retries: readInt(env, `${prefix}_RETRIES`, defaults.retries ?? 2, 0),
    cacheTtlMs: readInt(env, `${prefix}_CACHE_TTL_MS`, defaults.cacheTtlMs, 0),
    minIntervalMs: defaults.minIntervalMs ?? 0,
    cacheUrl: readUrl(env, 'CACHE_URL', undefined),
    memoryCacheMb: readInt(env, 'UPSTREAM_MEMORY_CACHE_MB', DEFAULT_MEMORY_CACHE_MB, 1),
  };
}

/** When an upstream's circuit breaker opens, and how long it stays open before a probe. */
export interface BreakerSettings {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before one call probes the upstream again. */
  resetMs: number;
}

/** Reads `<prefix>_BREAKER_FAILURES` (default 5) and `<prefix>_BREAKER_RESET_MS` (default 10 s). */
export function readBreakerSettings(env: Env, prefix: string): BreakerSettings {
  return {
    failureThreshold: readInt(env, `${prefix}_BREAKER_FAILURES`, 5, 1),
    resetMs: readInt(env, `${prefix}_BREAKER_RESET_MS`, 10_000, 1),
  };
}
