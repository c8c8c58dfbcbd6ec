import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FastRemoteGraphQLDataSource } from '../src/fetch/fastDataSource.js';

type Options = GraphQLDataSourceProcessOptions<Record<string, unknown>>;

let server: Server;
let url: string;
const seen: { body: { query: string; variables?: Record<string, unknown> }; headers: IncomingHttpHeaders }[] =
  [];

// A real subgraph schema: merged fetches must be executed as GraphQL, not pattern-matched.
const schema = buildSubgraphSchema({
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type User @key(fields: "id") { id: ID! name: String }
    type Query { me: User }
  `),
  resolvers: {
    User: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: `user ${ref.id}` }) },
  },
});

beforeAll(async () => {
  // Answers by path, so each test picks a behaviour.
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(text) as { query: string; variables?: Record<string, unknown> };
      seen.push({ body, headers: req.headers });
      if (req.url === '/down') {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: 'maintenance' }] }));
        return;
      }
      if (req.url === '/silent') return; // never answers
      setTimeout(
        () =>
          void graphql({ schema, source: body.query, variableValues: body.variables }).then((result) => {
            res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' });
            res.end(JSON.stringify(result));
          }),
        req.url === '/slow' ? 50 : 0,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const QUERY =
  'query Q($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id name } } }';

/** Options for a fetch made on behalf of an incoming request with these headers. */
function incoming(headers: Record<string, string>, representations: unknown[]): Options {
  return {
    kind: 'incoming operation',
    request: { query: QUERY, variables: { representations } },
    context: {},
    incomingRequestContext: {
      request: { http: { method: 'POST', url: '/', headers: new Map(Object.entries(headers)) } },
    },
  } as unknown as Options;
}

describe('FastRemoteGraphQLDataSource', () => {
  it('answers a fetch exactly as the stock RemoteGraphQLDataSource does', async () => {
    const representations = [
      { __typename: 'User', id: '1' },
      { __typename: 'User', id: '2' },
      { __typename: 'User', id: '1' },
    ];
    const fast = await new FastRemoteGraphQLDataSource({ url: `${url}/graphql` }).process(
      incoming({}, representations),
    );
    const stock = await new RemoteGraphQLDataSource({ url: `${url}/graphql` }).process(
      incoming({}, representations),
    );
    expect({ data: fast.data, errors: fast.errors }).toEqual({ data: stock.data, errors: stock.errors });
  });

  it('sends each distinct representation once', async () => {
    seen.length = 0;
    await new FastRemoteGraphQLDataSource({ url: `${url}/graphql` }).process(
      incoming({}, [
        { __typename: 'User', id: '1' },
        { __typename: 'User', id: '1' },
      ]),
    );
    expect(seen[0]?.body.variables?.representations).toEqual([{ __typename: 'User', id: '1' }]);
  });

  it('sends the headers willSendRequest sets', async () => {
    class Tagged extends FastRemoteGraphQLDataSource {
      override willSendRequest({ request }: Options): void {
        request.http?.headers.set('x-test', 'tagged');
      }
    }
    seen.length = 0;
    await new Tagged({ url: `${url}/graphql` }).process(incoming({}, []));
    expect(seen[0]?.headers['x-test']).toBe('tagged');
  });

  it('turns a failed subgraph answer into the same error as the stock data source', async () => {
    const fast = new FastRemoteGraphQLDataSource({ url: `${url}/down` }).process(incoming({}, []));
    const stock = new RemoteGraphQLDataSource({ url: `${url}/down` }).process(incoming({}, []));
    const [fastError, stockError] = await Promise.all([
      fast.catch((e: Error) => e),
      stock.catch((e: Error) => e),
    ]);
    expect(fastError).toBeInstanceOf(Error);
    expect((fastError as Error).message).toBe((stockError as Error).message);
  });

  it('gives up on a subgraph that does not answer within timeoutMs', async () => {
    const fetch = new FastRemoteGraphQLDataSource({ url: `${url}/silent`, timeoutMs: 100 }).process(
      incoming({}, []),
    );
    await expect(fetch).rejects.toThrow(/within 100 ms/);
  });

  it('shares an identical fetch in flight between callers with the same headers only', async () => {
    seen.length = 0;
    const source = new FastRemoteGraphQLDataSource({ url: `${url}/slow`, batchFetches: false });
    const representations = [{ __typename: 'User', id: '9' }];
    const answers = await Promise.all([
      source.process(incoming({ authorization: 'Bearer a', 'user-agent': 'one' }, representations)),
      source.process(incoming({ authorization: 'Bearer a', 'user-agent': 'two' }, representations)),
      source.process(incoming({ authorization: 'Bearer b' }, representations)),
    ]);
    expect(seen).toHaveLength(2);
    expect(answers.map((a) => a.data)).toEqual(answers.map(() => answers[0]?.data));
    // Each caller gets its own objects: the executor merges into them in place.
    expect(answers[1]?.data).not.toBe(answers[0]?.data);
  });

  it('merges the fetches of one tick into one request, each caller getting its own full answer', async () => {
    seen.length = 0;
    const source = new FastRemoteGraphQLDataSource({ url: `${url}/graphql` });
    const users = (...ids: string[]) => ids.map((id) => ({ __typename: 'User', id }));
    const answers = await Promise.all([
      source.process(incoming({ authorization: 'Bearer a' }, users('1', '1', '2'))),
      source.process(incoming({ authorization: 'Bearer a' }, users('3'))),
      source.process(incoming({ authorization: 'Bearer a' }, users('1', '1', '2'))),
    ]);
    expect(seen).toHaveLength(1);
    const names = answers.map((a) => (a.data?._entities as { name: string }[]).map((e) => e.name));
    expect(names).toEqual([['user 1', 'user 1', 'user 2'], ['user 3'], ['user 1', 'user 1', 'user 2']]);
    const [first, , third] = answers.map((a) => a.data?._entities as object[]);
    expect(third?.[0]).not.toBe(first?.[0]);
    expect(first?.[1]).not.toBe(first?.[0]);
  });
});
