// France Travail's offer window, the SAME suite on the embedded SQLite and on PostgreSQL: synced
// from the simulator's real search protocol (token, pages of 150, 429s waited out), a department
// failing halfway keeps the previous window whole, a malformed offer is rejected with its reason,
// and the subgraph answers territories' offers from the window with ZERO calls to France Travail,
// exactly as the live search answers them — or live again when the window is too old. Expected
// figures come from the simulator's records, not from the mirror the code reads.
import { Keyv } from 'keyv';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../kit/src/listen.js';
import { readRejects, readSyncStates, runSync, type MirrorStore } from '../../../kit/src/mirror/index.js';
import { departmentOfCommune } from '../../../kit/src/reference/companyIds.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import { enginesToTest, testMirror, type TestMirror } from '../../../kit/test/mirror/mirrorEngines.js';
import {
  createFranceTravailSimulator,
  type FranceTravailSimulator,
} from '../../../sim/france-travail/franceTravailSimulator.js';
import { buildOffers } from '../../../sim/france-travail/records.js';
import { listenSimulator } from '../../../sim/kit/simulator.js';
import { loadWorld } from '../../../sim/world.js';
import { DEFAULT_SCOPE } from '../src/config.js';
import { FranceTravailClient } from '../src/franceTravailClient.js';
import { OFFER_WINDOW_SOURCE, offerWindowSource } from '../src/offerWindow.js';
import { createFranceTravailContext, createFranceTravailServer } from '../src/server.js';

const world = loadWorld();
const offers = buildOffers(world);
// Grand Est: its territories and the departments they span (the Marne alone has over 150 offers,
// so the window pages).
const grandEst = world.territories.filter((t) => t.regionCode === '44');
const departments = new Map<string, string[]>();
for (const territory of grandEst) {
  for (const commune of territory.communeCodes) {
    const department = departmentOfCommune(commune);
    departments.set(department, [...(departments.get(department) ?? []), commune]);
  }
}
const inWindow = offers.filter((o) => departments.has(departmentOfCommune(o.lieuTravail.commune)));

const OFFERS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Territory {
  franceTravail {
    offers(first: 5) { totalCount positionCount complete nodes { id title communeCode source { retrievedAt illustrative } } }
    cdi: offers(first: 1, contractType: CDI) { totalCount }
    summary { count }
    source { retrievedAt illustrative } } } } }`;

interface Entity {
  franceTravail: {
    offers: {
      totalCount: number;
      positionCount: number;
      complete: boolean;
      nodes: {
        id: string;
        title: string;
        communeCode: string;
        source: { retrievedAt: string; illustrative: boolean };
      }[];
    };
    cdi: { totalCount: number };
    summary: { count: number };
    source: { retrievedAt: string | null; illustrative: boolean };
  };
}

/** What the simulator's records say of a territory: count, positions, CDIs, newest five ids. */
function expectedFor(communeCodes: readonly string[]) {
  const communes = new Set(communeCodes);
  const mine = offers
    .filter((o) => communes.has(o.lieuTravail.commune))
    .sort((a, b) => b.dateCreation.localeCompare(a.dateCreation) || a.id.localeCompare(b.id));
  return {
    totalCount: mine.length,
    positionCount: mine.reduce((n, o) => n + o.nombrePostes, 0),
    cdi: mine.filter((o) => o.typeContrat === 'CDI').length,
    newest: mine.slice(0, 5).map((o) => o.id),
  };
}

// A fetch that can answer 503 from the Nth search call on, or spoil one offer of the first page.
function faultyFetch(options: { failFromSearch?: number; spoilFirstOffer?: boolean }): typeof fetch {
  let searches = 0;
  return async (input, init) => {
    const url = String(input);
    if (!url.includes('/offres/search')) return fetch(input, init);
    const nth = ++searches;
    if (options.failFromSearch !== undefined && nth >= options.failFromSearch) {
      return new Response('{"message":"Service indisponible"}', { status: 503 });
    }
    const response = await fetch(input, init);
    if (!options.spoilFirstOffer || nth !== 1) return response;
    const body = (await response.json()) as { resultats: Record<string, unknown>[] };
    body.resultats[0]!.dateCreation = 'not a date';
    return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
  };
}

const engines = await enginesToTest();

describe.each(engines)('France Travail offer window on %s', (engine) => {
  let mirror: TestMirror;
  let store: MirrorStore;
  let simulator: FranceTravailSimulator;
  let sim: RunningServer;
  const upstreams: UpstreamClient[] = [];
  const source = () =>
    offerWindowSource({
      apiUrl: sim.url,
      authUrl: sim.url,
      clientId: 'id',
      clientSecret: 'secret',
      scope: DEFAULT_SCOPE,
      departments,
      communesPerCall: 50,
      minIntervalMs: 0,
      intervalMs: 600_000,
    });

  beforeAll(async () => {
    mirror = testMirror(engine, 'ftwindow');
    store = await mirror.open();
    simulator = createFranceTravailSimulator({ clientId: 'id', clientSecret: 'secret', world });
    sim = await listenSimulator(simulator, 0);
  });
  afterAll(async () => {
    for (const u of upstreams) u.close();
    await sim?.close();
    await mirror?.cleanup();
  });
  beforeEach(() => {
    simulator.reset();
    // The pace is the client's job (tested below with the documented rate); here, speed.
    simulator.setFaults({ rateLimitPerSecond: 0 });
  });

  /** Runs the territories' query on a fresh subgraph reading the window up to `maxAgeMs` old. */
  async function query(maxAgeMs: number) {
    const common = {
      operator: 'france-travail',
      label: 'France Travail',
      baseUrl: sim.url,
      timeoutMs: 5_000,
    };
    const api = new UpstreamClient({
      ...common,
      retries: 2,
      retryBaseMs: 1,
      cache: new Keyv(),
      ttlMs: 60_000,
    });
    const auth = new UpstreamClient({ ...common, retries: 0, cache: new Keyv(), ttlMs: 0 });
    upstreams.push(api, auth);
    const client = new FranceTravailClient({
      api,
      auth,
      clientId: 'id',
      clientSecret: 'secret',
      scope: DEFAULT_SCOPE,
      communesPerCall: 50,
    });
    const server = createFranceTravailServer({ budgetMs: 8_000 });
    const deps = {
      client,
      mirror: store,
      budgetMs: 8_000,
      locations: { apiUrl: sim.url },
      window: { departments: new Set(departments.keys()), maxAgeMs },
    };
    const reps = grandEst.map((t) => ({
      __typename: 'Territory',
      id: t.id,
      communeCodes: t.communeCodes,
      departmentCodes: t.departmentCodes,
    }));
    const response = await server.executeOperation(
      { query: OFFERS, variables: { reps } },
      { contextValue: createFranceTravailContext(deps) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as { data?: { _entities: Entity[] }; errors?: unknown[] };
  }

  it('syncs every offer of its departments, whole department searches paged by 150', async () => {
    const result = await runSync(store, source());
    expect(result.status).toBe('loaded');
    expect(result.rejected).toBe(0);
    expect(result.recordCount).toBe(inWindow.length);
    const stats = simulator.stats();
    // One search per department plus one per further page: the Marne needs more than one.
    const pages = [...departments.keys()].reduce((n, d) => {
      const count = offers.filter((o) => departmentOfCommune(o.lieuTravail.commune) === d).length;
      return n + Math.max(1, Math.ceil(count / 150));
    }, 0);
    expect(stats.calls['offres/search']).toBe(pages);
    expect(pages).toBeGreaterThan(departments.size);
    const [state] = await readSyncStates(store, [OFFER_WINDOW_SOURCE]);
    expect(state?.status).toBe('loaded');
    expect(state?.record_count).toBe(inWindow.length);
  });

  it('answers territories from the window with no call to France Travail, as the live search does', async () => {
    const [state] = await readSyncStates(store, [OFFER_WINDOW_SOURCE]);
    simulator.reset();
    const answer = await query(3_600_000);
    expect(answer.errors).toBeUndefined();
    expect(simulator.stats().total).toBe(0);
    answer.data!._entities.forEach((entity, index) => {
      const expected = expectedFor(grandEst[index]!.communeCodes);
      const ft = entity.franceTravail;
      expect(ft.offers.totalCount).toBe(expected.totalCount);
      expect(ft.offers.positionCount).toBe(expected.positionCount);
      expect(ft.cdi.totalCount).toBe(expected.cdi);
      expect(ft.summary.count).toBe(expected.totalCount);
      expect(ft.offers.nodes.map((n) => n.id)).toEqual(expected.newest);
      expect(ft.offers.complete).toBe(true);
      // Read by the window's sync: that is when these offers were last confirmed.
      expect(ft.source.retrievedAt).toBe(state!.last_success_at);
      expect(ft.source.illustrative).toBe(true);
      for (const node of ft.offers.nodes) expect(node.source.retrievedAt).toBe(state!.last_success_at);
    });
    expect(expectedFor(grandEst[0]!.communeCodes).totalCount).toBeGreaterThan(0);
  });

  it('reads offers live again when the window is older than its maximum age, with the same answer', async () => {
    simulator.reset();
    simulator.setFaults({ rateLimitPerSecond: 0 });
    const answer = await query(0);
    expect(answer.errors).toBeUndefined();
    expect(simulator.stats().calls['offres/search']).toBeGreaterThan(0);
    answer.data!._entities.forEach((entity, index) => {
      const expected = expectedFor(grandEst[index]!.communeCodes);
      expect(entity.franceTravail.offers.totalCount).toBe(expected.totalCount);
      expect(entity.franceTravail.offers.nodes.map((n) => n.id)).toEqual(expected.newest);
      expect(entity.franceTravail.source.retrievedAt).not.toBe(null);
    });
  });

  it('a department failing halfway aborts the sync and keeps the previous window whole', async () => {
    const [before] = await readSyncStates(store, [OFFER_WINDOW_SOURCE]);
    const result = await runSync(store, source(), { fetch: faultyFetch({ failFromSearch: 4 }) });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('UPSTREAM_BAD_RESPONSE');
    const [after] = await readSyncStates(store, [OFFER_WINDOW_SOURCE]);
    expect(after?.record_count).toBe(inWindow.length);
    expect(after?.last_success_at).toBe(before?.last_success_at);
    const answer = await query(3_600_000);
    expect(answer.data!._entities[0]!.franceTravail.offers.totalCount).toBe(
      expectedFor(grandEst[0]!.communeCodes).totalCount,
    );
  });

  it('rejects a malformed offer with its reason and loads the others', async () => {
    const result = await runSync(store, source(), { fetch: faultyFetch({ spoilFirstOffer: true }) });
    expect(result.status).toBe('loaded');
    expect(result.rejected).toBe(1);
    expect(result.recordCount).toBe(inWindow.length - 1);
    const rejects = await readRejects(store, OFFER_WINDOW_SOURCE);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]!.reason).toBe('MALFORMED_ROW');
    expect(rejects[0]!.detail).toContain('dateCreation');
  });

  it('waits out the upstream 429s at the documented rate and still loads every offer', async () => {
    simulator.setFaults({ rateLimitPerSecond: 10, throttleNext: 3 });
    const result = await runSync(store, source());
    expect(result.status).toBe('loaded');
    expect(result.recordCount).toBe(inWindow.length);
    expect(simulator.stats().outcomes.throttled).toBeGreaterThanOrEqual(3);
  });
});
