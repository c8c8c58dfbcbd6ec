// The DGEFP window — and through it the operator windows' shared code (kit/src/mirror/
// operatorWindow.ts, windowReads.ts) — the SAME suite on the embedded SQLite and on PostgreSQL:
// synced from the simulator over real HTTP (through a proxy that can fail or spoil an answer),
// a malformed action is rejected with its reason, an API failing halfway keeps the previous window
// whole, and the subgraph answers territories from the window with ZERO calls to the API, exactly
// as the live API answers them — or live again when the window is older than its maximum age.
// Expected figures come from the simulator's records, not from the mirror the code reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutReadTimes } from '../../../test/helpers/answers.js';
import type { RunningServer } from '../../../kit/src/listen.js';
import { readRejects, readSyncStates, runSync, type MirrorStore } from '../../../kit/src/mirror/index.js';
import { DEFAULT_PROGRAMME_FILE, programmeScope } from '../../../kit/src/reference/programmeCommunes.js';
import {
  enginesToTest,
  POSTGRES_TEST_URL,
  testMirror,
  type TestMirror,
} from '../../../kit/test/mirror/mirrorEngines.js';
import { createDgefpSimulator } from '../../../sim/dgefp/dgefpSimulator.js';
import { buildDgefpActions } from '../../../sim/dgefp/records.js';
import { listenSimulator } from '../../../sim/kit/simulator.js';
import { loadWorld } from '../../../sim/world.js';
import { startFaultyProxy, type FaultyProxy } from '../../../test/helpers/faultyProxy.js';
import { readDgefpConfig } from '../src/config.js';
import { startDgefp } from '../src/start.js';
import { DGEFP_WINDOW, dgefpWindowSource } from '../src/window.js';

const SECRET = 'dgefp-window-secret';
const world = loadWorld();
const programme = programmeScope(DEFAULT_PROGRAMME_FILE);
const inProgramme = buildDgefpActions(world).filter((a) => programme.communeSet.has(a.codeCommune));
// Three Grand Est territories, as the gateway represents them.
const territories = world.territories.filter((t) => t.regionCode === '44').slice(0, 3);
const representations = territories.map((t) => ({
  __typename: 'Territory',
  id: t.id,
  communeCodes: t.communeCodes,
}));

const TERRITORY = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Territory { dgefp {
    actions(first: 100) { totalCount nodes { id scheme siret amount decidedOn communeCode } }
    byScheme { scheme count trainedEmployees amount }
    source { publisher illustrative retrievedAt }
  } } } }`;

interface TerritoryDgefp {
  dgefp: {
    actions: { totalCount: number; nodes: { id: string }[] };
    source: { retrievedAt: string | null; illustrative: boolean };
  } | null;
}

async function ask(subgraph: RunningServer) {
  const response = await fetch(`${subgraph.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gateway-secret': SECRET },
    body: JSON.stringify({ query: TERRITORY, variables: { representations } }),
  });
  return (await response.json()) as { data?: { _entities: TerritoryDgefp[] }; errors?: unknown[] };
}

const engines = await enginesToTest();

describe.each(engines)('DGEFP window on %s', (engine) => {
  let mirror: TestMirror;
  let store: MirrorStore;
  let proxy: FaultyProxy;
  // The subgraphs' own proxy: calls still on their way from a sync that failed reach `proxy`, not it.
  let queries: FaultyProxy;
  let env: Record<string, string>;
  const servers: { close(): Promise<void> }[] = [];
  const source = () => dgefpWindowSource(readDgefpConfig(env))!;
  const subgraph = async (extra: Record<string, string> = {}) => {
    const running = await startDgefp(readDgefpConfig({ ...env, DGEFP_API_URL: queries.url, ...extra }));
    servers.push(running);
    return running;
  };

  beforeAll(async () => {
    mirror = testMirror(engine, 'dgefp-window');
    store = await mirror.open();
    const simulator = await listenSimulator(createDgefpSimulator({ world }), 0);
    servers.push(simulator);
    proxy = await startFaultyProxy(simulator.url);
    servers.push(proxy);
    queries = await startFaultyProxy(simulator.url);
    servers.push(queries);
    env = {
      DGEFP_API_URL: proxy.url,
      DGEFP_PORT: '0',
      DGEFP_RETRIES: '0',
      // A busy machine must not turn a slow answer into a timeout: the faults here are the proxy's.
      DGEFP_TIMEOUT_MS: '10000',
      DGEFP_WINDOW_SYNC_INTERVAL: '15m',
      GATEWAY_SECRET: SECRET,
      ...(engine === 'sqlite'
        ? { MIRROR_FILE: mirror.location }
        : { DATABASE_URL: POSTGRES_TEST_URL, MIRROR_SCHEMA: mirror.location }),
    };
  });

  afterAll(async () => {
    for (const server of servers.reverse()) await server.close();
    await mirror?.cleanup();
  });

  it('syncs every action of the programme’s communes through the real API, in lists and pages', async () => {
    proxy.calls = 0;
    const result = await runSync(store, source());
    expect(result).toMatchObject({ status: 'loaded', rejected: 0, recordCount: inProgramme.length });
    // Lists of 500 communes, pages of 100: at least one call per list and per 100 actions.
    expect(proxy.calls).toBeGreaterThanOrEqual(Math.ceil(programme.communes.length / 500));
    expect(proxy.calls).toBeGreaterThanOrEqual(Math.ceil(inProgramme.length / 100));
    const [state] = await readSyncStates(store, [DGEFP_WINDOW.source]);
    expect(state).toMatchObject({ status: 'loaded', record_count: inProgramme.length, unlocated_count: 0 });
  });

  it('answers territories from the window with no call to the API, as the live API answers them', async () => {
    const windowed = await subgraph();
    const live = await subgraph({ DGEFP_WINDOW_SYNC_INTERVAL: '0' });
    queries.calls = 0;
    const fromWindow = await ask(windowed);
    expect(queries.calls).toBe(0);
    const fromApi = await ask(live);
    expect(queries.calls).toBeGreaterThan(0);
    expect(fromWindow.errors).toBeUndefined();
    const communes = new Set(territories.flatMap((t) => t.communeCodes));
    const expected = inProgramme.filter((a) => communes.has(a.codeCommune)).length;
    const counts = fromWindow.data!._entities.map((e) => e.dgefp!.actions.totalCount);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(expected);
    expect(withoutReadTimes(fromWindow)).toEqual(withoutReadTimes(fromApi));
    // `retrievedAt` is the window's sync; every value stays illustrative.
    const [state] = await readSyncStates(store, [DGEFP_WINDOW.source]);
    for (const entity of fromWindow.data!._entities) {
      expect(entity.dgefp!.source).toEqual({ ...entity.dgefp!.source, retrievedAt: state!.last_success_at });
      expect(entity.dgefp!.source.illustrative).toBe(true);
    }
  });

  it('rejects a malformed action with its reason and loads the others', async () => {
    proxy.spoil = { listField: 'results', field: 'montantEngage', value: 'beaucoup' };
    const result = await runSync(store, source());
    expect(result).toMatchObject({ status: 'loaded', rejected: 1, recordCount: inProgramme.length - 1 });
    const rejects = await readRejects(store, DGEFP_WINDOW.source);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]!.reason).toBe('MALFORMED_ROW');
    expect(rejects[0]!.detail).toContain('montantEngage');
  });

  it('keeps the previous window whole when the API fails halfway through a sync', async () => {
    await runSync(store, source());
    const [before] = await readSyncStates(store, [DGEFP_WINDOW.source]);
    proxy.calls = 0;
    proxy.failFrom = 4;
    try {
      const result = await runSync(store, source());
      expect(result.status).toBe('failed');
      expect(result.error?.code).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      proxy.failFrom = undefined;
    }
    const [after] = await readSyncStates(store, [DGEFP_WINDOW.source]);
    expect(after).toMatchObject({
      status: 'failed',
      record_count: inProgramme.length,
      last_success_at: before!.last_success_at,
    });
    // The window still answers, whole, with no call.
    const windowed = await subgraph();
    queries.calls = 0;
    const answer = await ask(windowed);
    expect(queries.calls).toBe(0);
    expect(answer.errors).toBeUndefined();
  });

  it('reads live when the window is older than DGEFP_WINDOW_MAX_AGE', async () => {
    const strict = await subgraph({ DGEFP_WINDOW_MAX_AGE: '1ms' });
    queries.calls = 0;
    const answer = await ask(strict);
    expect(answer.errors).toBeUndefined();
    expect(queries.calls).toBeGreaterThan(0);
    expect(answer.data!._entities[0]!.dgefp!.source.retrievedAt).not.toBeNull();
  });
});
