// France Travail, ADEME and VTE through the gateway, each on its simulated upstream: a Marne
// territory's picture, each upstream down / slow / sending garbage, a stale copy marked in the
// answer, bad input refused before any upstream call, and upstream calls for 1 and 21 territories.
// ADEME's aids are mirrored: the graph reads them from the mirror (no portal call at query time),
// synced at start from the simulated data-fair portal; a failing portal fails the sync, not the graph.
// France Travail: offers live per department batch (a national query answers within its budget,
// PARTIAL_RESULT past it), the BMO outlook from the mirror (synced from the simulator at start).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openMirror, parseBmoRow, runSync } from '../kit/src/mirror/index.js';
import { csvRecords } from '../kit/src/mirror/readers/csvRows.js';
import { buildBmoFile } from '../sim/france-travail/bmoFile.js';
import { AIDS_DATASET } from '../sim/ademe/records.js';
import { buildOffers } from '../sim/france-travail/records.js';
import { buildVteRecords } from '../sim/vte/records.js';
import { loadWorld } from '../sim/world.js';
import { SERVICES } from '../stack/registry.js';
import { AdemeMirror } from '../subgraphs/ademe/src/ademeMirror.js';
import { postGraphQL, startTestStack, type Stack } from './helpers/stack.js';
import { ademeLinesOf, headOffices, prepareTestMirror, sirenOfAid } from './helpers/ademeMirror.js';
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
  { field: 'franceTravail', simulator: 'france-travail-sim', id: 'france-travail', label: 'France Travail' },
  { field: 'ademe', simulator: 'ademe-sim', id: 'ademe', label: 'ADEME' },
  { field: 'vte', simulator: 'vte-sim', id: 'vte', label: 'VTE' },
] as const;
const MINE = new Set(['territories', ...OPERATORS.flatMap((o) => [o.simulator, o.id])]);

const SUMMARY = 'summary { operator count amount byAxis { axis count amount } }';
const CONTRIBUTIONS = `
  franceTravail {
    ${SUMMARY}
    offers(first: 5) { totalCount positionCount complete nodes { id romeCode communeCode company { siren } source { illustrative } } }
    recruitment { year projects difficultProjects difficultyPercent secretRows departments { departmentCode projects } source { illustrative retrievedAt } }
    source { dataset illustrative retrievedAt }
  }
  ademe {
    ${SUMMARY}
    aids(first: 100) { totalCount totalAmount nodes { reference amount communeCode } }
    unlocatedCount
    source { dataset url retrievedAt illustrative }
  }
  vte {
    ${SUMMARY}
    source { publisher dataset retrievedAt illustrative }
    offers(first: 100) { totalCount nodes { id filled green communeCode source { illustrative } } }
    aids { totalCount totalAmount byScheme { scheme count amount } }
  }`;
const TERRITORY = `query Picture($id: ID!) { territory(id: $id) { id name communeCodes departmentCodes ${CONTRIBUTIONS} } }`;

interface Summary {
  operator: string;
  count: number;
  amount: number;
  byAxis: { axis: string; count: number; amount: number }[];
}
interface Contribution {
  franceTravail: {
    summary: Summary;
    offers: {
      totalCount: number;
      positionCount: number;
      complete: boolean;
      nodes: { communeCode: string; source: { illustrative: boolean } }[];
    };
    recruitment: {
      year: number;
      projects: number;
      difficultProjects: number;
      secretRows: number;
      departments: { departmentCode: string; projects: number }[];
      source: { illustrative: boolean; retrievedAt: string | null };
    };
    source: { dataset: string; illustrative: boolean; retrievedAt: string | null };
  } | null;
  ademe: {
    summary: Summary;
    aids: { totalCount: number; totalAmount: number; nodes: { reference: string; communeCode: string }[] };
    unlocatedCount: number;
    source: { dataset: string; url: string; retrievedAt: string | null; illustrative: boolean };
  } | null;
  vte: {
    summary: Summary;
    source: { publisher: string; dataset: string; retrievedAt: string | null; illustrative: boolean };
    offers: {
      totalCount: number;
      nodes: {
        id: string;
        filled: boolean;
        green: boolean;
        communeCode: string;
        source: { illustrative: boolean };
      }[];
    };
    aids: {
      totalCount: number;
      totalAmount: number;
      byScheme: { scheme: string; count: number; amount: number }[];
    };
  } | null;
}
type Territory = Contribution & {
  id: string;
  name: string;
  communeCodes: string[];
  departmentCodes: string[];
};
type Picture = { territory: Territory | null };

const world = loadWorld();
const ademeLines = ademeLinesOf(world);
const headOfficeOf = headOffices(world);
let mirror: { file: string; remove(): void };
// A real establishment's SIRET with its last digit changed: the checksum no longer holds.
const goodSiret = world.companies[0]!.establishments[0]!.siret;
const badSiret = `${goodSiret.slice(0, 13)}${(Number(goodSiret[13]) + 1) % 10}`;
let stack: Stack;
let graphql: string;

/** BMO projects (published counts) by department, read from the file the simulator serves. */
async function bmoProjectsByDepartment(): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  const text = buildBmoFile().text;
  for await (const row of csvRecords(
    (async function* () {
      yield text;
    })(),
    null,
  )) {
    const parsed = parseBmoRow(row.raw);
    if (!('ok' in parsed)) throw new Error(`rejected BMO row ${row.ref}`);
    const department = parsed.ok.department_code!;
    totals.set(department, (totals.get(department) ?? 0) + (parsed.ok.met ?? 0));
  }
  return totals;
}

beforeAll(async () => {
  mirror = await prepareTestMirror(world);
  stack = await startTestStack({
    // Only what these tests exercise: the other operators' services have their own suites.
    skip: SERVICES.map((s) => s.name).filter((name) => !MINE.has(name)),
    env: {
      // Every query reaches the upstreams (counts are exact); copies stay for stale-on-error.
      FRANCE_TRAVAIL_CACHE_TTL_MS: '0',
      ADEME_CACHE_TTL_MS: '0',
      VTE_CACHE_TTL_MS: '0',
      FRANCE_TRAVAIL_TIMEOUT_MS: '2000',
      ADEME_TIMEOUT_MS: '800',
      VTE_TIMEOUT_MS: '800',
      FRANCE_TRAVAIL_RETRIES: '1',
      ADEME_RETRIES: '1',
      VTE_RETRIES: '1',
      // Each fault test stands alone: a breaker opened by one must not answer for the next.
      FRANCE_TRAVAIL_BREAKER_FAILURES: '100',
      ADEME_BREAKER_FAILURES: '100',
      VTE_BREAKER_FAILURES: '100',
      RESPONSE_CACHE: 'false',
      MIRROR_FILE: mirror.file,
      SYNC_ON_START: 'true',
      // Live offers: what is not read in 5 s is answered as missing (the gateway waits 10 s).
      FRANCE_TRAVAIL_BUDGET_MS: '5000',
    },
  });
  graphql = `${stack.gatewayUrl}/graphql`;
  // The stack's scheduler syncs the never-loaded mirror at start (ADEME aids, the BMO file…);
  // the tests read what it loaded.
  const first = await stack.mirrorSync.scheduler.firstSync;
  expect(first.find((r) => r.source === 'ademe-aids')).toMatchObject({
    status: 'loaded',
    recordCount: ademeLines.length,
    rejected: 0,
  });
  expect(first.find((r) => r.source === 'bmo')).toMatchObject({ status: 'loaded' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  mirror?.remove();
});
afterEach(async () => {
  for (const operator of OPERATORS) await control(operator.simulator, 'reset');
});

const control = (simulator: string, action: 'reset' | 'faults', faults: SimulatorFaults = {}) =>
  action === 'reset' ? resetSimulator(stack, simulator) : setFaults(stack, simulator, faults);

const calls = (simulator: string) => simulatorCalls(stack, simulator);

const allCalls = () => Promise.all(OPERATORS.map((o) => calls(o.simulator)));

function checkSummary(summary: Summary, operator: string): void {
  expect(summary.operator).toBe(operator);
  expect(summary.byAxis.map((a) => a.axis)).toEqual([
    'COMPETENCES',
    'FONCIER',
    'INNOVATION',
    'TRANSITION_ECOLOGIQUE',
  ]);
  expect(summary.byAxis.reduce((n, a) => n + a.count, 0)).toBeLessThanOrEqual(summary.count);
}

describe('France Travail, ADEME and VTE through the gateway', () => {
  it("shows the three operators' contributions to the Pays de Châlons (Marne), matching their upstreams", async () => {
    const { status, body } = await postGraphQL<Picture>(graphql, TERRITORY, { id: 'ti-4411' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.stale).toBeUndefined();
    const territory = body.data!.territory!;
    expect(territory.name).toBe('Pays de Châlons');
    const communes = new Set(territory.communeCodes);

    const ft = territory.franceTravail!;
    const offers = buildOffers(world).filter((o) => communes.has(o.lieuTravail.commune));
    // The checks below hold for an empty answer too: the territory must have offers for them to bite.
    expect(offers.length).toBeGreaterThan(5);
    expect(ft.offers.totalCount).toBe(offers.length);
    expect(ft.offers.nodes).toHaveLength(5);
    expect(ft.offers.positionCount).toBe(offers.reduce((n, o) => n + o.nombrePostes, 0));
    expect(ft.offers.nodes.every((o) => communes.has(o.communeCode))).toBe(true);
    checkSummary(ft.summary, 'FRANCE_TRAVAIL');
    expect(ft.summary).toMatchObject({ count: offers.length, amount: 0 });
    expect(ft.offers.complete).toBe(true);
    expect(ft.offers.nodes.map((o) => o.source.illustrative)).toEqual([true, true, true, true, true]);
    expect(ft.source).toMatchObject({ dataset: "Offres d'emploi v2", illustrative: true });
    expect(Date.parse(ft.source.retrievedAt!)).not.toBeNaN();
    // BMO, from the mirror: the file's published counts summed by department.
    const bmo = await bmoProjectsByDepartment();
    expect(ft.recruitment.year).toBe(2024);
    expect(ft.recruitment.departments).toEqual(
      territory.departmentCodes.map((departmentCode) => ({
        departmentCode,
        projects: bmo.get(departmentCode) ?? 0,
      })),
    );
    expect(ft.recruitment.projects).toBe(
      territory.departmentCodes.reduce((n, d) => n + (bmo.get(d) ?? 0), 0),
    );
    expect(ft.recruitment.projects).toBeGreaterThan(0);
    expect(ft.recruitment.difficultProjects).toBeLessThanOrEqual(ft.recruitment.projects);
    expect(ft.recruitment.source.illustrative).toBe(true);
    expect(Date.parse(ft.recruitment.source.retrievedAt!)).not.toBeNaN();

    const ademe = territory.ademe!;
    // Located at the beneficiary company's head office (what the company registry gives).
    const aids = ademeLines.filter((l) => communes.has(headOfficeOf.get(sirenOfAid(l))!));
    expect(aids.length).toBeGreaterThan(0);
    expect(ademe.aids.totalCount).toBe(aids.length);
    expect(ademe.aids.totalAmount).toBe(aids.reduce((n, l) => n + Number(l.montant), 0));
    expect(new Set(ademe.aids.nodes.map((a) => a.reference))).toEqual(
      new Set(aids.map((l) => String(l.referenceDecision))),
    );
    expect(ademe.aids.nodes.every((a) => communes.has(a.communeCode))).toBe(true);
    checkSummary(ademe.summary, 'ADEME');
    expect(ademe.summary.count).toBe(aids.length);
    expect(ademe.summary.byAxis.find((a) => a.axis === 'TRANSITION_ECOLOGIQUE')!.count).toBe(aids.length);
    // Every company is located here, so nothing is left unplaced.
    expect(ademe.unlocatedCount).toBe(0);
    expect(ademe.source).toMatchObject({ dataset: "les-aides-financieres-de-l'ademe", illustrative: true });
    expect(Date.parse(ademe.source.retrievedAt!)).not.toBeNaN();

    const vte = territory.vte!;
    const records = buildVteRecords(world);
    const vteOffers = records.offers.filter((o) => communes.has(o.cityInseeCode));
    const vteAids = records.aids.filter((a) => communes.has(a.cityInseeCode));
    expect(vteOffers.length).toBeGreaterThan(0);
    expect(vteAids.length).toBeGreaterThan(0);
    expect(vte.offers.totalCount).toBe(vteOffers.length);
    expect(vte.aids.totalCount).toBe(vteAids.length);
    expect(vte.aids.totalAmount).toBe(vteAids.reduce((n, a) => n + a.aidAmount, 0));
    // Two distinct schemes: 4,000 € per hire under the TI aid; the VTE Vert aid on its own amounts.
    const [ti, green] = vte.aids.byScheme;
    const hires = vteAids.filter((a) => a.aidScheme === 'VTE_TERRITOIRES_INDUSTRIE').length;
    expect(ti).toEqual({ scheme: 'VTE_TERRITOIRES_INDUSTRIE', count: hires, amount: hires * 4_000 });
    const greenAids = vteAids.filter((a) => a.aidScheme === 'VTE_VERT');
    expect(green).toEqual({
      scheme: 'VTE_VERT',
      count: greenAids.length,
      amount: greenAids.reduce((n, a) => n + a.aidAmount, 0),
    });
    expect(greenAids.every((a) => a.aidAmount === 8_000 || a.aidAmount === 12_000)).toBe(true);
    checkSummary(vte.summary, 'VTE');
    expect(vte.summary).toMatchObject({ count: vte.offers.totalCount, amount: vte.aids.totalAmount });
    // VTE Vert offers count on the transition écologique axis, the others on compétences.
    expect(vte.summary.byAxis.find((a) => a.axis === 'TRANSITION_ECOLOGIQUE')!.count).toBe(
      vteOffers.filter((o) => o.missionType === 'VTE Vert').length,
    );
    // Simulated: the graph says so on the block and on every record.
    expect(vte.source).toMatchObject({ illustrative: true });
    expect(vte.source.publisher).toContain('VTE');
    expect(Date.parse(vte.source.retrievedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(new Set(vte.offers.nodes.map((o) => o.source.illustrative))).toEqual(new Set([true]));
  });

  // Territories no other test asks for, so no stale copy of their data exists.
  const DOWN = { 'france-travail': 'ti-2401', vte: 'ti-5201' } as const;
  // ADEME is mirrored: its portal being down fails a sync, not the graph (tested below).
  for (const operator of OPERATORS.filter((o) => o.id !== 'ademe')) {
    it(`answers the rest of the picture with an error naming ${operator.label} when its upstream is down`, async () => {
      await control(operator.simulator, 'faults', { down: true });
      const { body } = await postGraphQL<Picture>(graphql, TERRITORY, { id: DOWN[operator.id] });
      const territory = body.data!.territory!;
      expect(territory.name).toBeTruthy();
      expectOnlyOperatorDown(body, OPERATORS, operator);
    });
  }

  it.each([
    ['down', { down: true }],
    ['slower than any timeout', { latencyMs: 20_000 }],
    ['sending garbage', { garbage: 'malformed' }],
  ] as const)(
    'answers ADEME from the mirror with no portal call when the portal is %s; a sync then fails and keeps the copy',
    async (_, faults) => {
      const fresh = await postGraphQL<Picture>(graphql, TERRITORY, { id: 'ti-7501' });
      expect(fresh.body.errors).toBeUndefined();
      await control('ademe-sim', 'faults', faults);
      const before = await calls('ademe-sim');
      const started = Date.now();
      const { body } = await postGraphQL<Picture>(graphql, TERRITORY, { id: 'ti-7501' });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(body.errors).toBeUndefined();
      expect(body.data!.territory!.ademe).toEqual(fresh.body.data!.territory!.ademe);
      expect(await calls('ademe-sim')).toBe(before);
      // The sync itself reports the failure and leaves the copy and its freshness as they were.
      const store = await openMirror({ file: mirror.file });
      try {
        const ademe = new AdemeMirror({ store, baseUrl: stack.env.ADEME_API_URL!, datasetId: AIDS_DATASET });
        const abort = AbortSignal.timeout(3_000);
        const result = await runSync(store, ademe.syncSource, { full: true, signal: abort });
        expect(result.status).toBe('failed');
        const freshness = await ademe.freshness();
        expect(freshness.recordCount).toBe(ademeLines.length);
        expect(freshness.source.retrievedAt).toBe(fresh.body.data!.territory!.ademe!.source.retrievedAt);
      } finally {
        await store.close();
      }
    },
  );

  it.each([
    ['France Travail', 'france-travail-sim', 'franceTravail', 'france-travail', 'wrong-types', 'ti-5303'],
    ['VTE', 'vte-sim', 'vte', 'vte', 'wrong-types', 'ti-7601'],
  ] as const)(
    'turns garbage from %s into UPSTREAM_BAD_RESPONSE, never a number',
    async (_, sim, field, id, garbage, territoryId) => {
      await control(sim, 'faults', { garbage });
      const { body } = await postGraphQL<Picture>(graphql, TERRITORY, { id: territoryId });
      expect(body.data!.territory![field]).toBeNull();
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const error of body.errors ?? []) {
        expect(error.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', operator: id });
      }
    },
  );

  it('serves the last good answer when the upstream fails, and says so in extensions.stale', async () => {
    const fresh = await postGraphQL<Picture>(graphql, TERRITORY, { id: 'ti-2703' });
    expect(fresh.body.extensions?.stale).toBeUndefined();
    await control('vte-sim', 'faults', { down: true });
    const { body } = await postGraphQL<Picture>(graphql, TERRITORY, { id: 'ti-2703' });
    expect(body.errors).toBeUndefined();
    expect(body.data!.territory!.vte).toEqual(fresh.body.data!.territory!.vte);
    const stale = body.extensions?.stale as { operator: string; since: string }[];
    expect(stale.map((s) => s.operator)).toEqual(['vte']);
    expect(Date.parse(stale[0]!.since)).not.toBeNaN();
  });

  // Refusals count the calls their own request caused (its x-request-id), not a simulator's
  // total: a retry an earlier fault case left in flight may still land during them.
  const ask = async (query: string) => {
    const requestId = freshRequestId();
    const { body } = await postGraphQL(graphql, query, {}, { 'x-request-id': requestId });
    return {
      body,
      calls: await Promise.all(OPERATORS.map((o) => simulatorCallsOf(stack, o.simulator, requestId))),
    };
  };

  it("counts a request's upstream calls by its id, so a refusal's zero means something", async () => {
    const { body, calls } = await ask(
      'query { territory(id: "ti-4412") { franceTravail { offers(first: 1) { totalCount } } vte { offers(first: 1) { totalCount } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(calls[0]).toBeGreaterThan(0);
    expect(calls[2]).toBeGreaterThan(0);
  });

  it.each([
    [
      'a SIREN with a wrong check digit',
      'company(siren: "350555067") { franceTravail { offers { totalCount } } ademe { aids { amount } } vte { offers { id } } }',
      'INVALID_SIREN',
    ],
    [
      'a SIRET with a wrong check digit',
      `company(siren: "${world.companies[0]!.siren}") { franceTravail { offers(siret: "${badSiret}") { totalCount } } }`,
      'INVALID_SIRET',
    ],
    [
      'an unknown ROME code',
      'territory(id: "ti-4412") { franceTravail { offers(romeCode: "H9999") { totalCount } } }',
      'UNKNOWN_ROME_CODE',
    ],
    [
      'a malformed ROME code',
      'territory(id: "ti-4412") { franceTravail { offers(romeCode: "soudeur") { totalCount } } }',
      'UNKNOWN_ROME_CODE',
    ],
    [
      'a page of 101 offers',
      'territory(id: "ti-4412") { franceTravail { offers(first: 101) { totalCount } } }',
      'PAGE_SIZE_OUT_OF_RANGE',
    ],
    [
      'a page of 500 aids',
      'territory(id: "ti-4412") { ademe { aids(first: 500) { totalCount } } }',
      'PAGE_SIZE_OUT_OF_RANGE',
    ],
    [
      'a negative page',
      'territory(id: "ti-4412") { vte { offers(first: -1) { totalCount } } }',
      'PAGE_SIZE_OUT_OF_RANGE',
    ],
    [
      'a cursor that is not ours',
      'territory(id: "ti-4412") { vte { aids(after: "nope") { totalCount } } }',
      'INVALID_CURSOR',
    ],
  ])('refuses %s with a coded error before any upstream call', async (_, selection, code) => {
    const { body, calls } = await ask(`query { ${selection} }`);
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
    expect(calls).toEqual(OPERATORS.map(() => 0));
  });

  it('shows what the three operators did for one company, found by SIREN', async () => {
    const offers = buildOffers(world);
    const vte = buildVteRecords(world);
    const ademeAids = ademeLines;
    // A company with records at all three operators, so that no check below holds for an empty list.
    const company = world.companies.find(
      (c) =>
        offers.some((o) => o.entreprise.siret.startsWith(c.siren)) &&
        vte.aids.some((a) => a.siret.startsWith(c.siren)) &&
        ademeAids.some((l) => sirenOfAid(l) === c.siren),
    )!;
    expect(company).toBeDefined();
    const expectedOffers = offers.filter((o) => o.entreprise.siret.startsWith(company.siren));
    const expectedAdeme = ademeAids.filter((l) => sirenOfAid(l) === company.siren);
    const { body } = await postGraphQL<{
      company: {
        franceTravail: {
          offers: { totalCount: number; nodes: { company: { siren: string } }[] };
          summary: Summary;
        };
        ademe: { aids: { siret: string }[]; summary: Summary };
        vte: { aids: { amount: number }[]; summary: Summary };
      };
    }>(
      graphql,
      `query($siren: ID!) { company(siren: $siren) {
        franceTravail { offers(first: 100) { totalCount nodes { company { siren } } } ${SUMMARY} }
        ademe { aids { siret } ${SUMMARY} }
        vte { aids { amount } ${SUMMARY} } } }`,
      { siren: company.siren },
    );
    expect(body.errors).toBeUndefined();
    const found = body.data!.company;
    expect(found.franceTravail.offers.totalCount).toBe(expectedOffers.length);
    expect(found.franceTravail.offers.nodes).toHaveLength(Math.min(100, expectedOffers.length));
    expect(found.franceTravail.offers.nodes.every((o) => o.company.siren === company.siren)).toBe(true);
    expect(found.ademe.aids.map((a) => a.siret).sort()).toEqual(
      expectedAdeme.map((l) => String(l.idBeneficiaire).padStart(14, '0')).sort(),
    );
    expect(found.ademe.aids.every((a) => a.siret.startsWith(company.siren))).toBe(true);
    const expectedVte = vte.aids.filter((a) => a.siret.startsWith(company.siren));
    expect(found.vte.aids.length).toBe(expectedVte.length);
    expect(found.vte.aids.length).toBeGreaterThan(0);
    expect(found.vte.summary.amount).toBe(expectedVte.reduce((n, a) => n + a.aidAmount, 0));
  });

  it('makes upstream calls that grow with the data fetched, not with the number of territories', async () => {
    const measure = async (query: string, variables: Record<string, unknown> = {}) => {
      const before = await allCalls();
      const { body } = await postGraphQL<Record<string, unknown>>(graphql, query, variables);
      expect(body.errors).toBeUndefined();
      const after = await allCalls();
      return { body, calls: after.map((n, i) => n - before[i]!) };
    };
    const one = await measure(TERRITORY, { id: 'ti-4403' });
    const all = await measure(
      `query { region(code: "44") { territories { id communeCodes departmentCodes ${CONTRIBUTIONS} } } }`,
    );
    const territories = (all.body.data as { region: { territories: Territory[] } }).region.territories;
    expect(territories).toHaveLength(21);

    const communes = new Set(territories.flatMap((t) => t.communeCodes)).size;
    const departments = new Set(territories.flatMap((t) => t.departmentCodes)).size;
    const sum = (f: (t: Territory) => number) => territories.reduce((n, t) => n + f(t), 0);
    const pages = (n: number, size: number) => Math.ceil(n / size);
    // France Travail: one search per department the communes fall in, with its pages of 150
    // (BMO comes from the mirror: no call); and at most one token.
    const offers = buildOffers(world);
    const searched = [...new Set(territories.flatMap((t) => t.communeCodes.map((c) => c.slice(0, 2))))];
    const departmentPages = searched.reduce(
      (n, d) =>
        n + Math.max(1, pages(offers.filter((o) => o.lieuTravail.libelle.startsWith(`${d} - `)).length, 150)),
      0,
    );
    expect(all.calls[0]).toBeGreaterThanOrEqual(searched.length);
    const bounds = [
      // offers: one search per department, with its pages of 150; and at most one token.
      departmentPages + 1,
      // aid: read from the mirror, never from the portal at query time.
      0,
      // offers + aid, lists of 1,000 communes, pages of 100.
      2 * pages(communes, 1_000) +
        pages(
          sum((t) => t.vte!.offers.totalCount),
          100,
        ) +
        pages(
          sum((t) => t.vte!.aids.totalCount),
          100,
        ),
    ];
    console.log(
      `upstream calls [france-travail, ademe, vte] for 1 territory: ${one.calls.join(', ')}; for the 21 Grand Est territories (${communes} communes, ${departments} departments): ${all.calls.join(', ')}; bounds ${bounds.join(', ')}`,
    );
    all.calls.forEach((n, i) => expect(n).toBeLessThanOrEqual(bounds[i]!));
    expect(one.calls[1]).toBe(0);
    // The 21 territories did find ADEME aids: the zero above is the mirror, not an empty answer.
    expect(sum((t) => t.ademe!.aids.totalCount)).toBeGreaterThan(0);
    // Twenty-one territories cost far less than twenty-one single-territory queries.
    all.calls.forEach((n, i) => i !== 1 && expect(n).toBeLessThan(21 * one.calls[i]!));
  });

  it('answers a national offers query within its budget, with PARTIAL_RESULT naming France Travail', async () => {
    // 300 ms per call, calls 125 ms apart: the departments of 200 territories take longer than
    // the 5 s budget, which stays under the gateway's 10 s subgraph timeout.
    await control('france-travail-sim', 'faults', { latencyMs: 300 });
    const started = Date.now();
    const { body } = await postGraphQL<{
      territories: {
        nodes: { id: string; franceTravail: { offers: { totalCount: number; complete: boolean } } | null }[];
      };
    }>(
      graphql,
      '{ territories(first: 200) { nodes { id franceTravail { offers(first: 0) { totalCount complete } } } } }',
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(10_000);
    const nodes = body.data!.territories.nodes;
    expect(nodes.length).toBeGreaterThan(100);
    const partial = (body.errors ?? []).filter((e) => e.extensions?.code === 'PARTIAL_RESULT');
    expect(partial.length).toBeGreaterThan(0);
    expect(partial[0]!.extensions).toMatchObject({ operator: 'france-travail' });
    expect((partial[0]!.extensions!.missingDepartments as string[]).length).toBeGreaterThan(0);
    expect(partial[0]!.message).toContain('France Travail could not be read in full');
    // What was read is answered: some territories complete, some not, none null.
    expect((body.errors ?? []).filter((e) => e.extensions?.code !== 'PARTIAL_RESULT')).toEqual([]);
    expect(nodes.every((n) => n.franceTravail !== null)).toBe(true);
    const complete = nodes.filter((n) => n.franceTravail!.offers.complete);
    expect(complete.length).toBeGreaterThan(0);
    expect(complete.length).toBeLessThan(nodes.length);
  });
});
