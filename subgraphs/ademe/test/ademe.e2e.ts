// The ademe subgraph end to end on each mirror engine: the aids synced from the simulated
// data-fair portal (the real protocol), located through company locations (standing in for the
// company registry's locate step), then read by territory and by company with ONE SQL query per
// batch, with provenance; a re-sync reads no line again; a failed sync keeps the copy serving; a
// database that goes away is a coded error naming ADEME.
import type { ApolloServer } from '@apollo/server';
import type { LogEvent } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../kit/src/listen.js';
import { runSync, type MirrorStore } from '../../../kit/src/mirror/index.js';
import { createAdemeSimulator } from '../../../sim/ademe/ademeSimulator.js';
import { AIDS_DATASET, buildAdemeRecords } from '../../../sim/ademe/records.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { loadWorld, type WorldCompany } from '../../../sim/world.js';
import { enginesToTest, testMirror, type TestMirror } from '../../../kit/test/mirror/mirrorEngines.js';
import { AdemeMirror } from '../src/ademeMirror.js';
import type { AdemeContext } from '../src/context.js';
import { createAdemeContext, createAdemeServer } from '../src/server.js';
import { seedCompanyLocations } from '../../../test/helpers/ademeMirror.js';

const world = loadWorld();
const lines = buildAdemeRecords(world).get(AIDS_DATASET)!.lines;
const companyBySiren = new Map(world.companies.map((c) => [c.siren, c]));
// Every tenth company is unknown to the registry: its aids stay unlocated, and must be counted.
const unknownToRegistry = new Set(world.companies.filter((_, i) => i % 10 === 0).map((c) => c.siren));
const sirenOf = (line: (typeof lines)[number]) => String(line.idBeneficiaire).padStart(14, '0').slice(0, 9);
const headOffice = (c: WorldCompany) => c.establishments.find((e) => e.headOffice)!;

/** The aids a territory should show: located at their company's head office, in its communes. */
function expectedAids(communes: ReadonlySet<string>) {
  return lines.filter((l) => {
    const company = companyBySiren.get(sirenOf(l))!;
    return !unknownToRegistry.has(company.siren) && communes.has(headOffice(company).commune.code);
  });
}

let simulator: Simulator;
let sim: RunningServer;
beforeAll(async () => {
  simulator = createAdemeSimulator({ world });
  sim = await listenSimulator(simulator, 0);
});
afterAll(() => sim?.close());

const engines = await enginesToTest();

describe.each(engines)('the ademe subgraph on the %s mirror', (engine) => {
  let mirrorDb: TestMirror;
  let store: MirrorStore;
  let mirror: AdemeMirror;
  let server: ApolloServer<AdemeContext>;
  const queries: string[] = [];

  beforeAll(async () => {
    mirrorDb = testMirror(engine, 'ademe');
    store = await mirrorDb.open({
      log: (event: LogEvent) => {
        if (event.level === 'query') queries.push(event.query.sql);
      },
    });
    await seedCompanyLocations(store, world, unknownToRegistry);
    mirror = new AdemeMirror({ store, baseUrl: sim.url, datasetId: AIDS_DATASET });
    server = createAdemeServer();
    await server.start();
  });
  afterAll(async () => {
    await server?.stop();
    await mirrorDb?.cleanup();
  });

  async function run(query: string, variables: Record<string, unknown> = {}) {
    const response = await server.executeOperation(
      { query, variables },
      { contextValue: createAdemeContext(mirror) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
  }

  const TERRITORIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Territory {
    id ademe {
      aids(first: 100) { totalCount totalAmount nodes { id siret communeCode departmentCode company { siren } axis paymentStart paymentEnd source { retrievedAt } } }
      summary { operator count amount byAxis { axis count amount } }
      unlocatedCount
      source { publisher dataset url retrievedAt illustrative }
    } } } }`;

  it('syncs every line through data-fair paging, counting the aids no company location places', async () => {
    const result = await runSync(store, mirror.syncSource);
    const unlocated = lines.filter((l) => unknownToRegistry.has(sirenOf(l))).length;
    expect(unlocated).toBeGreaterThan(0);
    expect(result).toMatchObject({
      status: 'loaded',
      read: lines.length,
      loaded: lines.length,
      rejected: 0,
      recordCount: lines.length,
      unlocatedCount: unlocated,
    });
    expect(simulator.stats().calls.lines).toBeGreaterThan(0);
  });

  it('reads no line again when the dataset has not changed', async () => {
    const before = simulator.stats().calls;
    const result = await runSync(store, mirror.syncSource);
    const after = simulator.stats().calls;
    expect(result.status).toBe('unchanged');
    expect(after.lines ?? 0).toBe(before.lines ?? 0);
    expect(after.dataset).toBe((before.dataset ?? 0) + 1);
  });

  it("answers several territories' aids and summaries with one SQL query per batch, with provenance", async () => {
    // The territories with the most located aids, so no check below holds for an empty list.
    const ranked = world.territories
      .map((t) => ({ t, n: expectedAids(new Set(t.communeCodes)).length }))
      .filter((x) => x.n > 0 && x.n <= 100)
      .sort((a, b) => b.n - a.n)
      .slice(0, 3)
      .map((x) => x.t);
    expect(ranked).toHaveLength(3);
    const reps = ranked.map((t) => ({ __typename: 'Territory', id: t.id, communeCodes: t.communeCodes }));
    queries.length = 0;
    const result = await run(TERRITORIES, { reps });
    expect(result.errors).toBeUndefined();
    // aids by commune, summaries by axis, unlocated by department, sync state: four statements
    // for three territories, as for one.
    expect(queries).toHaveLength(4);
    const entities = (result.data!._entities as { id: string; ademe: Record<string, never> }[]).map(
      (e) =>
        e.ademe as unknown as {
          aids: {
            totalCount: number;
            totalAmount: number;
            nodes: {
              siret: string;
              communeCode: string;
              company: { siren: string };
              axis: string;
              source: { retrievedAt: string };
            }[];
          };
          summary: {
            operator: string;
            count: number;
            amount: number;
            byAxis: { axis: string; count: number; amount: number }[];
          };
          unlocatedCount: number;
          source: {
            publisher: string;
            dataset: string;
            url: string;
            retrievedAt: string;
            illustrative: boolean;
          };
        },
    );
    ranked.forEach((territory, i) => {
      const communes = new Set(territory.communeCodes);
      const expected = expectedAids(communes);
      const ademe = entities[i]!;
      const amount = expected.reduce((n, l) => n + Number(l.montant), 0);
      expect(ademe.aids.totalCount).toBe(expected.length);
      expect(ademe.aids.totalAmount).toBe(amount);
      expect(ademe.aids.nodes.map((a) => a.siret).sort()).toEqual(
        expected.map((l) => String(l.idBeneficiaire).padStart(14, '0')).sort(),
      );
      for (const aid of ademe.aids.nodes) {
        expect(communes.has(aid.communeCode)).toBe(true);
        expect(aid.company.siren).toBe(aid.siret.slice(0, 9));
        expect(aid.axis).toBe('TRANSITION_ECOLOGIQUE');
      }
      expect(ademe.summary).toMatchObject({ operator: 'ADEME', count: expected.length, amount });
      expect(ademe.summary.byAxis).toEqual([
        { axis: 'COMPETENCES', count: 0, amount: 0 },
        { axis: 'FONCIER', count: 0, amount: 0 },
        { axis: 'INNOVATION', count: 0, amount: 0 },
        { axis: 'TRANSITION_ECOLOGIQUE', count: expected.length, amount },
      ]);
      const departments = new Set(territory.departmentCodes);
      expect(ademe.unlocatedCount).toBe(
        lines.filter(
          (l) =>
            unknownToRegistry.has(sirenOf(l)) &&
            departments.has(String(l['_siret_infos._infos_commune.code_departement'])),
        ).length,
      );
      expect(ademe.source).toMatchObject({
        publisher: 'ADEME',
        dataset: "les-aides-financieres-de-l'ademe",
        url: 'https://data.ademe.fr/data-fair/api/v1/datasets/les-aides-financieres-de-l%27ademe/lines',
        illustrative: true,
      });
      expect(Date.parse(ademe.source.retrievedAt)).not.toBeNaN();
      expect(ademe.aids.nodes[0]!.source.retrievedAt).toBe(ademe.source.retrievedAt);
    });
  });

  it("lists a company's aids by SIREN, every establishment, including ones no registry located", async () => {
    const company = world.companies.find(
      (c) => unknownToRegistry.has(c.siren) && lines.some((l) => sirenOf(l) === c.siren),
    )!;
    const expected = lines.filter((l) => sirenOf(l) === company.siren);
    const result = await run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Company {
        ademe { aids { siret communeCode amount } summary { count amount } source { dataset } } } } }`,
      { reps: [{ __typename: 'Company', siren: company.siren }] },
    );
    expect(result.errors).toBeUndefined();
    const ademe = (
      result.data!._entities as {
        ademe: {
          aids: { siret: string; communeCode: string | null }[];
          summary: { count: number; amount: number };
        };
      }[]
    )[0]!.ademe;
    expect(ademe.aids.map((a) => a.siret).sort()).toEqual(
      expected.map((l) => String(l.idBeneficiaire)).sort(),
    );
    expect(ademe.aids.every((a) => a.communeCode === null)).toBe(true);
    expect(ademe.summary).toEqual({
      count: expected.length,
      amount: expected.reduce((n, l) => n + Number(l.montant), 0),
    });
  });

  it('refuses bad input with a coded error before reading the mirror', async () => {
    queries.length = 0;
    const territory = world.territories[0]!;
    const result = await run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Territory { ademe { aids(first: 500) { totalCount } } } } }`,
      { reps: [{ __typename: 'Territory', id: territory.id, communeCodes: territory.communeCodes }] },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_OUT_OF_RANGE');
    const siren = await run(
      `query { _entities(representations: [{__typename: "Company", siren: "350555067"}]) { ... on Company { ademe { aids { siret } } } } }`,
    );
    expect(siren.errors?.[0]?.extensions?.code).toBe('INVALID_SIREN');
    expect(queries).toEqual([]);
  });

  it('keeps the previous copy serving, with its sync time, when the portal fails mid-sync', async () => {
    const before = await mirror.freshness();
    simulator.setFaults({ down: true });
    try {
      const result = await runSync(store, mirror.syncSource, { full: true });
      expect(result.status).toBe('failed');
      expect(result.error?.code).toBeDefined();
    } finally {
      simulator.reset();
    }
    const after = await mirror.freshness();
    expect(after.status).toBe('failed');
    expect(after.recordCount).toBe(lines.length);
    expect(after.source.retrievedAt).toBe(before.source.retrievedAt);
  });

  it('nulls the field with MIRROR_UNAVAILABLE naming ADEME when the database goes away', async () => {
    const gone = await mirrorDb.open();
    const goneMirror = new AdemeMirror({ store: gone, baseUrl: sim.url, datasetId: AIDS_DATASET });
    await gone.close();
    const territory = world.territories[0]!;
    const response = await server.executeOperation(
      {
        query: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Territory { ademe { summary { count } } } } }`,
        variables: {
          reps: [{ __typename: 'Territory', id: territory.id, communeCodes: territory.communeCodes }],
        },
      },
      { contextValue: createAdemeContext(goneMirror) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { errors } = response.body.singleResult;
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'MIRROR_UNAVAILABLE', operator: 'ademe' });
    expect(errors?.[0]?.message).toMatch(/^ADEME: /);
  });
});

describe('the ADEME simulator over HTTP', () => {
  it('answers the real id with its apostrophe raw or as %27, and throttles in text/plain with Retry-After', async () => {
    const raw = await fetch(
      `${sim.url}/data-fair/api/v1/datasets/les-aides-financieres-de-l'ademe/lines?size=2`,
    );
    const encoded = await fetch(
      `${sim.url}/data-fair/api/v1/datasets/les-aides-financieres-de-l%27ademe/lines?size=2`,
    );
    expect(raw.status).toBe(200);
    expect(encoded.status).toBe(200);
    const [a, b] = (await Promise.all([raw.json(), encoded.json()])) as {
      total: number;
      results: unknown[];
      next: string;
    }[];
    // The same lines; `next` echoes the path as the caller spelled it.
    expect(a!.results).toEqual(b!.results);
    expect(a!.results).toHaveLength(2);
    expect(a!.total).toBe(lines.length);
    expect(new URL(a!.next).searchParams.get('after')).toBe('2');
    simulator.setFaults({ throttleNext: 1 });
    try {
      const throttled = await fetch(
        `${sim.url}/data-fair/api/v1/datasets/les-aides-financieres-de-l%27ademe/lines`,
      );
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      simulator.reset();
    }
    const unknown = await fetch(
      `${sim.url}/data-fair/api/v1/datasets/les-aides-financieres-de-lademe-1/lines`,
    );
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('les-aides-financieres-de-lademe-1');
  });
});
