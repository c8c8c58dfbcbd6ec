// The subgraphs' Cache-Control header: the same as Apollo Server's stock cache-control plugin
// gives, for every shape of hint, without the stock plugin's hook on every field.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { installCacheControl } from '../src/cacheControl.js';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  enum CacheControlScope { PUBLIC PRIVATE }
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
  type Query {
    long: Long
    short: Short
    plain: Plain
    pinned: Plain @cacheControl(maxAge: 45)
    number: Int @cacheControl(maxAge: 50)
    bare: Int
    longs: [Long!]!
    mine: Mine
    missing: Long
    failing: Long
  }
  type Long @cacheControl(maxAge: 600) {
    n: Int
    short: Short
    shorts: [Short!]!
    plain: Plain
    inherited: Plain @cacheControl(inheritMaxAge: true)
    secret: Int @cacheControl(scope: PRIVATE)
    brief: Int @cacheControl(maxAge: 20)
  }
  type Short @cacheControl(maxAge: 30) { n: Int }
  type Plain { n: Int }
  type Mine @cacheControl(maxAge: 100, scope: PRIVATE) { n: Int }
  type Thing @key(fields: "id") @cacheControl(maxAge: 120) { id: ID! n: Int }
  type Other @key(fields: "id") @cacheControl(maxAge: 60) { id: ID! n: Int }
  type Loose @key(fields: "id") { id: ID! n: Int }
`);

const long = { n: 1, short: { n: 2 }, shorts: [], plain: { n: 3 }, inherited: { n: 4 }, secret: 5, brief: 6 };
const resolvers = {
  Query: {
    long: () => long,
    short: () => ({ n: 1 }),
    plain: () => ({ n: 1 }),
    pinned: () => ({ n: 1 }),
    number: () => 1,
    bare: () => 1,
    longs: () => [],
    mine: async () => ({ n: 1 }),
    missing: () => null,
    failing: () => {
      throw new Error('no');
    },
  },
  Thing: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, n: 1 }) },
  Other: { __resolveReference: async (ref: { id: string }) => ({ id: ref.id, n: 2 }) },
  Loose: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, n: 3 }) },
};

function stockServer(): ApolloServer {
  return new ApolloServer({ schema: buildSubgraphSchema({ typeDefs, resolvers }) });
}

function ourServer(): ApolloServer {
  const schema = buildSubgraphSchema({ typeDefs, resolvers });
  return new ApolloServer({
    schema,
    plugins: [ApolloServerPluginCacheControlDisabled(), installCacheControl(schema)],
  });
}

const entities = (types: string[]) => ({
  query:
    'query($r: [_Any!]!) { _entities(representations: $r) { ... on Thing { n } ... on Other { n } ... on Loose { n } } }',
  variables: { r: types.map((t, i) => ({ __typename: t, id: String(i) })) },
});

/** Operations and the header both servers must give. */
const CASES: [string, { query: string; variables?: Record<string, unknown> }, string][] = [
  ['a type hint', { query: '{ long { n } }' }, 'max-age=600, public'],
  ['the shortest of nested types', { query: '{ long { n short { n } } }' }, 'max-age=30, public'],
  ['a field hint on a scalar', { query: '{ long { brief } }' }, 'max-age=20, public'],
  ['a private scalar', { query: '{ long { n secret } }' }, 'max-age=600, private'],
  ['an unhinted object type', { query: '{ long { plain { n } } }' }, 'no-store'],
  ['an inherited maxAge', { query: '{ long { inherited { n } } }' }, 'max-age=600, public'],
  ['a field hint over an unhinted type', { query: '{ pinned { n } }' }, 'max-age=45, public'],
  ['a hinted root scalar', { query: '{ number }' }, 'max-age=50, public'],
  ['an unhinted root scalar', { query: '{ bare }' }, 'no-store'],
  [
    'the item type of an empty list (the list field itself is resolved)',
    { query: '{ long { n shorts { n } } }' },
    'max-age=30, public',
  ],
  ['an empty root list', { query: '{ longs { short { n } } }' }, 'max-age=600, public'],
  ['a private type resolved asynchronously', { query: '{ mine { n } }' }, 'max-age=100, private'],
  ['fields never resolved under a null', { query: '{ missing { short { n } } }' }, 'max-age=600, public'],
  ['an error', { query: '{ failing { n } }' }, 'no-store'],
  ['a validation error', { query: '{ nothing }' }, 'no-store'],
  ['the SDL', { query: '{ _service { sdl } }' }, 'no-store'],
  ['one entity type', entities(['Thing', 'Thing']), 'max-age=120, public'],
  ['two entity types', entities(['Thing', 'Other']), 'max-age=60, public'],
  ['an unhinted entity type', entities(['Thing', 'Loose']), 'max-age=120, public'],
  ['only unhinted entities', entities(['Loose']), 'no-store'],
  ['no representations', entities([]), 'no-store'],
];

describe('installCacheControl', () => {
  it.each(CASES)('gives the stock header for %s', async (_name, request, expected) => {
    const stock = stockServer();
    const ours = ourServer();
    const headerOf = async (server: ApolloServer) => {
      const response = await server.executeOperation(request, { contextValue: {} });
      return response.http.headers.get('cache-control');
    };
    const [fromStock, fromOurs] = [await headerOf(stock), await headerOf(ours)];
    expect(fromStock).toBe(expected);
    expect(fromOurs).toBe(expected);
    await Promise.all([stock.stop(), ours.stop()]);
  });

  it('leaves unhinted scalar fields unwrapped, so they cost nothing', () => {
    const schema = buildSubgraphSchema({ typeDefs, resolvers });
    const before = schema.getType('Plain') as GraphQLObjectType;
    const resolveOfN = before.getFields().n?.resolve;
    installCacheControl(schema);
    expect(before.getFields().n?.resolve).toBe(resolveOfN);
    expect((schema.getType('Long') as GraphQLObjectType).getFields().short?.resolve).toBeTypeOf('function');
  });
});
