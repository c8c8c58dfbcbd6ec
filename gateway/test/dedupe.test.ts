import { describe, expect, it } from 'vitest';
import { cloneJson, dedupeRepresentations, InflightShare, sharingScope } from '../src/fetch/dedupe.js';

describe('dedupeRepresentations', () => {
  it('sends each distinct representation once, in first-seen order', () => {
    const deduped = dedupeRepresentations([
      { __typename: 'Product', upc: '1' },
      { __typename: 'Product', upc: '2' },
      { __typename: 'Product', upc: '1' },
    ]);
    expect(deduped?.unique).toEqual([
      { __typename: 'Product', upc: '1' },
      { __typename: 'Product', upc: '2' },
    ]);
  });

  it('leaves a list without duplicates alone', () => {
    expect(
      dedupeRepresentations([
        { __typename: 'User', id: '1' },
        { __typename: 'User', id: '2' },
      ]),
    ).toBeUndefined();
    expect(dedupeRepresentations(undefined)).toBeUndefined();
  });

  it('keeps a number and a string of the same digits apart', () => {
    const deduped = dedupeRepresentations([
      { __typename: 'T', id: 1 },
      { __typename: 'T', id: '1' },
      { __typename: 'T', id: 1 },
    ]);
    expect(deduped?.unique).toHaveLength(2);
  });

  it('collapses representations with nested key fields', () => {
    const deduped = dedupeRepresentations([
      { __typename: 'T', key: { a: 1 } },
      { __typename: 'T', key: { a: 1 } },
    ]);
    expect(deduped?.unique).toEqual([{ __typename: 'T', key: { a: 1 } }]);
  });

  it('gives every original position its own copy of the entity', () => {
    const deduped = dedupeRepresentations([
      { __typename: 'U', id: '1' },
      { __typename: 'U', id: '2' },
      { __typename: 'U', id: '1' },
    ]);
    const body = deduped?.expand({ data: { _entities: [{ name: 'a' }, { name: 'b' }] } });
    const entities = body?.data?._entities as { name: string }[];
    expect(entities).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'a' }]);
    expect(entities[2]).not.toBe(entities[0]);
  });

  it('points an entity error at every position that asked for that entity', () => {
    const deduped = dedupeRepresentations([
      { __typename: 'U', id: '1' },
      { __typename: 'U', id: '2' },
      { __typename: 'U', id: '1' },
    ]);
    const body = deduped?.expand({
      data: { _entities: [null, { name: 'b' }] },
      errors: [{ message: 'gone', path: ['_entities', 0, 'name'] }, { message: 'whole' }],
    });
    expect(body?.errors).toEqual([
      { message: 'gone', path: ['_entities', 0, 'name'] },
      { message: 'gone', path: ['_entities', 2, 'name'] },
      { message: 'whole' },
    ]);
  });
});

describe('InflightShare', () => {
  it('runs identical calls made while the first is in flight once', async () => {
    const share = new InflightShare<number>();
    let runs = 0;
    let release: (value: number) => void = () => undefined;
    const run = () => {
      runs++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const first = share.share('k', run);
    const second = share.share('k', run);
    const other = share.share('other', () => Promise.resolve(7));
    release(42);
    expect(await Promise.all([first, second, other])).toEqual([42, 42, 7]);
    expect(runs).toBe(1);
  });

  it('runs again once the first call has settled, even when it failed', async () => {
    const share = new InflightShare<number>();
    await expect(share.share('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await share.share('k', () => Promise.resolve(1))).toBe(1);
    expect(share.size).toBe(0);
  });
});

describe('sharingScope', () => {
  it('ignores headers that never change an answer, whatever their order or case', () => {
    const a = sharingScope([
      ['User-Agent', 'x'],
      ['authorization', 'Bearer t'],
      ['x-request-id', '1'],
    ]);
    const b = sharingScope([
      ['Authorization', 'Bearer t'],
      ['x-request-id', '2'],
    ]);
    expect(a).toBe(b);
  });

  it('keeps callers with different credentials or unknown headers apart', () => {
    expect(sharingScope([['authorization', 'Bearer a']])).not.toBe(
      sharingScope([['authorization', 'Bearer b']]),
    );
    expect(sharingScope([['x-tenant', '1']])).not.toBe(sharingScope([['x-tenant', '2']]));
  });
});

describe('cloneJson', () => {
  it('copies nested objects and arrays', () => {
    const value = { a: [{ b: 1 }], c: null };
    const copy = cloneJson(value);
    expect(copy).toEqual(value);
    expect(copy.a[0]).not.toBe(value.a[0]);
  });
});
