// Whole-response cache. Subgraphs give cache hints (@cacheControl → their Cache-Control header);
// @apollo/gateway folds them into the response's policy and Apollo Server writes it as the
// gateway's Cache-Control header. A response is kept for that max-age when it has no errors.
// The key holds the caller: anonymous callers share PUBLIC entries; an authenticated caller's
// entries are only ever served back to that same caller; PRIVATE answers of anonymous callers are
// not kept at all.
import { createHash } from 'node:crypto';
import type { Keyv } from 'keyv';
import type { CallerIdentity } from '../../../kit/src/gatewayIdentity.js';
import { LruMap } from '../../../kit/src/lruMap.js';
import { recordCacheLookup } from '../../../kit/src/metrics.js';

/** What the cache keeps of a response. */
export interface CachedResponse {
  /** The operation's name, for the metrics and logs of the hits. */
  operationName?: string;
  status: number;
  contentType: string;
  body: string;
  /** `public` or `private`, from the policy. */
  scope: string;
  storedAt: number;
  maxAgeSeconds: number;
}

/** What identifies a response: the operation, its inputs, the schema and who asked. */
export interface CacheKeyParts {
  schemaId: string;
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  accept?: string;
  caller: CallerIdentity;
}

/** Looks responses up, keeps the cacheable ones, and shares an execution between identical requests. */
export class ResponseCache {
  /** Executions running now, by cache key. */
  private readonly inFlight = new Map<string, Promise<{ body: unknown }>>();
  /**
   * The answers read or kept last, as objects, in front of the store: a hit on them costs a map
   * lookup instead of decoding the store's serialized copy (hundreds of kilobytes for a region's
   * picture) or a Redis round trip. They are the store's own entries and expire with them.
   */
  private readonly hot: LruMap<string, CachedResponse>;

  constructor(
    private readonly store: Keyv<CachedResponse>,
    hotMb = 32,
  ) {
    this.hot = new LruMap<string, CachedResponse>({
      maxEntries: 1_000,
      maxChars: hotMb * 1_048_576,
      sizeOf: (entry) => entry.body.length,
    });
  }

  /**
   * Runs `execute` for the first request of a key; identical requests (same key: same operation,
   * inputs, schema and caller) arriving while it runs wait for it and get its answer, so ten
   * dashboards opening the national picture at once execute it once. Only an answer `shareable`
   * accepts is shared (one the cache could have served); otherwise, or when the execution failed,
   * the waiting request executes on its own.
   */
  async coalesce<T extends { body: unknown }>(
    key: string,
    execute: () => Promise<T>,
    shareable: (answer: T) => boolean,
  ): Promise<{ response: T; shared: boolean }> {
    const running = this.inFlight.get(key) as Promise<T> | undefined;
    if (running) {
      const answer = await running.catch(() => undefined);
      if (answer && shareable(answer)) return { response: answer, shared: true };
      return { response: await execute(), shared: false };
    }
    const mine = execute();
    this.inFlight.set(key, mine);
    try {
      return { response: await mine, shared: false };
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** The cache key of a request. */
  key(parts: CacheKeyParts): string {
    const caller =
      parts.caller.kind === 'anonymous'
        ? 'anonymous'
        : `${parts.caller.kind}:${parts.caller.subject ?? ''}:${[...parts.caller.scopes].sort().join(' ')}`;
    return createHash('sha256')
      .update(
        JSON.stringify([
          parts.schemaId,
          parts.query,
          parts.operationName ?? null,
          parts.variables ?? null,
          parts.accept ?? '',
          caller,
        ]),
      )
      .digest('hex');
  }

  /** A fresh stored response, or undefined (Redis trouble counts as a miss). */
  async get(key: string): Promise<CachedResponse | undefined> {
    const hot = this.hot.get(key);
    let entry = hot;
    if (entry === undefined) {
      try {
        entry = await this.store.get(key);
      } catch {
        entry = undefined;
      }
    }
    const fresh = entry && Date.now() - entry.storedAt < entry.maxAgeSeconds * 1000 ? entry : undefined;
    // A hot hit is already the newest entry of the tier; a store hit joins it; a stale one leaves.
    if (!fresh) this.hot.delete(key);
    else if (fresh !== hot) this.hot.set(key, fresh);
    recordCacheLookup('response', fresh !== undefined);
    return fresh;
  }

  /**
   * Keeps a response when its Cache-Control header (Apollo's policy, set only for answers without
   * errors) allows it for this caller. Returns true when stored.
   */
  async maybeStore(
    key: string,
    caller: CallerIdentity,
    answer: {
      status: number;
      cacheControl?: string;
      contentType: string;
      body: string;
      operationName?: string;
    },
  ): Promise<boolean> {
    const { status, cacheControl, contentType, body, operationName } = answer;
    const policy = cachePolicy(status, cacheControl, caller);
    if (!policy) return false;
    const { maxAgeSeconds, scope } = policy;
    const entry: CachedResponse = {
      operationName,
      status,
      contentType,
      body,
      scope,
      storedAt: Date.now(),
      maxAgeSeconds,
    };
    try {
      await this.store.set(key, entry, maxAgeSeconds * 1000);
      this.hot.set(key, entry);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * How long an answer may be kept for this caller, from its status and Cache-Control header (Apollo's
 * policy, set only for answers without errors); undefined when it may not be kept.
 */
export function cachePolicy(
  status: number,
  cacheControl: string | undefined,
  caller: CallerIdentity,
): { maxAgeSeconds: number; scope: string } | undefined {
  const policy = /^max-age=(\d+), (public|private)$/.exec(cacheControl ?? '');
  if (status !== 200 || !policy) return undefined;
  const maxAgeSeconds = Number(policy[1]);
  const scope = policy[2] as string;
  if (maxAgeSeconds <= 0 || (scope === 'private' && caller.kind === 'anonymous')) return undefined;
  return { maxAgeSeconds, scope };
}

/** The Cache-Control header a cached answer goes out with, its max-age shortened by its age. */
export function cachedHeaders(entry: CachedResponse, caller: CallerIdentity): Record<string, string> {
  const age = Math.floor((Date.now() - entry.storedAt) / 1000);
  // An authenticated caller's answer must not sit in shared HTTP caches either.
  const scope = caller.kind === 'anonymous' ? entry.scope : 'private';
  return { 'cache-control': `max-age=${Math.max(0, entry.maxAgeSeconds - age)}, ${scope}`, age: String(age) };
}
