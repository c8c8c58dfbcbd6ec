// The in-process tier of parsed upstream answers: expiry and bounds.
import { describe, expect, it } from 'vitest';
import { ParsedCache } from '../src/upstream/parsedCache.js';

const entry = (value: unknown, bytes = 10) => ({ value, status: 200, headers: {}, storedAt: 0, bytes });

describe('ParsedCache', () => {
  it('serves an entry until its freshness ends, then forgets it', () => {
    let now = 1_000;
    const cache = new ParsedCache({}, () => now);
    cache.set('a', entry('A'), 2_000);
    now = 1_999;
    expect(cache.get('a')?.value).toBe('A');
    now = 2_000;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.heldBytes).toBe(0);
  });

  it('never keeps an entry longer than its max age, even when fresher upstream', () => {
    let now = 0;
    const cache = new ParsedCache({ maxAgeMs: 100 }, () => now);
    cache.set('a', entry('A'), 10_000);
    now = 100;
    expect(cache.get('a')).toBeUndefined();
  });

  it('evicts the least recently used entry past the entry bound', () => {
    const cache = new ParsedCache({ maxEntries: 2 });
    cache.set('a', entry('A'), Infinity);
    cache.set('b', entry('B'), Infinity);
    cache.get('a'); // a is now the most recently used
    cache.set('c', entry('C'), Infinity);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.value).toBe('A');
    expect(cache.get('c')?.value).toBe('C');
  });

  it('evicts past the byte bound and refuses an answer bigger than the bound', () => {
    const cache = new ParsedCache({ maxBytes: 100 });
    cache.set('a', entry('A', 60), Infinity);
    cache.set('b', entry('B', 60), Infinity);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.heldBytes).toBe(60);
    cache.set('huge', entry('H', 101), Infinity);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('b')?.value).toBe('B');
  });

  it('replaces an entry under the same key without counting its bytes twice', () => {
    const cache = new ParsedCache();
    cache.set('a', entry('A1', 40), Infinity);
    cache.set('a', entry('A2', 30), Infinity);
    expect(cache.get('a')?.value).toBe('A2');
    expect(cache.heldBytes).toBe(30);
  });
});
