// Rate limits per caller: a fixed window of RATE_LIMIT_WINDOW_MS holding at most RATE_LIMIT_MAX
// requests, counted per API key, token subject, or IP for anonymous callers. With Redis the
// counters are shared by every gateway replica (one atomic script per request).
import type { IncomingHttpHeaders } from 'node:http';
import type { RedisClientType } from '@keyv/redis';
import { ErrorCode } from '../../../kit/src/errors.js';
import type { CallerIdentity } from '../../../kit/src/gatewayIdentity.js';
import { HttpError } from '../../../kit/src/http.js';
import type { Logger } from '../observability/logger.js';
import { recordRateLimited } from '../observability/metrics.js';

/** The verdict for one request. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (for Retry-After). */
  resetSeconds: number;
}

/** Counts a caller's requests and says whether one more is allowed. */
export interface RateLimiter {
  hit(callerKey: string): Promise<RateDecision>;
}

// INCR then set the window's expiry on the first hit; returns the count and the time left.
const WINDOW_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }`;

/** Makes the limiter: on Redis when a client is given, in memory otherwise. */
export function createRateLimiter(options: {
  max: number;
  windowMs: number;
  redis?: RedisClientType;
  logger: Logger;
}): RateLimiter {
  const { max, windowMs } = options;
  const decide = (count: number, msLeft: number): RateDecision => ({
    allowed: count <= max,
    limit: max,
    remaining: Math.max(0, max - count),
    resetSeconds: Math.max(1, Math.ceil(msLeft / 1000)),
  });
  const redis = options.redis;
  if (redis) {
    return {
      async hit(callerKey) {
        try {
          const [count, ttl] = (await redis.eval(WINDOW_SCRIPT, {
            keys: [`territoires:ratelimit:${callerKey}`],
            arguments: [String(windowMs)],
          })) as [number, number];
          return decide(count, ttl);
        } catch (error) {
          // Redis away: let the request through rather than refuse everyone.
          options.logger.warn('rate limit store unavailable; request allowed', {
            error: (error as Error).message,
          });
          return decide(0, windowMs);
        }
      },
    };
  }
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = Date.now() + windowMs;
  return {
    async hit(callerKey) {
      const now = Date.now();
      if (now >= nextSweep) {
        // Forget finished windows so the map holds only callers seen in the current window.
        for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key);
        nextSweep = now + windowMs;
      }
      let window = windows.get(callerKey);
      if (!window || window.resetAt <= now)
        windows.set(callerKey, (window = { count: 0, resetAt: now + windowMs }));
      window.count++;
      return decide(window.count, window.resetAt - now);
    },
  };
}

/** A 429 with the headers that say when to come back. */
export class RateLimitError extends HttpError {
  constructor(message: string, headers: Record<string, string>) {
    super(429, ErrorCode.RATE_LIMITED, message, headers);
  }
}

/** Where a request comes from, as the rate limiter counts it. */
export interface RateLimitSubject {
  caller: CallerIdentity;
  headers: IncomingHttpHeaders;
  remoteAddress?: string;
}

/**
 * Counts one request of its caller (API key, token subject, or IP when anonymous); answers the
 * `ratelimit-*` headers, or throws a RateLimitError when the caller is over its limit.
 */
export async function admitRequest(
  limiter: RateLimiter,
  subject: RateLimitSubject,
  options: { windowMs: number; trustProxy: boolean },
): Promise<Record<string, string>> {
  const { caller } = subject;
  const key =
    caller.kind === 'anonymous'
      ? `ip:${clientIp(subject, options.trustProxy)}`
      : `${caller.kind}:${caller.subject ?? ''}`;
  const decision = await limiter.hit(key);
  const headers = {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
  };
  if (decision.allowed) return headers;
  recordRateLimited(caller.kind);
  throw new RateLimitError(
    `Too many requests: ${decision.limit} per ${Math.round(options.windowMs / 1000)} s for this caller. Retry in ${decision.resetSeconds} s.`,
    { ...headers, 'retry-after': String(decision.resetSeconds) },
  );
}

function clientIp(subject: RateLimitSubject, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = subject.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return subject.remoteAddress ?? 'unknown';
}
