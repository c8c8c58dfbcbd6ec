// Stale notices: one per operator, the oldest copy kept, written into the response extensions.
import { describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { StaleCollector, staleExtensionsPlugin, type StaleAwareContext } from '../src/upstream/stale.js';

describe('StaleCollector', () => {
  it('keeps one notice per operator with the oldest copy, and ignores fresh results', () => {
    const collector = new StaleCollector();
    collector.mark('vte', '2025-01-02T00:00:00.000Z');
    collector.mark('vte', '2025-01-01T00:00:00.000Z');
    collector.track('ademe', {
      value: 1,
      status: 200,
      headers: {},
      stale: false,
      fromCache: true,
      since: '2025-01-01',
    });
    collector.track('ademe', {
      value: 1,
      status: 200,
      headers: {},
      stale: true,
      fromCache: true,
      since: '2025-01-03T00:00:00.000Z',
    });
    expect(collector.list()).toEqual([
      { operator: 'ademe', since: '2025-01-03T00:00:00.000Z' },
      { operator: 'vte', since: '2025-01-01T00:00:00.000Z' },
    ]);
  });
});

describe('staleExtensionsPlugin', () => {
  const server = new ApolloServer<StaleAwareContext>({
    typeDefs: 'type Query { figure: Int }',
    resolvers: {
      Query: {
        figure: (_: unknown, __: unknown, ctx: StaleAwareContext) => {
          ctx.stale.mark('ademe', '2025-01-01T00:00:00.000Z');
          return 3;
        },
      },
    },
    plugins: [staleExtensionsPlugin<StaleAwareContext>()],
  });

  it('writes the notices into extensions.stale, and nothing when none was noted', async () => {
    const marked = await server.executeOperation(
      { query: '{ figure }' },
      { contextValue: { stale: new StaleCollector() } },
    );
    const plain = await server.executeOperation(
      { query: '{ __typename }' },
      { contextValue: { stale: new StaleCollector() } },
    );
    expect(marked.body.kind === 'single' && marked.body.singleResult.extensions).toEqual({
      stale: [{ operator: 'ademe', since: '2025-01-01T00:00:00.000Z' }],
    });
    expect(plain.body.kind === 'single' && plain.body.singleResult.extensions).toBeUndefined();
  });
});
