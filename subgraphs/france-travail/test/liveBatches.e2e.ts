// The subgraph on its simulator (a real port) and an in-memory mirror: offers of many territories
// are read with one search per department involved, a slow upstream past the time budget gives
// what was read plus PARTIAL_RESULT, and the BMO outlook comes from the mirror with no call.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { departmentOfCommune } from '../../../kit/src/reference/companyIds.js';
import { Keyv } from 'keyv';
import type { RunningServer } from '../../../kit/src/listen.js';
import { openMirror, runSync, bmoSource, type MirrorStore } from '../../../kit/src/mirror/index.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import { listenSimulator } from '../../../sim/kit/simulator.js';
import {
  BMO_FILE_PATH,
  createFranceTravailSimulator,
  type FranceTravailSimulator,
} from '../../../sim/france-travail/franceTravailSimulator.js';
import { buildOffers } from '../../../sim/france-travail/records.js';
import { loadWorld, type WorldTerritory } from '../../../sim/world.js';
import { DEFAULT_SCOPE } from '../src/config.js';
import { FranceTravailClient } from '../src/franceTravailClient.js';
import { createFranceTravailContext, createFranceTravailServer } from '../src/server.js';

const world = loadWorld();
const offers = buildOffers(world);
const grandEst = world.territories.filter((t) => t.regionCode === '44');
let simulator: FranceTravailSimulator;
let sim: RunningServer;
let mirror: MirrorStore;
const upstreams: UpstreamClient[] = [];

beforeAll(async () => {
  simulator = createFranceTravailSimulator({ clientId: 'id', clientSecret: 'secret', world });
  sim = await listenSimulator(simulator, 0);
  mirror = await openMirror({ file: ':memory:' });
});
afterAll(async () => {
  for (const u of upstreams) u.close();
  await mirror.close();
  await sim.close();
});
beforeEach(() => simulator.reset());

/** A fresh client (empty cache) and a way to run one query on the subgraph with a given budget. */
function subgraph(budgetMs: number) {
  const common = { operator: 'france-travail', label: 'France Travail', baseUrl: sim.url, timeoutMs: 5_000 };
  const api = new UpstreamClient({
    ...common,
    retries: 2,
    retryBaseMs: 1,
    cache: new Keyv(),
    ttlMs: 60_000,
    minIntervalMs: 110,
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
  const server = createFranceTravailServer({ budgetMs });
  const deps = {
    client,
    mirror,
    budgetMs,
    locations: { apiUrl: sim.url, bmoUrl: `${sim.url}${BMO_FILE_PATH}` },
  };
  return (query: string, variables: Record<string, unknown>) =>
    server.executeOperation({ query, variables }, { contextValue: createFranceTravailContext(deps) });
}

const representations = (territories: readonly WorldTerritory[]) =>
  territories.map((t) => ({
    __typename: 'Territory',
    id: t.id,
    communeCodes: t.communeCodes,
    departmentCodes: t.departmentCodes,
  }));

const OFFERS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Territory {
  franceTravail { offers(first: 100) { totalCount complete missingDepartments nodes { id communeCode source { retrievedAt illustrative } } }
    summary { count } source { dataset retrievedAt illustrative } } } } }`;

type Entity = {
  franceTravail: {
    offers: {
      totalCount: number;
      complete: boolean;
      missingDepartments: string[];
      nodes: { id: string; communeCode: string; source: { retrievedAt: string; illustrative: boolean } }[];
    };
    summary: { count: number };
    source: { dataset: string; retrievedAt: string | null; illustrative: boolean };
  };
};

function single<T>(response: Awaited<ReturnType<ReturnType<typeof subgraph>>>) {
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as {
    data?: T;
    errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  };
}

const expectedFor = (t: WorldTerritory) => {
  const communes = new Set(t.communeCodes);
  return offers.filter((o) => communes.has(o.lieuTravail.commune));
};
const inDepartment = (d: string) => offers.filter((o) => o.lieuTravail.libelle.startsWith(`${d} - `)).length;

describe('offers, live per department batch', () => {
  it('reads the 21 Grand Est territories with one search per department involved (plus its pages)', async () => {
    expect(grandEst).toHaveLength(21);
    const departments = [...new Set(grandEst.flatMap((t) => t.communeCodes.map(departmentOfCommune)))];
    const started = Date.now();
    const result = single<{ _entities: Entity[] }>(
      await subgraph(8_000)(OFFERS, { reps: representations(grandEst) }),
    );
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities;
    grandEst.forEach((territory, index) => {
      const expected = expectedFor(territory);
      const got = entities[index]!.franceTravail;
      expect(got.offers.totalCount).toBe(expected.length);
      expect(got.summary.count).toBe(expected.length);
      expect(got.offers.complete).toBe(true);
      expect(got.source).toMatchObject({ dataset: "Offres d'emploi v2", illustrative: true });
      expect(Date.parse(got.source.retrievedAt!)).toBeGreaterThanOrEqual(started - 1);
    });
    expect(entities.reduce((n, e) => n + e.franceTravail.offers.totalCount, 0)).toBeGreaterThan(100);
    // Calls: for each department involved, its pages of 150; none per commune list or territory.
    const pages = departments.reduce((n, d) => n + Math.max(1, Math.ceil(inDepartment(d) / 150)), 0);
    const { calls, outcomes } = simulator.stats();
    expect(calls['offres/search']! - outcomes.throttled).toBe(pages);
    expect(departments.length).toBeLessThan(grandEst.length);
  });

  it('answers what it read within the budget, with PARTIAL_RESULT naming the departments missing', async () => {
    // Every call takes 250 ms and calls start 125 ms apart: a 1.5 s budget cannot see them all
    // (the real Grand Est territories reach about twenty pages of offers), but sees some.
    simulator.setFaults({ latencyMs: 250 });
    const started = Date.now();
    const result = single<{ _entities: Entity[] }>(
      await subgraph(1_500)(OFFERS, { reps: representations(grandEst) }),
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(3_500);
    const partial = (result.errors ?? []).filter((e) => e.extensions?.code === 'PARTIAL_RESULT');
    expect(partial.length).toBeGreaterThan(0);
    expect(partial[0]!.extensions).toMatchObject({ operator: 'france-travail' });
    expect(partial[0]!.message).toContain('France Travail');
    const entities = result.data!._entities;
    const missing = new Set(partial.flatMap((e) => e.extensions!.missingDepartments as string[]));
    expect(missing.size).toBeGreaterThan(0);
    let answered = 0;
    grandEst.forEach((territory, index) => {
      const got = entities[index]!.franceTravail.offers;
      const lacking = territory.communeCodes.some((c) => missing.has(c.slice(0, 2)));
      expect(got.complete).toBe(!lacking);
      // What is answered is exactly the offers of the departments that were read.
      const read = expectedFor(territory).filter((o) => !missing.has(o.lieuTravail.commune.slice(0, 2)));
      expect(got.totalCount).toBe(read.length);
      answered += got.totalCount;
    });
    expect(answered).toBeGreaterThan(0);
  });
});

describe('BMO recruitment outlook, from the mirror', () => {
  const RECRUITMENT = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Territory {
    franceTravail { recruitment { year projects difficultProjects seasonalProjects secretRows
      departments { departmentCode projects bassinCount } topJobs(first: 3) { jobCode jobLabel projects }
      source { dataset retrievedAt illustrative } } } } } }`;
  type Outlook = {
    year: number;
    projects: number;
    secretRows: number;
    departments: { departmentCode: string; projects: number; bassinCount: number }[];
    topJobs: { jobCode: string; projects: number }[];
    source: { retrievedAt: string; illustrative: boolean };
  };

  it('says MIRROR_NOT_SYNCED before the first sync, then answers from the mirror with no upstream call', async () => {
    const marne = world.territoryById.get('ti-4411')!;
    const query = subgraph(5_000);
    const before = single<unknown>(await query(RECRUITMENT, { reps: representations([marne]) }));
    expect(before.errors?.[0]?.extensions?.code).toBe('MIRROR_NOT_SYNCED');

    const sync = await runSync(mirror, bmoSource(`${sim.url}${BMO_FILE_PATH}`));
    expect(sync).toMatchObject({ status: 'loaded', rejected: 0 });
    expect(sync.recordCount).toBeGreaterThan(1000);
    simulator.reset();

    const territories = world.territories.filter(
      (t) => t.departmentCodes.includes('01') || t.id === 'ti-4411',
    );
    const result = single<{ _entities: { franceTravail: { recruitment: Outlook } }[] }>(
      await query(RECRUITMENT, { reps: representations(territories) }),
    );
    expect(result.errors).toBeUndefined();
    expect(simulator.stats().total).toBe(0);
    const ain = result.data!._entities.find((_, i) => territories[i]!.departmentCodes.includes('01'))!
      .franceTravail.recruitment;
    const ainFigures = ain.departments.find((d) => d.departmentCode === '01')!;
    // Ain: the real bassin 8402 OYONNAX rows plus two illustrative bassins.
    expect(ainFigures.bassinCount).toBe(3);
    expect(ain.year).toBe(2024);
    expect(ain.secretRows).toBeGreaterThan(0);
    expect(ain.topJobs[0]!.projects).toBeGreaterThanOrEqual(ain.topJobs[1]!.projects);
    expect(ain.source).toMatchObject({ illustrative: true });
    const [state] = await mirror.db
      .selectFrom('sync_state')
      .selectAll()
      .where('source', '=', 'bmo')
      .execute();
    expect(ain.source.retrievedAt).toBe(new Date(state!.last_success_at!).toISOString());
    // The sums are the mirror's published counts for the department ("*" rows left out).
    const rows = await mirror.db
      .selectFrom('bmo_row')
      .selectAll()
      .where('department_code', '=', '01')
      .execute();
    expect(ainFigures.projects).toBe(rows.reduce((n, r) => n + (r.met ?? 0), 0));
  });
});
