// Bad input and operation limits through the real gateway over HTTP: each refusal has its code and
// HTTP status, comes before any execution, and the gateway keeps serving. Also persisted
// operations: automatic persisted queries and the safelist mode.
import { join } from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildManifest, sha256 } from '../gateway/src/pipeline/persistedOperations.js';
import { call, codeOf, post, startGateway, tempFile, type RawResult } from '../gateway/test/helpers.js';
import { REPO_ROOT } from '../kit/src/paths.js';
import { resetSimulator, setFaults } from './helpers/simulators.js';
import { startTestStack, type Stack } from './helpers/stack.js';

let stack: Stack;
let graphql: string;

beforeAll(async () => {
  stack = await startTestStack({ env: { RATE_LIMIT_MAX: '0' } });
  graphql = `${stack.gatewayUrl}/graphql`;
});
afterAll(() => stack?.stop());

/** The gateway still answers a plain query after whatever came before. */
async function expectStillServing(url = graphql): Promise<void> {
  const result = await post(url, { query: '{ region(code: "44") { name } }' });
  expect(result.body).toEqual({ data: { region: { name: 'Grand Est' } } });
}

function expectRefusal(result: RawResult, status: number, code: string): void {
  expect([result.status, codeOf(result)], result.text.slice(0, 300)).toEqual([status, code]);
  expect(result.text).not.toMatch(/\.ts:\d+|at [\w.]+ \(/);
}

describe('malformed requests', () => {
  it('refuses malformed JSON with 400 MALFORMED_JSON', async () => {
    expectRefusal(
      await call(graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": "{ regions { code } }"',
      }),
      400,
      'MALFORMED_JSON',
    );
    await expectStillServing();
  });

  it('refuses a body that is not a JSON object with 400 BAD_REQUEST', async () => {
    for (const body of [
      '[{"query":"{ regions { code } }"}]',
      '"{ regions { code } }"',
      '42',
      '',
      '{"query": 3}',
    ]) {
      expectRefusal(
        await call(graphql, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
        400,
        'BAD_REQUEST',
      );
    }
    await expectStillServing();
  });

  it('refuses a wrong content type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/graphql']) {
      const result = await call(graphql, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: '{"query":"{ regions { code } }"}',
      });
      expectRefusal(result, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    await expectStillServing();
  });

  it('runs queries over GET with a preflight header, refuses a mutation over GET with 405 and a bare GET as CSRF', async () => {
    const url = (query: string) => `${graphql}?query=${encodeURIComponent(query)}`;
    const ok = await call(url('{ region(code: "44") { name } }'), {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(ok.body).toEqual({ data: { region: { name: 'Grand Est' } } });
    const mutation = await call(url('mutation { doSomething }'), {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expectRefusal(mutation, 405, 'METHOD_NOT_ALLOWED');
    expect(mutation.headers.get('allow')).toBe('POST');
    expectRefusal(await call(url('{ regions { code } }')), 400, 'CSRF_BLOCKED');
    expectRefusal(await call(graphql, { method: 'PUT', body: '{}' }), 405, 'METHOD_NOT_ALLOWED');
    await expectStillServing();
  });

  it('refuses an operation name that is not in the document with 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const result = await post(graphql, { query: 'query A { regions { code } }', operationName: 'B' });
    expectRefusal(result, 400, 'OPERATION_RESOLUTION_FAILURE');
    expect(result.body.errors?.[0]?.message).toContain('"B"');
    expectRefusal(
      await post(graphql, { query: 'query A { regions { code } } query B { regions { name } }' }),
      400,
      'OPERATION_RESOLUTION_FAILURE',
    );
    await expectStillServing();
  });

  it('refuses syntax errors and unknown fields with their GraphQL codes', async () => {
    expectRefusal(await post(graphql, { query: '{ regions { code ' }), 400, 'GRAPHQL_PARSE_FAILED');
    expectRefusal(await post(graphql, { query: '{ regions { nope } }' }), 400, 'GRAPHQL_VALIDATION_FAILED');
    await expectStillServing();
  });

  it('refuses a 1 MB query with 413 PAYLOAD_TOO_LARGE and a 40 kB one with 413 DOCUMENT_TOO_LARGE', async () => {
    const huge = `{ regions { ${'code '.repeat(210_000)} } }`;
    expectRefusal(await post(graphql, { query: huge }), 413, 'PAYLOAD_TOO_LARGE');
    const large = `{ regions { ${'code '.repeat(8_000)} } }`;
    expectRefusal(await post(graphql, { query: large }), 413, 'DOCUMENT_TOO_LARGE');
    await expectStillServing();
  });

  it('keeps the code and the subgraph name of a subgraph error', async () => {
    const result = await post(graphql, { query: '{ territories(first: 100000) { totalCount } }' });
    expect(result.body.errors?.[0]?.extensions).toMatchObject({
      code: 'PAGE_SIZE_OUT_OF_RANGE',
      serviceName: 'territories',
    });
    expect(result.text).not.toMatch(/stacktrace|\.ts:\d+/);
  });
});

describe('operation limits', () => {
  it('refuses a query deeper than MAX_DEPTH with 400 MAX_DEPTH_EXCEEDED', async () => {
    const deep = `{ region(code: "44") { ${'territories { region { '.repeat(6)} code ${'} } '.repeat(6)} } }`;
    const result = await post(graphql, { query: deep });
    expectRefusal(result, 400, 'MAX_DEPTH_EXCEEDED');
    expect(result.body.errors?.[0]?.message).toContain('limit is 12');
    await expectStillServing();
  });

  it('refuses more aliases than MAX_ALIASES with 400 MAX_ALIASES_EXCEEDED', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: code`).join(' ');
    expectRefusal(await post(graphql, { query: `{ regions { ${aliases} } }` }), 400, 'MAX_ALIASES_EXCEEDED');
    await expectStillServing();
  });

  it('refuses more root fields than MAX_ROOT_FIELDS with 400 MAX_ROOT_FIELDS_EXCEEDED, through fragments too', async () => {
    const roots = Array.from({ length: 7 }, (_, i) => `r${i}: regions { code }`).join(' ');
    const query = `{ ...Roots ${roots} } fragment Roots on Query { ${roots.replace(/r(\d)/g, 's$1')} }`;
    expectRefusal(await post(graphql, { query }), 400, 'MAX_ROOT_FIELDS_EXCEEDED');
    await expectStillServing();
  });

  it('refuses more directives than MAX_DIRECTIVES with 400 MAX_DIRECTIVES_EXCEEDED', async () => {
    const fields = Array.from({ length: 21 }, () => 'code @include(if: true)').join(' ');
    expectRefusal(
      await post(graphql, { query: `{ regions { ${fields} } }` }),
      400,
      'MAX_DIRECTIVES_EXCEEDED',
    );
    await expectStillServing();
  });

  it('estimates cost from first arguments, variables and defaults, and refuses over MAX_COST with 400 MAX_COST_EXCEEDED', async () => {
    const query = `query Pages($n: Int!) { territories(first: $n) { nodes { communes(first: 200) { nodes { territories { name } } } } } }`;
    const cheap = await post(graphql, { query, variables: { n: 1 } });
    expect(cheap.body.errors).toBeUndefined();
    expect((cheap.body.data?.territories as { nodes: unknown[] }).nodes).toHaveLength(1);
    const costly = await post(graphql, { query, variables: { n: 200 } });
    expectRefusal(costly, 400, 'MAX_COST_EXCEEDED');
    // Defaults count too: `communes` asks for 50 per territory when `first` is not given.
    const byDefault = await post(graphql, {
      query: `{ territories(first: 200) { nodes { communes { nodes { territories { name } } } } } }`,
    });
    expectRefusal(byDefault, 400, 'MAX_COST_EXCEEDED');
    await expectStillServing();
  });

  it('refuses a document over the parser token limit before measuring it', async () => {
    const tokens = `{ regions { ${'code '.repeat(5_001)} } }`;
    expectRefusal(await post(graphql, { query: tokens }), 400, 'DOCUMENT_TOO_LARGE');
  });

  it('answers introspection by default, GraphiQL’s full introspection query included', async () => {
    const result = await post(graphql, { query: getIntrospectionQuery() });
    expect(result.body.errors).toBeUndefined();
    expect((result.body.data?.__schema as { types: unknown[] }).types.length).toBeGreaterThan(20);
  });

  it('refuses introspection with 400 INTROSPECTION_DISABLED when it is turned off', async () => {
    const gateway = await startGateway({ ...stack.env, INTROSPECTION: 'false' });
    try {
      expectRefusal(
        await post(gateway.graphql, { query: '{ __schema { types { name } } }' }),
        400,
        'INTROSPECTION_DISABLED',
      );
      expectRefusal(
        await post(gateway.graphql, { query: '{ __type(name: "Territory") { name } }' }),
        400,
        'INTROSPECTION_DISABLED',
      );
      const typename = await post(gateway.graphql, { query: '{ __typename region(code: "44") { name } }' });
      expect(typename.body.data).toEqual({ __typename: 'Query', region: { name: 'Grand Est' } });
    } finally {
      await gateway.stop();
    }
  });
});

describe('automatic persisted queries', () => {
  const query = '{ department(code: "51") { name } }';
  const hash = sha256(query);
  const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, then runs it once registered, over POST and GET', async () => {
    const unknown = await post(graphql, { extensions });
    expectRefusal(unknown, 200, 'PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(graphql, { query, extensions });
    expect(registered.body).toEqual({ data: { department: { name: 'Marne' } } });
    const byHash = await post(graphql, { extensions });
    expect(byHash.body).toEqual({ data: { department: { name: 'Marne' } } });
    const overGet = await call(`${graphql}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(overGet.body).toEqual({ data: { department: { name: 'Marne' } } });
  });

  it('refuses a hash that is not the query’s with 400 PERSISTED_QUERY_HASH_MISMATCH', async () => {
    const result = await post(graphql, { query: '{ regions { code } }', extensions });
    expectRefusal(result, 400, 'PERSISTED_QUERY_HASH_MISMATCH');
    await expectStillServing();
  });

  it('does not register an operation that breaks a limit', async () => {
    const deep = `{ region(code: "44") { ${'territories { region { '.repeat(6)} code ${'} } '.repeat(6)} } }`;
    const deepExtensions = { persistedQuery: { version: 1, sha256Hash: sha256(deep) } };
    expectRefusal(
      await post(graphql, { query: deep, extensions: deepExtensions }),
      400,
      'MAX_DEPTH_EXCEEDED',
    );
    expectRefusal(await post(graphql, { extensions: deepExtensions }), 200, 'PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('safelist mode', () => {
  it('runs manifest operations, by text or by id, and refuses anything else with 403 OPERATION_NOT_IN_SAFELIST', async () => {
    const manifest = buildManifest(join(REPO_ROOT, 'operations'));
    const manifestPath = tempFile('persisted-operations.json', JSON.stringify(manifest));
    const gateway = await startGateway({
      ...stack.env,
      SAFELIST: 'true',
      PERSISTED_OPERATIONS_MANIFEST: manifestPath,
    });
    try {
      const marne = manifest.operations.find((o) => o.name === 'MarneOverview')!;
      const byText = await post(gateway.graphql, { query: marne.body });
      expect(byText.body.errors).toBeUndefined();
      expect(byText.body.data).toMatchObject({ department: { statistics: { territoryCount: 5 } } });
      const byId = await post(gateway.graphql, {
        extensions: { persistedQuery: { version: 1, sha256Hash: marne.id } },
      });
      expect(byId.body).toEqual(byText.body);

      expectRefusal(
        await post(gateway.graphql, { query: '{ regions { code } }' }),
        403,
        'OPERATION_NOT_IN_SAFELIST',
      );
      const apq = '{ regions { name } }';
      expectRefusal(
        await post(gateway.graphql, {
          query: apq,
          extensions: { persistedQuery: { version: 1, sha256Hash: sha256(apq) } },
        }),
        403,
        'OPERATION_NOT_IN_SAFELIST',
      );
      expectRefusal(
        await post(gateway.graphql, {
          extensions: { persistedQuery: { version: 1, sha256Hash: sha256(apq) } },
        }),
        200,
        'PERSISTED_QUERY_NOT_FOUND',
      );
      // GraphiQL still introspects.
      expect(
        (await post(gateway.graphql, { query: '{ __schema { queryType { name } } }' })).body.data,
      ).toEqual({ __schema: { queryType: { name: 'Query' } } });
      await expectStillServing(gateway.graphql).catch(() => undefined);
      expect((await post(gateway.graphql, { query: marne.body })).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});

describe('execution slots', () => {
  it('executes at most MAX_CONCURRENT_OPERATIONS at once, queues the next and refuses past the queue with 503 SERVER_BUSY', async () => {
    const gateway = await startGateway({
      ...stack.env,
      RESPONSE_CACHE: 'false',
      MAX_CONCURRENT_OPERATIONS: '1',
      OPERATION_QUEUE_MAX: '1',
    });
    // Each execution waits on France Travail for a while, so the three requests overlap.
    await setFaults(stack, 'france-travail-sim', { latencyMs: 400 });
    try {
      const offers = (id: string) =>
        post(gateway.graphql, {
          query: `{ territory(id: "${id}") { id franceTravail { offers(first: 1) { totalCount } } } }`,
        });
      const results = await Promise.all(['ti-4411', 'ti-4401', 'ti-4402'].map(offers));
      const refused = results.filter((r) => r.status === 503);
      const answered = results.filter((r) => r.status === 200);
      // One ran, one waited its turn and ran after it, one found the queue full.
      expect(answered).toHaveLength(2);
      for (const result of answered) expect(result.body.errors).toBeUndefined();
      expect(refused).toHaveLength(1);
      expectRefusal(refused[0]!, 503, 'SERVER_BUSY');
      expect(refused[0]!.headers.get('retry-after')).toBe('1');
      // The slot is free again: the gateway serves the next request.
      await expectStillServing(gateway.graphql);
    } finally {
      await resetSimulator(stack, 'france-travail-sim');
      await gateway.stop();
    }
  });

  it('drops a queued request whose caller went away, without executing it', async () => {
    const gateway = await startGateway({
      ...stack.env,
      RESPONSE_CACHE: 'false',
      MAX_CONCURRENT_OPERATIONS: '1',
      LOG_LEVEL: 'info',
    });
    await setFaults(stack, 'france-travail-sim', { latencyMs: 400 });
    try {
      const body = (id: string) =>
        JSON.stringify({
          query: `{ territory(id: "${id}") { id franceTravail { offers(first: 1) { totalCount } } } }`,
        });
      const headers = { 'content-type': 'application/json' };
      const running = fetch(gateway.graphql, { method: 'POST', headers, body: body('ti-8401') });
      // Territories no other test of this file reads, so France Travail's slow answers are not cached.
      // The second caller gives up while the first holds the only slot (a client-side timeout).
      const abandoned = await fetch(gateway.graphql, {
        method: 'POST',
        headers: { ...headers, 'x-request-id': 'gave-up' },
        body: body('ti-1101'),
        signal: AbortSignal.timeout(150),
      }).catch((error: unknown) => error);
      expect(abandoned).toBeInstanceOf(Error);
      expect((await running).status).toBe(200);
      await expectStillServing(gateway.graphql);
      const line = gateway.logs
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.requestId === 'gave-up');
      expect(line).toMatchObject({ status: 499, code: 'CLIENT_CLOSED_REQUEST' });
    } finally {
      await resetSimulator(stack, 'france-travail-sim');
      await gateway.stop();
    }
  });
});
