import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import type { CallerIdentity } from '../../kit/src/gatewayIdentity.js';
import { LruMap } from '../../kit/src/lruMap.js';
import { ResponseCache, type CachedResponse } from '../src/pipeline/responseCache.js';

const anonymous = { kind: 'anonymous', scopes: new Set<string>() } as unknown as CallerIdentity;

/** A keyv memory store that counts its reads. */
function countingStore(): { keyv: Keyv<CachedResponse>; reads: () => number } {
  let reads = 0;
  const map = new LruMap<string, unknown>(100);
  const get = map.get.bind(map);
  map.get = (key: string) => {
    reads++;
    return get(key);
  };
  return { keyv: new Keyv<CachedResponse>({ store: map }), reads: () => reads };
}

const answer = (body: string, maxAge = 60) => ({
  status: 200,
  cacheControl: `max-age=${maxAge}, public`,
  contentType: 'application/json',
  body,
});

describe('ResponseCache', () => {
  it('serves a kept answer from its hot tier without reading the store again', async () => {
    const { keyv, reads } = countingStore();
    const cache = new ResponseCache(keyv, 1);
    expect(await cache.maybeStore('k', anonymous, answer('{"data":1}'))).toBe(true);
    const before = reads();
    expect((await cache.get('k'))?.body).toBe('{"data":1}');
    expect((await cache.get('k'))?.body).toBe('{"data":1}');
    expect(reads()).toBe(before);
  });

  it('reads the store when the hot tier is off or too small, and keeps what it read', async () => {
    const { keyv, reads } = countingStore();
    const off = new ResponseCache(keyv, 0);
    await off.maybeStore('k', anonymous, answer('{"data":2}'));
    const before = reads();
    expect((await off.get('k'))?.body).toBe('{"data":2}');
    expect(reads()).toBe(before + 1);
    // Another instance (a replica sharing the store) finds it there once, then in its own tier.
    const replica = new ResponseCache(keyv, 1);
    await replica.get('k');
    await replica.get('k');
    expect(reads()).toBe(before + 2);
  });

  it('lets a hot entry expire with its max-age', async () => {
    const { keyv } = countingStore();
    const cache = new ResponseCache(keyv, 1);
    await cache.maybeStore('k', anonymous, answer('{"data":3}', 1));
    expect(await cache.get('k')).toBeDefined();
    const realNow = Date.now;
    Date.now = () => realNow() + 1_500;
    try {
      expect(await cache.get('k')).toBeUndefined();
    } finally {
      Date.now = realNow;
    }
  });

  it('executes identical work once while it runs, and shares only what the predicate accepts', async () => {
    const cache = new ResponseCache(countingStore().keyv, 1);
    let runs = 0;
    const slow = async () => {
      runs++;
      await new Promise((resolve) => setImmediate(resolve));
      return { body: `answer ${runs}` };
    };
    const shared = await Promise.all([1, 2, 3].map(() => cache.coalesce('k', slow, () => true)));
    expect(runs).toBe(1);
    expect(shared.map((s) => s.shared)).toEqual([false, true, true]);
    const refused = await Promise.all([1, 2].map(() => cache.coalesce('k2', slow, () => false)));
    expect(runs).toBe(3);
    expect(refused.map((s) => s.shared)).toEqual([false, false]);
  });
});
