// The bpifrance subgraph started as `npm start` starts it, against its two simulators (the
// economy ministry portal with `plan-de-relance` and the illustrative France 2030 laureates, API
// Recherche d'entreprises): the start-up sync and locate step fill the mirror, then territories
// and companies are answered from it through executeOperation, with no portal call. Expected figures come from the simulators' data and the world, not from the
// mirror the code reads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../kit/src/listen.js';
import { loadPlaceIndex, nameKey, openMirror, type MirrorStore } from '../../../kit/src/mirror/index.js';
import { REPO_ROOT } from '../../../kit/src/paths.js';
import { openCompanyRegistry } from '../../../kit/src/registry/openCompanyRegistry.js';
import { createBpifranceSimulator } from '../../../sim/bpifrance/bpifranceSimulator.js';
import { readBpifranceSimulatorConfig } from '../../../sim/bpifrance/config.js';
import { buildPlanDeRelance } from '../../../sim/bpifrance/planDeRelance.js';
import { buildFrance2030Records } from '../../../sim/bpifrance/records.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { readRechercheEntreprisesSimulatorConfig } from '../../../sim/recherche-entreprises/config.js';
import { createRechercheEntreprisesSimulator } from '../../../sim/recherche-entreprises/rechercheEntreprisesSimulator.js';
import { loadWorld } from '../../../sim/world.js';
import { BpifranceMirror } from '../src/bpifranceMirror.js';
import { readBpifranceConfig, type BpifranceConfig } from '../src/config.js';
import type { BpifranceContext } from '../src/context.js';
import type { BpifranceSources } from '../src/loaders.js';
import { createBpifranceContext, createBpifranceServer } from '../src/server.js';
import { startBpifrance, type RunningBpifrance } from '../src/start.js';

const world = loadWorld();
const projects = buildPlanDeRelance(world).records;
const laureates = buildFrance2030Records(world).records;

/** The commune a published project belongs to: its own when the name is right, else the head office. */
function expectedCommune(row: Record<string, unknown>): string {
  const id = String(row.siren);
  const company = world.companyBySiren.get(id.slice(0, 9))!;
  const establishment = id.length === 14 ? world.establishmentBySiret.get(id)! : company.establishments[0]!;
  return nameKey(String(row.nom_commune)) === nameKey(establishment.commune.name)
    ? establishment.commune.code
    : company.establishments[0]!.commune.code;
}

// The territory with the most projects, so the figures below are not zeros.
const territory = [...world.territories].sort(
  (a, b) =>
    projects.filter((p) => b.communeCodes.includes(expectedCommune(p))).length -
    projects.filter((p) => a.communeCodes.includes(expectedCommune(p))).length,
)[0]!;
const inTerritory = projects.filter((p) => territory.communeCodes.includes(expectedCommune(p)));
const laureatesInTerritory = laureates.filter((l) => territory.communeCodes.includes(String(l.code_commune)));
const representation = { __typename: 'Territory', id: territory.id, communeCodes: territory.communeCodes };

const dir = mkdtempSync(join(tmpdir(), 'bpifrance-'));
let sims: RunningServer[] = [];
let economie: Simulator;
let config: BpifranceConfig;
let running: RunningBpifrance;
let server: ApolloServer<BpifranceContext>;
let sources: BpifranceSources;
let store: MirrorStore;

beforeAll(async () => {
  economie = createBpifranceSimulator(readBpifranceSimulatorConfig({}));
  const registry = createRechercheEntreprisesSimulator(readRechercheEntreprisesSimulatorConfig({}));
  // The test does not wait for the real registry's pace.
  registry.setFaults({ rateLimitPerSecond: 0 });
  sims = [await listenSimulator(economie, 0), await listenSimulator(registry, 0)];
  config = readBpifranceConfig({
    GATEWAY_SECRET: 'test-secret',
    BPIFRANCE_PORT: '0',
    ECONOMIE_API_URL: sims[0]!.url,
    RECHERCHE_ENTREPRISES_API_URL: sims[1]!.url,
    MIRROR_FILE: join(dir, 'mirror.sqlite'),
  });
  config.registry.upstream.minIntervalMs = 0;
  running = await startBpifrance(config);
  const synced = await running.initialSync;
  expect(synced?.sync).toMatchObject({ status: 'loaded', read: projects.length, rejected: 0 });
  expect(synced?.locate).toMatchObject({ unlocatedCount: 0 });
  expect(synced?.france2030).toMatchObject({ status: 'loaded', read: laureates.length, rejected: 0 });
  // A second process on the same mirror file, as a replica would be, queried in-process.
  store = await openMirror({ file: config.mirrorFile });
  sources = {
    mirror: new BpifranceMirror({
      store,
      baseUrl: config.upstream.baseUrl,
      datasetId: config.franceRelanceDataset,
      france2030DatasetId: config.france2030Dataset,
    }),
  };
  server = createBpifranceServer();
  await server.start();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await store?.close();
  await running?.close();
  for (const sim of sims) await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

type Result = { data?: Record<string, unknown>; errors?: { extensions?: Record<string, unknown> }[] };

async function run(
  query: string,
  variables: Record<string, unknown> = {},
  context = createBpifranceContext(sources),
) {
  const response = await server.executeOperation({ query, variables }, { contextValue: context });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as Result;
}

const TERRITORY = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Territory {
      bpifrance {
        companyCount aidsWithoutAmount unlocatedCount
        summary { operator count amount byAxis { axis count amount } }
        byProgramme { programme count amount }
        source { publisher dataset url retrievedAt illustrative }
        france2030Source { dataset retrievedAt illustrative }
        aids(first: 100) { totalCount nodes { id programme measure amount investment year updatedOn communeCode source { dataset illustrative } } }
      }
    }
  }
}`;

interface Block {
  companyCount: number;
  aidsWithoutAmount: number;
  unlocatedCount: number;
  summary: {
    operator: string;
    count: number;
    amount: number;
    byAxis: { axis: string; count: number; amount: number }[];
  };
  byProgramme: { programme: string; count: number; amount: number | null }[];
  source: {
    publisher: string;
    dataset: string;
    url: string;
    retrievedAt: string | null;
    illustrative: boolean;
  };
  france2030Source: { dataset: string; retrievedAt: string | null; illustrative: boolean } | null;
  aids: {
    totalCount: number;
    nodes: {
      id: string;
      programme: string;
      amount: number | null;
      investment: number | null;
      year: number | null;
      updatedOn: string | null;
      communeCode: string | null;
      source: { dataset: string; illustrative: boolean };
    }[];
  };
}

const blockOf = (result: Result) => (result.data!._entities as { bpifrance: Block }[])[0]!.bpifrance;

describe('the bpifrance subgraph on the mirror', () => {
  it("answers a territory's France Relance projects and illustrative France 2030 laureates", async () => {
    const result = await run(TERRITORY, { reps: [representation] });
    expect(result.errors).toBeUndefined();
    const block = blockOf(result);
    expect(inTerritory.length).toBeGreaterThan(2);
    expect(block.aids.totalCount).toBe(inTerritory.length + laureatesInTerritory.length);
    expect(block.summary.count).toBe(inTerritory.length + laureatesInTerritory.length);
    // No amount is invented: France Relance projects have none; the summary sums the laureates' alone.
    expect(block.aidsWithoutAmount).toBe(inTerritory.length);
    const laureateAid = laureatesInTerritory.reduce((n, l) => n + Number(l.montant_aide), 0);
    expect(block.summary.amount).toBeCloseTo(laureateAid, 2);
    expect(block.byProgramme.find((p) => p.programme === 'FONDS_ACCELERATION')).toEqual({
      programme: 'FONDS_ACCELERATION',
      count: inTerritory.filter((p) => p.mesure_light === 'Projets territoriaux').length,
      amount: null,
    });
    const relance = block.aids.nodes.filter((a) => a.id.startsWith('france-relance:'));
    expect(relance.length).toBe(inTerritory.length);
    for (const aid of relance) {
      expect(aid).toMatchObject({
        amount: null,
        investment: null,
        year: null,
        source: { dataset: 'plan-de-relance', illustrative: true },
      });
      expect(territory.communeCodes).toContain(aid.communeCode);
    }
    const laureateAids = block.aids.nodes.filter((a) => a.id.startsWith('france-2030:'));
    expect(laureateAids.length).toBe(laureatesInTerritory.length);
    for (const aid of laureateAids)
      expect(aid.source).toEqual({ dataset: 'illustratif-laureats-france-2030', illustrative: true });
    // The laureates' provenance: illustrative, retrievedAt the time of their sync.
    expect(block.france2030Source).toMatchObject({
      dataset: 'illustratif-laureats-france-2030',
      illustrative: true,
    });
    expect(Date.now() - Date.parse(block.france2030Source!.retrievedAt!)).toBeLessThan(120_000);
    expect(block.summary.byAxis.reduce((n, a) => n + a.count, 0)).toBe(block.summary.count);
    // Simulated portal: illustrative; retrievedAt is the sync's time; the URL is the real portal's.
    expect(block.source).toMatchObject({
      dataset: 'plan-de-relance',
      url: 'https://data.economie.gouv.fr/explore/dataset/plan-de-relance/',
      illustrative: true,
    });
    expect(Date.now() - Date.parse(block.source.retrievedAt!)).toBeLessThan(120_000);
    expect(block.unlocatedCount).toBe(0);
    // Newest first.
    const dates = relance.map((a) => a.updatedOn!);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('reads the mirror at query time: ZERO requests to the portal, France 2030 aids included', async () => {
    const before = economie.stats().total;
    const block = blockOf(await run(TERRITORY, { reps: [representation] }));
    expect(block.aids.nodes.filter((a) => a.id.startsWith('france-2030:')).length).toBe(
      laureatesInTerritory.length,
    );
    const company = await run(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Company { bpifrance { aids { id } } } } }`,
      { reps: [{ __typename: 'Company', siren: String(laureates[0]!.siren) }] },
    );
    expect(company.errors).toBeUndefined();
    expect(economie.stats().total).toBe(before);
  });

  it("answers a company's projects by SIREN, a SIRET-published one included", async () => {
    const project = projects.find((p) => String(p.siren).length === 14)!;
    const siren = String(project.siren).slice(0, 9);
    const result = await run(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Company { bpifrance { aids { id measure company { siren } } source { dataset } } } } }`,
      { reps: [{ __typename: 'Company', siren }] },
    );
    expect(result.errors).toBeUndefined();
    const company = (
      result.data!._entities as { bpifrance: { aids: { measure: string; company: { siren: string } }[] } }[]
    )[0]!;
    const expected = [
      ...projects.filter((p) => String(p.siren).startsWith(siren)).map((p) => String(p.mesure)),
      ...laureates.filter((l) => l.siren === siren).map((l) => String(l.mesure)),
    ];
    expect(company.bpifrance.aids.map((a) => a.measure).sort()).toEqual(expected.sort());
    expect(company.bpifrance.aids.map((a) => a.company.siren)).toEqual(expected.map(() => siren));
  });

  it('refuses a bad page size and a bad SIREN with a code, before any read', async () => {
    const page = await run(TERRITORY.replace('aids(first: 100)', 'aids(first: 500)'), {
      reps: [representation],
    });
    expect(page.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_OUT_OF_RANGE');
    const siren = await run(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Company { bpifrance { aids { id } } } } }`,
      { reps: [{ __typename: 'Company', siren: '123456789' }] },
    );
    expect(siren.errors?.[0]?.extensions?.code).toBe('INVALID_SIREN');
  });

  it('defaults to the real portal and registry, and reads no France 2030 from the real portal', () => {
    const defaults = readBpifranceConfig({ GATEWAY_SECRET: 'x' });
    expect(defaults.upstream.baseUrl).toBe('https://data.economie.gouv.fr');
    expect(defaults.franceRelanceDataset).toBe('plan-de-relance');
    expect(defaults.france2030Dataset).toBeUndefined();
    expect(defaults.registry.upstream.baseUrl).toBe('https://recherche-entreprises.api.gouv.fr');
    expect(
      loadPlaceIndex(`${REPO_ROOT}data/geo`).placeOf('51000', 'CHALONS-EN-CHAMPAGNE', '51')?.communeCode,
    ).toBe('51108');
  });

  it('opens the registry client the sync service uses, which refuses a non-id without calling', async () => {
    const opened = openCompanyRegistry(config.registry);
    expect(await opened.registry.lookup(['n/a'])).toEqual([{ id: 'n/a', invalid: expect.any(String) }]);
    await opened.close();
  });
});

describe('the bpifrance subgraph before any sync', () => {
  it('answers empty lists with retrievedAt null, never an invented figure', async () => {
    const empty = await openMirror({ file: join(dir, 'empty.sqlite') });
    try {
      const mirror = new BpifranceMirror({
        store: empty,
        baseUrl: 'https://data.economie.gouv.fr',
        datasetId: 'plan-de-relance',
      });
      const block = blockOf(
        await run(TERRITORY, { reps: [representation] }, createBpifranceContext({ mirror })),
      );
      expect(block).toMatchObject({
        aidsWithoutAmount: 0,
        summary: { count: 0, amount: 0 },
        france2030Source: null,
      });
      expect(block.source).toMatchObject({ retrievedAt: null, illustrative: false });
    } finally {
      await empty.close();
    }
  });
});
