// The gateway's side of stale marking: subgraph notices recorded per request and merged.
import { describe, expect, it } from 'vitest';
import { noteSubgraphStale, staleNoticesOf } from '../src/fetch/staleExtensions.js';

describe('noteSubgraphStale', () => {
  it('merges notices of several subgraph responses, one per operator, the oldest copy kept', () => {
    const context = {};
    noteSubgraphStale(context, { stale: [{ operator: 'vte', since: '2025-01-02T00:00:00.000Z' }] });
    noteSubgraphStale(context, { stale: [{ operator: 'vte', since: '2025-01-01T00:00:00.000Z' }] });
    noteSubgraphStale(context, { stale: [{ operator: 'ademe', since: '2025-01-03T00:00:00.000Z' }] });
    expect(staleNoticesOf(context)).toEqual([
      { operator: 'ademe', since: '2025-01-03T00:00:00.000Z' },
      { operator: 'vte', since: '2025-01-01T00:00:00.000Z' },
    ]);
  });

  it('ignores responses without notices and notices of the wrong shape', () => {
    const context = {};
    noteSubgraphStale(context, undefined);
    noteSubgraphStale(context, { stale: 'yes' });
    noteSubgraphStale(context, { stale: [{ operator: 3 }, null] });
    noteSubgraphStale(undefined, { stale: [{ operator: 'vte', since: 'x' }] });
    expect(staleNoticesOf(context)).toEqual([]);
  });

  it('keeps each request’s notices to itself', () => {
    const first = {};
    noteSubgraphStale(first, { stale: [{ operator: 'vte', since: '2025-01-01T00:00:00.000Z' }] });
    expect(staleNoticesOf({})).toEqual([]);
  });
});
