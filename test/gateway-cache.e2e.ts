// Response cache and rate limits through the real gateway over HTTP, each in memory and on the real
// Redis at 127.0.0.1:6379 (skipped with a message when Redis does not answer, unless REQUIRE_REDIS=1).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../kit/src/listen.js';
import {
  composeWithLedger,
  ledgerCalls,
  startLedgerSubgraph,
} from '../gateway/test/fixtures/ledgerSubgraph.js';
import {
  codeOf,
  devToken,
  post,
  redisAvailable,
  startGateway,
  tempFile,
  type TestGateway,
} from '../gateway/test/helpers.js';
import { startTestStack, type Stack } from './helpers/stack.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
let stack: Stack;
let ledger: RunningServer;
let supergraphPath: string;
let redisUp = false;

beforeAll(async () => {
  redisUp = await redisAvailable();
  ledger = await startLedgerSubgraph();
  supergraphPath = tempFile('supergraph.graphql', composeWithLedger(ledger.url));
  stack = await startTestStack({ env: { RATE_LIMIT_MAX: '0' }, gateway: { supergraphPath } });
});
afterAll(async () => {
  await stack?.stop();
  await ledger?.close();
});

/** A query no earlier run has cached: Redis keeps entries between runs. */
function freshQuery(fields = 'name'): string {
  return `{ run_${randomUUID().replace(/-/g, '')}: region(code: "44") { ${fields} } }`;
}

for (const store of ['memory', 'redis'] as const) {
  describe(`response cache in ${store}`, () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      if (store === 'redis' && !redisUp) return;
      gateway = await startGateway(
        { ...stack.env, RATE_LIMIT_MAX: '0', CACHE_URL: store === 'redis' ? REDIS_URL : undefined },
        { supergraphPath },
      );
    });
    afterAll(() => gateway?.stop());

    it('misses, then hits with the same answer, following the subgraphs’ cache hints', async ({ skip }) => {
      if (!gateway) return skip();
      const query = freshQuery();
      const first = await post(gateway.graphql, { query });
      expect(first.headers.get('x-cache')).toBe('MISS');
      expect(first.headers.get('cache-control')).toBe('max-age=300, public');
      const second = await post(gateway.graphql, { query });
      expect(second.headers.get('x-cache')).toBe('HIT');
      expect(second.text).toBe(first.text);
      expect(Number(second.headers.get('age'))).toBeGreaterThanOrEqual(0);
      // A different variable set or operation is another entry.
      const other = await post(gateway.graphql, { query: query.replace('name', 'name code') });
      expect(other.headers.get('x-cache')).toBe('MISS');
    });

    it('executes a request asking Cache-Control: no-cache afresh, and keeps its answer for the next', async ({
      skip,
    }) => {
      if (!gateway) return skip();
      const tag = randomUUID();
      const query = `{ slowVersion(ms: 1, tag: "${tag}") }`;
      await post(gateway.graphql, { query });
      expect((await post(gateway.graphql, { query })).headers.get('x-cache')).toBe('HIT');
      expect(ledgerCalls.get(tag)).toBe(1);
      const refreshed = await post(gateway.graphql, { query }, { 'cache-control': 'no-cache' });
      expect(refreshed.headers.get('x-cache')).toBe('BYPASS');
      expect(ledgerCalls.get(tag)).toBe(2);
      // Every refresh executes (max-age=0 says the same).
      await post(gateway.graphql, { query }, { 'cache-control': 'max-age=0' });
      expect(ledgerCalls.get(tag)).toBe(3);
      const after = await post(gateway.graphql, { query });
      expect(after.headers.get('x-cache')).toBe('HIT');
      expect(after.text).toBe(refreshed.text);
      expect(ledgerCalls.get(tag)).toBe(3);
    });

    it('keeps nothing when a subgraph gives no hint, or when the answer has errors', async ({ skip }) => {
      if (!gateway) return skip();
      const unhinted = `{ whoami { kind } t_${randomUUID().slice(0, 8)}: __typename }`;
      await post(gateway.graphql, { query: unhinted });
      expect((await post(gateway.graphql, { query: unhinted })).headers.get('x-cache')).toBe('MISS');
      const failing = `{ region(code: "ZZ") { name } t_${randomUUID().slice(0, 8)}: __typename }`;
      await post(gateway.graphql, { query: failing });
      const again = await post(gateway.graphql, { query: failing });
      expect(codeOf(again)).toBe('UNKNOWN_REGION');
      expect(again.headers.get('x-cache')).toBe('MISS');
    });

    it('executes identical requests arriving together once, and shares only what it may cache', async ({
      skip,
    }) => {
      if (!gateway) return skip();
      const tag = randomUUID();
      const query = `{ slowVersion(ms: 300, tag: "${tag}") }`;
      const answers = await Promise.all(Array.from({ length: 5 }, () => post(gateway.graphql, { query })));
      expect(ledgerCalls.get(tag)).toBe(1);
      expect(answers.map((a) => a.headers.get('x-cache')).sort()).toEqual([
        'MISS',
        'SHARED',
        'SHARED',
        'SHARED',
        'SHARED',
      ]);
      for (const answer of answers) expect(answer.text).toBe(answers[0]!.text);
      expect((await post(gateway.graphql, { query })).headers.get('x-cache')).toBe('HIT');
      // Two callers signed in as different people: two keys, two executions.
      const own = randomUUID();
      const signedIn = `{ slowVersion(ms: 300, tag: "${own}") }`;
      const callers = await Promise.all(
        ['alice', 'bob'].map(async (who) => ({
          authorization: `Bearer ${await devToken([], `${who}-${randomUUID()}`)}`,
        })),
      );
      await Promise.all(callers.map((headers) => post(gateway.graphql, { query: signedIn }, headers)));
      expect(ledgerCalls.get(own)).toBe(2);
      // An answer the cache may not keep (no hint) is not shared either: each request executes.
      const unhinted = `{ slow(ms: 200) t_${randomUUID().slice(0, 8)}: __typename }`;
      const both = await Promise.all([
        post(gateway.graphql, { query: unhinted }),
        post(gateway.graphql, { query: unhinted }),
      ]);
      expect(both.map((a) => a.headers.get('x-cache'))).toEqual(['MISS', 'MISS']);
    });

    it('never serves an authenticated caller’s answer to another caller', async ({ skip }) => {
      if (!gateway) return skip();
      const query = `{ territory(id: "ti-4405") { binomes { contact { email } } } t_${randomUUID().slice(0, 8)}: __typename }`;
      const alice = { authorization: `Bearer ${await devToken(['contacts:read'], `alice-${randomUUID()}`)}` };
      const bob = { authorization: `Bearer ${await devToken(['contacts:read'], `bob-${randomUUID()}`)}` };
      expect((await post(gateway.graphql, { query }, alice)).headers.get('x-cache')).toBe('MISS');
      const aliceAgain = await post(gateway.graphql, { query }, alice);
      expect(aliceAgain.headers.get('x-cache')).toBe('HIT');
      expect(aliceAgain.headers.get('cache-control')).toMatch(/private$/);
      expect((await post(gateway.graphql, { query }, bob)).headers.get('x-cache')).toBe('MISS');
      const anonymous = await post(gateway.graphql, { query });
      expect(anonymous.headers.get('x-cache')).toBe('MISS');
      expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
      // Anonymous callers share public answers with each other, never with signed-in ones.
      const open = freshQuery();
      await post(gateway.graphql, { query: open }, alice);
      expect((await post(gateway.graphql, { query: open })).headers.get('x-cache')).toBe('MISS');
      expect((await post(gateway.graphql, { query: open })).headers.get('x-cache')).toBe('HIT');
    });
  });

  describe(`rate limits in ${store}`, () => {
    let gateways: TestGateway[] = [];
    beforeAll(async () => {
      if (store === 'redis' && !redisUp) return;
      const env = {
        ...stack.env,
        RATE_LIMIT_MAX: '3',
        RATE_LIMIT_WINDOW_MS: '60000',
        RESPONSE_CACHE: 'false',
        CACHE_URL: store === 'redis' ? REDIS_URL : undefined,
      };
      // Two replicas: with Redis they share counters.
      gateways = [
        await startGateway(env, { supergraphPath }),
        ...(store === 'redis' ? [await startGateway(env, { supergraphPath })] : []),
      ];
    });
    afterAll(async () => {
      for (const gateway of gateways) await gateway.stop();
    });

    it('refuses a burst over the limit with 429, Retry-After and RATE_LIMITED, caller by caller', async ({
      skip,
    }) => {
      if (gateways.length === 0) return skip();
      const [first, second = first] = gateways as [TestGateway, TestGateway?];
      const caller = { authorization: `Bearer ${await devToken([], `burst-${randomUUID()}`)}` };
      const query = { query: '{ region(code: "44") { code } }' };
      const answers = [
        await post(first.graphql, query, caller),
        await post(second!.graphql, query, caller),
        await post(first.graphql, query, caller),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers.map((a) => a.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0']);
      const refused = await post(second!.graphql, query, caller);
      expect([refused.status, codeOf(refused)]).toEqual([429, 'RATE_LIMITED']);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // Another caller is counted apart, and the gateway keeps serving.
      const other = await post(first.graphql, query, {
        authorization: `Bearer ${await devToken([], `other-${randomUUID()}`)}`,
      });
      expect(other.status).toBe(200);
    });

    // One IP for every test caller: shared Redis counters would make this depend on other runs.
    if (store === 'memory') {
      it('counts anonymous callers by IP', async () => {
        const gateway = gateways[0]!;
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++)
          statuses.push((await post(gateway.graphql, { query: '{ regions { code } }' })).status);
        expect(statuses).toEqual([200, 200, 200, 429]);
      });
    }
  });
}
