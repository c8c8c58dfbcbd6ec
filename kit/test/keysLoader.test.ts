// Lists asked by many keys at once: one batch for every key of the tick, answers in key order.
import { describe, expect, it } from 'vitest';
import { keysLoader } from '../src/keysLoader.js';

describe('keysLoader', () => {
  it('calls the batch once with every key of every list, each once, in the order first asked', async () => {
    const batches: string[][] = [];
    const loader = keysLoader<string, string>(async (keys) => {
      batches.push([...keys]);
      return keys.map((key) => [`${key}1`, `${key}2`]);
    });
    const [a, b] = await Promise.all([loader.load(['c', 'a']), loader.load(['a', 'b'])]);
    expect(batches).toEqual([['c', 'a', 'b']]);
    expect(a).toEqual(['c1', 'c2', 'a1', 'a2']);
    expect(b).toEqual(['a1', 'a2', 'b1', 'b2']);
  });

  it('fails a list with the first of its keys that failed, and only the lists holding one', async () => {
    const loader = keysLoader<string, number>(async (keys) =>
      keys.map((key) => (key.startsWith('bad') ? new Error(`no ${key}`) : [key.length])),
    );
    const [good, bad] = await Promise.allSettled([
      loader.load(['x', 'yy']),
      loader.load(['x', 'bad1', 'bad2']),
    ]);
    expect(good).toEqual({ status: 'fulfilled', value: [1, 2] });
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('no bad1') });
  });

  it('keeps each list to its own keys when no key repeats, even after a failed one', async () => {
    const loader = keysLoader<string, string>(async (keys) =>
      keys.map((key) => (key === 'bad' ? new Error('no bad') : [key.toUpperCase()])),
    );
    const [first, second] = await Promise.allSettled([
      loader.load(['a', 'bad', 'c']),
      loader.load(['d', 'e']),
    ]);
    expect(first).toMatchObject({ status: 'rejected', reason: new Error('no bad') });
    expect(second).toEqual({ status: 'fulfilled', value: ['D', 'E'] });
  });

  it('answers an empty list at once, without a batch', async () => {
    let calls = 0;
    const loader = keysLoader<string, string>(async (keys) => {
      calls++;
      return keys.map(() => []);
    });
    expect(await loader.load([])).toEqual([]);
    expect(calls).toBe(0);
  });

  it('refuses a batch that does not answer every key', async () => {
    const loader = keysLoader<string, string>(async () => [[]]);
    await expect(loader.load(['a', 'b'])).rejects.toThrow('answer each of its 2 keys in order; it gave 1');
  });
});
