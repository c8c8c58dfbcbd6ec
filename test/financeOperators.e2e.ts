// Banque des Territoires, Bpifrance and Business France through the gateway, each on its
// simulated upstream: a Marne territory's picture, each upstream down / slow / sending garbage,
// bad input refused before any upstream call, and upstream calls for 1 and for 21 territories.
// Banque des Territoires and Bpifrance (France Relance and the illustrative France 2030 laureates)
// read the mirror (synced from their simulators when the stack starts): their pictures need no
// upstream call at query time, whatever the portals do.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../stack/registry.js';
import { loadPublicBodyLocator } from '../kit/src/mirror/publicBodyLocator.js';
import { buildBanqueDesTerritoiresRecords } from '../sim/banque-des-territoires/records.js';
import { buildBusinessFranceRecords } from '../sim/business-france/records.js';
import { loadWorld } from '../sim/world.js';
import { REPO_ROOT } from '../tools/composition.js';
import { postGraphQL, startTestStack, type Stack } from './helpers/stack.js';
import { bpifranceAidsIn, bpifranceMeasuresOf, tempMirrorFile } from './helpers/bpifranceData.js';
import { expectOnlyOperatorDown } from './helpers/operators.js';
import {
  freshRequestId,
  resetSimulator,
  setFaults,
  simulatorCalls,
  simulatorCallsOf,
  type SimulatorFaults,
} from './helpers/simulators.js';

// Each operator, its simulator service and how its errors name it.
const OPERATORS = [
  {
    field: 'banqueDesTerritoires',
    simulator: 'caisse-des-depots',
    id: 'banque-des-territoires',
    label: 'Banque des Territoires',
  },
  { field: 'bpifrance', simulator: 'economie', id: 'bpifrance', label: 'Bpifrance' },
  {
    field: 'businessFrance',
    simulator: 'business-france-sim',
    id: 'business-france',
    label: 'Business France',
  },
] as const;
// The company registry places Bpifrance's France Relance projects when the mirror syncs.
const MINE = new Set([
  'territories',
  'recherche-entreprises',
  ...OPERATORS.flatMap((o) => [o.simulator, o.id]),
]);

const CONTRIBUTIONS = `
  banqueDesTerritoires {
    source { dataset retrievedAt illustrative }
    summary { operator count amount byAxis { axis count amount } }
    financings(first: 100) { totalCount nodes { id amount agreementMonth beneficiarySiren axis communeCode epciSiren paymentConditions } }
    productionSchools { name support source { illustrative } }
  }
  bpifrance {
    companyCount
    summary { operator count amount byAxis { axis count amount } }
    byProgramme { programme count amount }
    aidsWithoutAmount
    source { dataset retrievedAt illustrative }
    aids(first: 5) { totalCount nodes { companyName programme company { siren } } }
  }
  businessFrance {
    jobs
    source { publisher retrievedAt illustrative }
    summary { operator count amount byAxis { axis count amount } }
    promotedSites { siteId name source { illustrative } }
    projects(first: 5) { totalCount nodes { id investorName kind investment source { illustrative } } }
  }`;
const TERRITORY = `query Picture($id: ID!) { territory(id: $id) { id name communeCodes ${CONTRIBUTIONS} } }`;

interface Summary {
  operator: string;
  count: number;
  amount: number;
  byAxis: { axis: string; count: number; amount: number }[];
}
type Picture = {
  territory: {
    id: string;
    name: string;
    communeCodes: string[];
    banqueDesTerritoires: {
      source: { dataset: string; retrievedAt: string | null; illustrative: boolean };
      summary: Summary;
      financings: {
        totalCount: number;
        nodes: {
          id: string;
          amount: number;
          agreementMonth: string;
          beneficiarySiren: string | null;
          axis: string | null;
          communeCode: string | null;
          epciSiren: string | null;
          paymentConditions: string | null;
        }[];
      };
      productionSchools: { name: string; support: number; source: { illustrative: boolean } }[];
    } | null;
    bpifrance: {
      companyCount: number;
      summary: Summary;
      byProgramme: { programme: string; count: number; amount: number | null }[];
      aidsWithoutAmount: number;
      source: { dataset: string; retrievedAt: string | null; illustrative: boolean };
      aids: { totalCount: number };
    } | null;
    businessFrance: {
      jobs: number;
      source: { publisher: string; retrievedAt: string | null; illustrative: boolean };
      summary: Summary;
      promotedSites: { name: string; source: { illustrative: boolean } }[];
      projects: { totalCount: number; nodes: { id: string; source: { illustrative: boolean } }[] };
    } | null;
  } | null;
};

const PROGRAMME_FILE = join(REPO_ROOT, 'data/programme/programme.json');

let stack: Stack;
let graphql: string;
const mirror = tempMirrorFile();

beforeAll(async () => {
  stack = await startTestStack({
    // Only what these tests exercise: the other operators' services have their own suites.
    skip: SERVICES.map((s) => s.name).filter((name) => !MINE.has(name)),
    env: {
      // Every query reaches the upstreams (counts are exact; a stale copy only helps on failure).
      CAISSE_DES_DEPOTS_CACHE_TTL_MS: '0',
      BUSINESS_FRANCE_CACHE_TTL_MS: '0',
      CAISSE_DES_DEPOTS_TIMEOUT_MS: '800',
      BUSINESS_FRANCE_TIMEOUT_MS: '800',
      CAISSE_DES_DEPOTS_RETRIES: '1',
      BUSINESS_FRANCE_RETRIES: '1',
      // The fault cases below all hit Business France one after the other: with the default
      // breaker (5 failures, open 10 s) the later ones could meet CIRCUIT_OPEN instead of the
      // error they check, depending on how fast the machine runs them. The breaker has its own tests.
      BUSINESS_FRANCE_BREAKER_FAILURES: '1000',
      RESPONSE_CACHE: 'false',
      MIRROR_FILE: mirror.file,
    },
  });
  graphql = `${stack.gatewayUrl}/graphql`;
  // The mirror's first sync runs in the background (the stack's one scheduler): Banque des
  // Territoires and France Relance answer from it; the locate step places every project.
  const first = await stack.mirrorSync.scheduler.firstSync;
  expect(first.find((r) => r.source === 'cdc-subsidies')).toMatchObject({ status: 'loaded' });
  expect(first.find((r) => r.source === 'france-relance')).toMatchObject({
    status: 'loaded',
    unlocatedCount: 0,
  });
  expect(first.find((r) => r.source === 'france-2030')).toMatchObject({ status: 'loaded', rejected: 0 });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  mirror.remove();
});
afterEach(async () => {
  for (const operator of OPERATORS) await control(operator.simulator, 'reset');
});

const control = (simulator: string, action: 'reset' | 'faults', faults: SimulatorFaults = {}) =>
  action === 'reset' ? resetSimulator(stack, simulator) : setFaults(stack, simulator, faults);

const calls = (simulator: string) => simulatorCalls(stack, simulator);

function checkSummary(summary: Summary, operator: string): void {
  expect(summary.operator).toBe(operator);
  expect(summary.byAxis.map((a) => a.axis)).toEqual([
    'COMPETENCES',
    'FONCIER',
    'INNOVATION',
    'TRANSITION_ECOLOGIQUE',
  ]);
  // Items under no axis count in the total only: the axes never claim more than the total.
  expect(summary.byAxis.reduce((n, a) => n + a.count, 0)).toBeLessThanOrEqual(summary.count);
  expect(Math.round(summary.byAxis.reduce((n, a) => n + a.amount * 100, 0))).toBeLessThanOrEqual(
    Math.round(summary.amount * 100),
  );
}

describe('Banque des Territoires, Bpifrance and Business France through the gateway', () => {
  it("shows the three operators' contributions to the Pays de Châlons (Marne)", async () => {
    const { status, body } = await postGraphQL<Picture>(graphql, TERRITORY, { id: 'ti-4411' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const territory = body.data!.territory!;
    expect(territory.name).toBe('Pays de Châlons');

    const bdt = territory.banqueDesTerritoires!;
    const world = loadWorld();
    const worldTerritory = world.territoryById.get('ti-4411')!;
    // What the portal publishes, located here independently: a beneficiary SIREN that is one of
    // the territory's communes (BANATIC) or one of its EPCIs; valid rows only (amount and month).
    const bodies = loadPublicBodyLocator(join(REPO_ROOT, 'data/geo'));
    const published = buildBanqueDesTerritoiresRecords(world)[0]!.records;
    const expected = published.filter((r) => {
      if (r.montant === null || !/^\d{4}-\d{2}$/.test(String(r.dateconvention))) return false;
      const body = bodies.get(String(r.idbeneficiaire).slice(0, 9));
      if (body?.kind === 'commune') return territory.communeCodes.includes(body.communeCode);
      return body?.kind === 'epci' && worldTerritory.epciSirens.includes(body.siren);
    });
    // The checks below hold for an empty answer too: the territory must have financings for them to bite.
    expect(expected.length).toBeGreaterThan(0);
    expect(bdt.financings.totalCount).toBe(expected.length);
    expect(bdt.financings.nodes).toHaveLength(Math.min(100, expected.length));
    expect(
      bdt.financings.nodes.every((f) =>
        f.communeCode === null
          ? worldTerritory.epciSirens.includes(f.epciSiren!)
          : territory.communeCodes.includes(f.communeCode),
      ),
    ).toBe(true);
    // One page holds them all here, so the amounts must be exactly the published ones.
    expect(expected.length).toBeLessThanOrEqual(100);
    expect(bdt.financings.nodes.map((f) => f.amount).sort((a, b) => a - b)).toEqual(
      expected.map((r) => Number(r.montant)).sort((a, b) => a - b),
    );
    // Newest agreement first, in the dataset's YYYY-MM.
    const months = bdt.financings.nodes.map((f) => f.agreementMonth);
    expect(months).toEqual([...months].sort().reverse());
    expect(new Set(bdt.financings.nodes.map((f) => f.paymentConditions))).toEqual(
      new Set(['UNIQUE', 'ECHELONNE']),
    );
    checkSummary(bdt.summary, 'BANQUE_DES_TERRITOIRES');
    expect(bdt.summary.count).toBe(bdt.financings.totalCount + bdt.productionSchools.length);
    // Provenance: the real dataset id, read through the simulator (so illustrative), synced just now.
    expect(bdt.source).toMatchObject({
      dataset: 'subventions-attribuees-par-la-caisse-des-depots-depuis-01012018',
      illustrative: true,
    });
    expect(Date.now() - Date.parse(bdt.source.retrievedAt!)).toBeLessThan(120_000);
    expect(bdt.productionSchools.every((s) => s.source.illustrative)).toBe(true);

    const bpi = territory.bpifrance!;
    checkSummary(bpi.summary, 'BPIFRANCE');
    const { projects, laureates } = bpifranceAidsIn(territory.communeCodes);
    expect(projects.length).toBeGreaterThan(0);
    expect(bpi.aids.totalCount).toBe(projects.length + laureates.length);
    expect(bpi.summary.count).toBe(bpi.aids.totalCount);
    // France Relance publishes no amount: none is invented.
    expect(bpi.aidsWithoutAmount).toBe(projects.length);
    expect(bpi.byProgramme.find((p) => p.programme === 'FONDS_ACCELERATION')).toEqual({
      programme: 'FONDS_ACCELERATION',
      count: projects.filter((p) => p.mesure_light === 'Projets territoriaux').length,
      amount: null,
    });
    expect(bpi.source).toMatchObject({ dataset: 'plan-de-relance', illustrative: true });
    expect(bpi.source.retrievedAt).not.toBeNull();
    expect(bpi.companyCount).toBe(
      new Set([...projects, ...laureates].map((a) => String(a.siren).slice(0, 9))).size,
    );

    const bf = territory.businessFrance!;
    checkSummary(bf.summary, 'BUSINESS_FRANCE');
    expect(bf.promotedSites.map((s) => s.name)).toContain('ZAC de Vatry');
    expect(bf.summary.count).toBe(bf.projects.totalCount);
    const bfProjects = buildBusinessFranceRecords(world, PROGRAMME_FILE).projects.filter((p) =>
      territory.communeCodes.includes(p.cityInseeCode),
    );
    expect(bfProjects.length).toBeGreaterThan(0);
    expect(bf.projects.totalCount).toBe(bfProjects.length);
    expect(bf.jobs).toBe(bfProjects.reduce((n, p) => n + p.jobsCreated, 0));
    // Simulated: the graph says so on the block and on every record.
    expect(bf.source).toMatchObject({ publisher: 'Business France', illustrative: true });
    expect(Date.parse(bf.source.retrievedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    const flags = [...bf.promotedSites, ...bf.projects.nodes].map((r) => r.source.illustrative);
    expect(flags.length).toBeGreaterThan(1);
    expect(new Set(flags)).toEqual(new Set([true]));
  });

  it("lists the mirror's freshness in the gateway's /ready", async () => {
    const response = await fetch(`${stack.gatewayUrl}/ready`);
    const ready = (await response.json()) as {
      subgraphs: Record<string, string>;
      mirror?: Record<string, Record<string, unknown>>;
    };
    // Not ready as a whole here (this stack leaves the other operators out), but it reports the mirror.
    expect(ready.subgraphs['banque-des-territoires']).toBe('up');
    expect(ready.mirror?.['cdc-subsidies']).toMatchObject({
      subgraph: 'banque-des-territoires',
      status: 'loaded',
      lastSuccessAt: expect.any(String),
      error: null,
    });
    expect(ready.mirror!['cdc-subsidies']!.recordCount).toBeGreaterThan(1_000);
  });

  it('answers the Banque des Territoires picture from the mirror, with no portal call, while the portal is down', async () => {
    await control('caisse-des-depots', 'faults', { down: true });
    const before = await calls('caisse-des-depots');
    const { body } = await postGraphQL<Picture>(graphql, TERRITORY, { id: 'ti-4401' });
    expect(body.errors).toBeUndefined();
    expect(body.data!.territory!.banqueDesTerritoires!.summary.count).toBeGreaterThan(0);
    expect(await calls('caisse-des-depots')).toBe(before);
  });

  it('answers the Bpifrance picture, France 2030 laureates included, from the mirror while the portal is down', async () => {
    await control('economie', 'faults', { down: true });
    const before = await calls('economie');
    const { body } = await postGraphQL<Picture>(graphql, TERRITORY, { id: 'ti-4402' });
    expect(body.errors).toBeUndefined();
    const bpi = body.data!.territory!.bpifrance!;
    const { projects, laureates } = bpifranceAidsIn(body.data!.territory!.communeCodes);
    expect(bpi.aids.totalCount).toBe(projects.length + laureates.length);
    expect(await calls('economie')).toBe(before);
  });

  for (const operator of OPERATORS.filter((o) => o.id === 'business-france')) {
    it(`answers the rest of the picture with an error naming ${operator.label} when its upstream is down`, async () => {
      await control(operator.simulator, 'faults', { down: true });
      // A territory no other test asks for, so no stale copy of it exists.
      const { body } = await postGraphQL<Picture>(graphql, TERRITORY, { id: 'ti-4404' });
      expectOnlyOperatorDown(body, OPERATORS, operator);
    });
  }

  it('answers within the timeout budget when an upstream is slower than its timeout', async () => {
    // Business France is read live: its search would answer in 20 s; the client gives up after
    // 2 attempts of 800 ms. Bpifrance, on the mirror, never waits for its portal.
    await control('business-france-sim', 'faults', { latencyMs: 20_000 });
    await control('economie', 'faults', { latencyMs: 20_000 });
    const started = Date.now();
    const { body } = await postGraphQL<Picture>(graphql, TERRITORY, { id: 'ti-4406' });
    const elapsed = Date.now() - started;
    expect(body.data!.territory!.businessFrance).toBeNull();
    expect(body.data!.territory!.bpifrance).not.toBeNull();
    expect(body.data!.territory!.banqueDesTerritoires).not.toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
      operator: 'business-france',
    });
    expect(elapsed).toBeLessThan(20_000);
  });

  it.each([
    ['amounts sent as text', 'wrong-types'],
    ['a truncated body', 'malformed'],
  ])('turns %s into UPSTREAM_BAD_RESPONSE, never a number', async (_, garbage) => {
    await control('business-france-sim', 'faults', { garbage });
    await control('economie', 'faults', { garbage });
    const id = garbage === 'wrong-types' ? 'ti-4407' : 'ti-4409';
    const { body } = await postGraphQL<Picture>(graphql, TERRITORY, { id });
    expect(body.data!.territory!.businessFrance).toBeNull();
    // Banque des Territoires and Bpifrance read the mirror: a portal sending garbage at query
    // time cannot touch them.
    expect(body.data!.territory!.banqueDesTerritoires).not.toBeNull();
    expect(body.data!.territory!.bpifrance).not.toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_BAD_RESPONSE',
      operator: 'business-france',
    });
  });

  // The refusals below count the calls their own request caused (its x-request-id), not a
  // simulator's total: a retry the fault cases above left in flight may still land during them.
  const ask = async (query: string) => {
    const requestId = freshRequestId();
    const { body } = await postGraphQL(graphql, query, {}, { 'x-request-id': requestId });
    const calls = await Promise.all(OPERATORS.map((o) => simulatorCallsOf(stack, o.simulator, requestId)));
    return { body, calls: Object.fromEntries(OPERATORS.map((o, i) => [o.simulator, calls[i]])) };
  };

  it("counts a request's upstream calls by its id, so a refusal's zero means something", async () => {
    const { body, calls } = await ask(
      'query { territory(id: "ti-4412") { id businessFrance { projects(first: 1) { totalCount } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(calls['business-france-sim']).toBeGreaterThan(0);
  });

  it('refuses a bad SIREN before any upstream call', async () => {
    const { body, calls } = await ask(
      'query { company(siren: "350555067") { siren bpifrance { aids { id } } businessFrance { projects { id } } } }',
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_SIREN');
    expect(Object.values(calls)).toEqual(OPERATORS.map(() => 0));
  });

  it.each([
    ['banqueDesTerritoires { financings(first: 101) { totalCount } }', 'PAGE_SIZE_OUT_OF_RANGE'],
    ['banqueDesTerritoires { financings(after: "not-ours") { totalCount } }', 'INVALID_CURSOR'],
    ['bpifrance { aids(first: 500) { totalCount } }', 'PAGE_SIZE_OUT_OF_RANGE'],
    ['businessFrance { projects(first: -1) { totalCount } }', 'PAGE_SIZE_OUT_OF_RANGE'],
  ])('refuses %s before any upstream call', async (selection, code) => {
    const { body, calls } = await ask(`query { territory(id: "ti-4412") { id ${selection} } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
    expect(Object.values(calls)).toEqual(OPERATORS.map(() => 0));
  });

  it('shows a company: its Bpifrance aid and Business France projects by SIREN', async () => {
    // A company with Bpifrance aid and a foreign-investment project in the simulated world, so
    // an operator that always answered an empty list fails here.
    const world = loadWorld();
    const investments = buildBusinessFranceRecords(world, PROGRAMME_FILE).projects;
    const siren = world.companies
      .map((c) => c.siren)
      .find((s) => bpifranceMeasuresOf(s).length > 0 && investments.some((p) => p.siren === s))!;
    const measures = bpifranceMeasuresOf(siren);
    const projects = investments.filter((p) => p.siren === siren);
    expect(measures.length).toBeGreaterThan(0);
    expect(projects.length).toBeGreaterThan(0);
    const { body } = await postGraphQL<{
      company: {
        bpifrance: { aids: { id: string; measure: string; company: { siren: string } }[] };
        businessFrance: { projects: { id: string }[] };
      };
    }>(
      graphql,
      `query { company(siren: "${siren}") { siren bpifrance { aids { id measure company { siren } } } businessFrance { projects { id } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const company = body.data!.company;
    expect(company.bpifrance.aids.map((a) => a.measure).sort()).toEqual(measures);
    expect(company.bpifrance.aids.map((a) => a.company.siren)).toEqual(measures.map(() => siren));
    expect(company.businessFrance.projects.map((p) => p.id).sort()).toEqual(
      projects.map((p) => p.projectReference).sort(),
    );
  });

  it('makes upstream calls that grow with the data fetched, not with the number of territories', async () => {
    const measure = async (query: string, variables: Record<string, unknown> = {}) => {
      const before = await Promise.all(OPERATORS.map((o) => calls(o.simulator)));
      const { body } = await postGraphQL<Record<string, unknown>>(graphql, query, variables);
      expect(body.errors).toBeUndefined();
      const after = await Promise.all(OPERATORS.map((o) => calls(o.simulator)));
      return { body, calls: after.map((n, i) => n - before[i]!) };
    };
    const one = await measure(TERRITORY, { id: 'ti-4403' });
    const all = await measure(
      `query { region(code: "44") { territories { id communeCodes ${CONTRIBUTIONS} } } }`,
    );
    const territories = (all.body.data as { region: { territories: NonNullable<Picture['territory']>[] } })
      .region.territories;
    expect(territories).toHaveLength(21);

    // Upper bound per operator: one call per list of values, plus one per extra page of results.
    const communes = new Set(territories.flatMap((t) => t.communeCodes)).size;
    const pages = (n: number) => Math.ceil(n / 100);
    const sum = (f: (t: NonNullable<Picture['territory']>) => number) =>
      territories.reduce((n, t) => n + f(t), 0);
    const bounds = [
      // Banque des Territoires reads the mirror: no portal call at query time.
      0,
      // Bpifrance reads the mirror (France Relance and France 2030 alike): no portal call either.
      0,
      // projects + sites, lists of 1,000 codes
      2 * Math.ceil(communes / 1_000) +
        pages(sum((t) => t.businessFrance!.projects.totalCount)) +
        pages(sum((t) => t.businessFrance!.promotedSites.length)),
    ];
    console.log(
      `upstream calls [caisse-des-depots, economie, business-france] for 1 territory: ${one.calls.join(', ')}; for the 21 Grand Est territories (${communes} communes): ${all.calls.join(', ')}; bounds ${bounds.join(', ')}`,
    );
    all.calls.forEach((n, i) => expect(n).toBeLessThanOrEqual(bounds[i]!));
    one.calls.forEach((n) => expect(n).toBeLessThanOrEqual(2));
    expect(one.calls.slice(0, 2)).toEqual([0, 0]);
    expect(sum((t) => t.banqueDesTerritoires!.financings.totalCount)).toBeGreaterThan(0);
    expect(sum((t) => t.bpifrance!.aids.totalCount - t.bpifrance!.aidsWithoutAmount)).toBeGreaterThan(0);
    // Twenty-one territories cost far less than twenty-one single-territory queries.
    expect(all.calls[2]).toBeLessThan(21 * one.calls[2]!);
  });
});
