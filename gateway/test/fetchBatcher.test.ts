import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FetchBatcher, type BatchMember } from '../src/fetch/fetchBatcher.js';
import type { RawResponse, SubgraphHttpClient } from '../src/fetch/fetcher.js';

const schema = buildSchema(`
  type Query { item(id: ID!): Item boom: String strict: String! }
  type Mutation { touch: String }
  type Item { id: ID! name: String }
`);
const root = {
  item: ({ id }: { id: string }) => ({ id, name: `item ${id}` }),
  boom: () => {
    throw new Error('boom');
  },
  touch: () => 'touched',
  strict: () => {
    throw new Error('strict failed');
  },
};

/** A subgraph in a function: executes each posted body against the schema and counts the posts. */
function fakeSubgraph(): {
  client: Pick<SubgraphHttpClient, 'post'>;
  bodies: { query: string; variables?: Record<string, unknown> }[];
} {
  const bodies: { query: string; variables?: Record<string, unknown> }[] = [];
  return {
    bodies,
    client: {
      post: async (url, body): Promise<RawResponse> => {
        const request = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
        bodies.push(request);
        const result = await graphql({
          schema,
          source: request.query,
          rootValue: root,
          variableValues: request.variables,
        });
        return {
          url,
          status: 200,
          statusText: 'OK',
          headers: { 'content-type': 'application/json' },
          text: JSON.stringify(result),
        };
      },
    },
  };
}

async function alone(member: BatchMember): Promise<unknown> {
  return JSON.parse(
    JSON.stringify(
      await graphql({ schema, source: member.query, rootValue: root, variableValues: member.variables }),
    ),
  );
}

const target = { url: 'http://subgraph/graphql', headers: {} };

describe('FetchBatcher', () => {
  it('merges fetches of one tick into one request and gives each the answer it would get alone', async () => {
    const { client, bodies } = fakeSubgraph();
    const batcher = new FetchBatcher(client);
    const members: BatchMember[] = [
      {
        query: 'query A($id: ID!) { item(id: $id) { ...F } } fragment F on Item { id name }',
        variables: { id: '1' },
      },
      // Same fragment name, other content: each member keeps its own.
      {
        query: 'query B($id: ID!) { x: item(id: $id) { ...F } } fragment F on Item { id }',
        variables: { id: '2' },
      },
      { query: '{ boom item(id: "3") { name } }' },
    ];
    const outcomes = await Promise.all(
      members.map((m) => batcher.enqueue('scope', target, m, JSON.stringify(m))),
    );
    expect(bodies).toHaveLength(1);
    for (const [index, member] of members.entries()) {
      const expected = (await alone(member)) as {
        data: unknown;
        errors?: { message: string; path: unknown[] }[];
      };
      const body = outcomes[index]?.body;
      expect(body?.data).toEqual(expected.data);
      expect(body?.errors?.map((e) => [e.message, e.path])).toEqual(
        expected.errors?.map((e) => [e.message, e.path]),
      );
    }
  });

  it('sends the parts alone again when the merged operation fails as a whole', async () => {
    const { client, bodies } = fakeSubgraph();
    const batcher = new FetchBatcher(client);
    // `strict` is non-null: its error nulls the whole merged answer, the other part included.
    const members: BatchMember[] = [{ query: '{ strict }' }, { query: '{ item(id: "1") { name } }' }];
    const outcomes = await Promise.all(
      members.map((m) => batcher.enqueue('scope', target, m, JSON.stringify(m))),
    );
    expect(bodies).toHaveLength(3);
    expect(JSON.parse(outcomes[1]?.raw.text ?? '')).toEqual({ data: { item: { name: 'item 1' } } });
    expect(JSON.parse(outcomes[0]?.raw.text ?? '')).toMatchObject({
      data: null,
      errors: [{ message: 'strict failed' }],
    });
  });

  it('sends a fetch that is alone in its tick unchanged', async () => {
    const { client, bodies } = fakeSubgraph();
    const member = { query: 'query A { item(id: "1") { id } }' };
    const outcome = await new FetchBatcher(client).enqueue('scope', target, member, JSON.stringify(member));
    expect(bodies).toEqual([member]);
    expect(outcome.body).toBeUndefined();
    expect(JSON.parse(outcome.raw.text)).toEqual({ data: { item: { id: '1' } } });
  });

  it('never merges fetches of different scopes, nor mutations', async () => {
    const { client, bodies } = fakeSubgraph();
    const batcher = new FetchBatcher(client);
    const query = { query: '{ item(id: "1") { id } }' };
    const mutation = { query: 'mutation { touch }' };
    await Promise.all([
      batcher.enqueue('caller a', target, query, JSON.stringify(query)),
      batcher.enqueue('caller b', target, query, JSON.stringify(query)),
      batcher.enqueue('caller b', target, mutation, JSON.stringify(mutation)),
    ]);
    expect(bodies).toHaveLength(3);
  });

  it('fails every member of a merged fetch when the subgraph cannot be reached', async () => {
    const batcher = new FetchBatcher({ post: () => Promise.reject(new Error('connection refused')) });
    const members = [{ query: '{ a: boom }' }, { query: '{ b: boom }' }];
    const results = await Promise.allSettled(
      members.map((m) => batcher.enqueue('scope', target, m, JSON.stringify(m))),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
