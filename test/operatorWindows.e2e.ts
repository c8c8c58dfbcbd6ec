// The whole stack as `npm start` runs it, with the windows of the five live operators on (VTE,
// Business France, DGEFP, APEC, Action Logement): the stack's scheduler syncs them at first start
// with the other sources, /ready says how fresh each is, and a region's support picture is
// answered through the gateway with NO call reaching those five operators' APIs — the same answer
// (read times aside) as their live APIs give once the windows are too old to be read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutReadTimes } from './helpers/answers.js';
import { buildPictureQueries } from '../bench/mission/supportPicture.js';
import { openMirror } from '../kit/src/mirror/openMirror.js';
import { postGraphQL, startTestStack, type Stack } from './helpers/stack.js';

/** Each window, and the simulator of the API it reads. */
const WINDOWS = {
  'vte-window': 'vte-sim',
  'business-france-window': 'business-france-sim',
  'dgefp-window': 'dgefp-sim',
  'apec-window': 'apec-sim',
  'action-logement-window': 'action-logement-sim',
} as const;

describe('operator windows in the stack', () => {
  let stack: Stack;
  const calls = new Map<string, number>();
  const callsToWindowedApis = () => [...calls.values()].reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    const on = Object.fromEntries(
      ['VTE', 'BUSINESS_FRANCE', 'DGEFP', 'APEC', 'ACTION_LOGEMENT'].map((p) => [
        `${p}_WINDOW_SYNC_INTERVAL`,
        '15m',
      ]),
    );
    stack = await startTestStack({
      env: { ...on, RESPONSE_CACHE: 'false', MAX_COST: '100000000', RATE_LIMIT_MAX: '0' },
    });
    for (const simulator of Object.values(WINDOWS)) {
      calls.set(simulator, 0);
      stack.services[simulator]!.server.prependListener('request', () =>
        calls.set(simulator, calls.get(simulator)! + 1),
      );
    }
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('syncs every window at first start and lists its freshness in /ready', async () => {
    const first = await stack.mirrorSync.scheduler.firstSync;
    const ready = (await (await fetch(`${stack.gatewayUrl}/ready`)).json()) as {
      mirror?: Record<string, { status: string; recordCount: number; lastSuccessAt: string | null }>;
    };
    for (const source of Object.keys(WINDOWS)) {
      const result = first.find((r) => r.source === source);
      expect(result, source).toMatchObject({ status: 'loaded', rejected: 0, unlocatedCount: 0 });
      expect(result!.recordCount, source).toBeGreaterThan(0);
      expect(ready.mirror?.[source], source).toMatchObject({
        status: 'loaded',
        recordCount: result!.recordCount,
        lastSuccessAt: expect.any(String),
      });
    }
  });

  it("answers a region's picture from the windows with no call to their APIs, as the live APIs do", async () => {
    const url = `${stack.gatewayUrl}/graphql`;
    const region = (await buildPictureQueries(url)).find((q) => q.size === 21)!;
    const query = (JSON.parse(region.body) as { query: string }).query;
    for (const simulator of calls.keys()) calls.set(simulator, 0);
    const fromWindows = await postGraphQL(url, query);
    expect(fromWindows.body.errors).toBeUndefined();
    expect(callsToWindowedApis()).toBe(0);

    // Windows synced long ago are past their maximum age: the same query is answered live.
    const store = await openMirror({ file: stack.env.MIRROR_FILE! });
    try {
      await store.db
        .updateTable('sync_state')
        .set({ last_success_at: '2020-01-01T00:00:00.000Z' })
        .where('source', 'in', Object.keys(WINDOWS))
        .execute();
    } finally {
      await store.close();
    }
    const live = await postGraphQL(url, query);
    expect(live.body.errors).toBeUndefined();
    for (const [simulator, n] of calls) expect(n, simulator).toBeGreaterThan(0);
    expect(withoutReadTimes(fromWindows.body)).toEqual(withoutReadTimes(live.body));
  });
});
