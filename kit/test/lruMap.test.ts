import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { LruMap } from '../src/lruMap.js';
import { createUpstreamCache } from '../src/upstream/cache.js';

describe('LruMap', () => {
  it('drops the least recently used entry past its entry bound', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    expect(map.get('a')).toBe(1); // a is now the newest
    map.set('c', 3);
    expect([...map.keys()]).toEqual(['a', 'c']);
  });

  it('keeps the characters of its string values within the byte bound', () => {
    const map = new LruMap<string, string>({ maxEntries: 100, maxChars: 10 });
    map.set('a', 'xxxx').set('b', 'yyyy');
    expect(map.heldChars).toBe(8);
    map.set('c', 'zzzz');
    expect([...map.keys()]).toEqual(['b', 'c']);
    expect(map.heldChars).toBe(8);
    map.set('b', 'y'); // replacing counts the new value only
    expect(map.heldChars).toBe(5);
    map.delete('c');
    expect(map.heldChars).toBe(1);
  });

  it('does not keep a value larger than the whole bound, nor evict for it', () => {
    const map = new LruMap<string, string>({ maxEntries: 100, maxChars: 10 });
    map.set('small', 'abc');
    map.set('huge', 'x'.repeat(11));
    expect(map.has('huge')).toBe(false);
    expect(map.get('small')).toBe('abc');
    map.clear();
    expect(map.heldChars).toBe(0);
  });

  it('bounds the bytes of a keyv in-memory store', async () => {
    const store = new LruMap<string, unknown>({ maxEntries: 100, maxChars: 4_000 });
    const keyv = new Keyv({ store, namespace: 'test' });
    for (let i = 0; i < 10; i++) await keyv.set(`page-${i}`, { rows: 'r'.repeat(1_000) });
    expect(store.heldChars).toBeLessThanOrEqual(4_000);
    expect(await keyv.get('page-9')).toEqual({ rows: 'r'.repeat(1_000) });
    expect(await keyv.get('page-0')).toBeUndefined();
  });
});

describe('createUpstreamCache in memory', () => {
  it('forgets the oldest answers past its megabyte bound', async () => {
    const cache = createUpstreamCache({ namespace: 'ademe:data-fair', memoryMb: 1 });
    const page = 'p'.repeat(300_000);
    for (let i = 0; i < 5; i++) await cache.set(`page-${i}`, page);
    expect(await cache.get('page-4')).toBe(page);
    expect(await cache.get('page-0')).toBeUndefined();
  });
});
