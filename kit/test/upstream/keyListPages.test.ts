// Reading an upstream by lists of keys, every page: items in the lists' order, and a failing list
// stops the others from asking for more pages (a failed read must not go on spending the API's
// rate on pages nobody will use).
import { describe, expect, it } from 'vitest';
import { readKeyListPages, type KeyListPage } from '../../src/upstream/keyListPages.js';
import type { UpstreamResult } from '../../src/upstream/upstreamClient.js';

const page = <T>(total: number, items: T[]): UpstreamResult<KeyListPage<T>> => ({
  value: { total, items },
  status: 200,
  headers: {},
  stale: false,
  fromCache: false,
});

describe('readKeyListPages', () => {
  it('reads every page of every list, items in the lists’ order', async () => {
    const asked: string[] = [];
    const found = await readKeyListPages(
      ['c', 'a', 'b', 'a'],
      { perCall: 2, pageSize: 2 },
      async (list, offset) => {
        asked.push(`${list}@${offset}`);
        const keys = list.split(',');
        const all = keys.flatMap((k) => [`${k}1`, `${k}2`, `${k}3`]);
        return page(all.length, all.slice(offset, offset + 2));
      },
    );
    expect(found.items).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'c1', 'c2', 'c3']);
    expect(asked.sort()).toEqual(['a,b@0', 'a,b@2', 'a,b@4', 'c@0', 'c@2']);
  });

  it('fails with the first failing list, and the other lists ask for no further page', async () => {
    const asked: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reading = readKeyListPages(['a', 'b'], { perCall: 1, pageSize: 1 }, async (list, offset) => {
      asked.push(`${list}@${offset}`);
      if (list === 'a') throw new Error('list a failed');
      // List b's first page answers only once list a has failed.
      await gate;
      return page(10, [`${list}${offset}`]);
    });
    await expect(reading.finally(release)).rejects.toThrow('list a failed');
    await gate;
    // Let list b's loop run after its first page: it must stop there.
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual(['a@0', 'b@0']);
  });
});
