// The support picture end to end, with the whole stack: one query on a Marne territory returns
// the programme data and all six operators' contributions; with any one upstream down (or its
// simulator stopped) the other five still answer and the missing one is named in a coded error;
// a company shows what every operator that deals with companies did for it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBusinessFranceRecords } from '../sim/business-france/records.js';
import { buildOffers } from '../sim/france-travail/records.js';
import { buildVteRecords } from '../sim/vte/records.js';
import { loadWorld } from '../sim/world.js';
import { REPO_ROOT } from '../tools/composition.js';
import { postGraphQL, startTestStack, type Stack } from './helpers/stack.js';
import { ademeLinesOf, prepareTestMirror, sirenOfAid } from './helpers/ademeMirror.js';
import { bpifranceMeasuresOf } from './helpers/bpifranceData.js';
import { expectOnlyOperatorDown } from './helpers/operators.js';
import { resetSimulator, setFaults, type SimulatorFaults } from './helpers/simulators.js';

// Every operator: its field, its simulator service, and how its errors name it.
const OPERATORS = [
  {
    field: 'banqueDesTerritoires',
    operator: 'BANQUE_DES_TERRITOIRES',
    simulator: 'caisse-des-depots',
    id: 'banque-des-territoires',
    label: 'Banque des Territoires',
  },
  { field: 'bpifrance', operator: 'BPIFRANCE', simulator: 'economie', id: 'bpifrance', label: 'Bpifrance' },
  { field: 'ademe', operator: 'ADEME', simulator: 'ademe-sim', id: 'ademe', label: 'ADEME' },
  {
    field: 'franceTravail',
    operator: 'FRANCE_TRAVAIL',
    simulator: 'france-travail-sim',
    id: 'france-travail',
    label: 'France Travail',
  },
  {
    field: 'businessFrance',
    operator: 'BUSINESS_FRANCE',
    simulator: 'business-france-sim',
    id: 'business-france',
    label: 'Business France',
  },
  { field: 'vte', operator: 'VTE', simulator: 'vte-sim', id: 'vte', label: 'VTE' },
] as const;
type Field = (typeof OPERATORS)[number]['field'];

const SUMMARIES = OPERATORS.map(
  (o) => `${o.field} { summary { operator count amount byAxis { axis count amount } } }`,
).join('\n');
const PICTURE = `query Picture($id: ID!) { territory(id: $id) { id name actionPlan { sheetCount } ${SUMMARIES} } }`;

interface Summary {
  operator: string;
  count: number;
  amount: number;
  byAxis: { axis: string; count: number; amount: number }[];
}
interface CompanyPicture {
  company: {
    bpifrance: {
      aids: {
        measure: string;
        company: { siren: string };
        source: { dataset: string; illustrative: boolean };
      }[];
    };
    businessFrance: { projects: { id: string }[] };
    ademe: {
      aids: { reference: string; amount: number }[];
      summary: { operator: string; count: number; amount: number };
    };
    franceTravail: {
      offers: { totalCount: number; nodes: { id: string }[] };
      summary: { operator: string; count: number };
    };
    vte: {
      offers: { id: string }[];
      aids: { id: string; amount: number }[];
      summary: { operator: string; count: number; amount: number };
    };
  };
}
type Picture = {
  territory:
    | ({ id: string; name: string; actionPlan: { sheetCount: number } } & Record<
        Field,
        { summary: Summary } | null
      >)
    | null;
};

let stack: Stack;
let graphql: string;
let mirror: { file: string; remove(): void };

beforeAll(async () => {
  // ADEME's aids come from the mirror, synced at start into this run's own file.
  mirror = await prepareTestMirror(loadWorld());
  stack = await startTestStack({
    env: {
      RESPONSE_CACHE: 'false',
      // A breaker opened by one test must not answer for the next one.
      FRANCE_TRAVAIL_BREAKER_FAILURES: '100',
      ADEME_BREAKER_FAILURES: '100',
      VTE_BREAKER_FAILURES: '100',
      MIRROR_FILE: mirror.file,
    },
  });
  graphql = `${stack.gatewayUrl}/graphql`;
  // Every mirrored source (CDC subsidies, France Relance, France 2030, ADEME aids, Fonds Vert, BMO)
  // is synced by the stack's one scheduler, in the background at first start: wait for it.
  const first = await stack.mirrorSync.scheduler.firstSync;
  for (const source of ['cdc-subsidies', 'france-relance', 'france-2030', 'ademe-aids', 'fonds-vert', 'bmo'])
    expect(first.find((r) => r.source === source)).toMatchObject({ status: 'loaded' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  mirror?.remove();
});
afterEach(async () => {
  for (const operator of OPERATORS) {
    // The last test stops one simulator for good; the others are reset.
    await resetSimulator(stack, operator.simulator).catch(() => undefined);
  }
});

const setSimulatorFaults = (simulator: string, faults: SimulatorFaults) =>
  setFaults(stack, simulator, faults);

function expectPartial(
  body: Awaited<ReturnType<typeof postGraphQL<Picture>>>['body'],
  missing: (typeof OPERATORS)[number],
): void {
  const territory = body.data!.territory!;
  expect(territory.actionPlan.sheetCount).toBeGreaterThan(0);
  expectOnlyOperatorDown(body, OPERATORS, missing);
  for (const other of OPERATORS.filter((o) => o !== missing)) {
    expect(territory[other.field]?.summary.operator, other.field).toBe(other.operator);
  }
}

describe('the support picture', () => {
  it('shows the programme data and all six operators for the Pays de Châlons (Marne) in one query', async () => {
    const { status, body } = await postGraphQL<Picture>(graphql, PICTURE, { id: 'ti-4411' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const territory = body.data!.territory!;
    expect(territory.name).toBe('Pays de Châlons');
    for (const operator of OPERATORS) {
      const summary = territory[operator.field]!.summary;
      expect(summary.operator).toBe(operator.operator);
      expect(summary.byAxis.map((a) => a.axis)).toEqual([
        'COMPETENCES',
        'FONCIER',
        'INNOVATION',
        'TRANSITION_ECOLOGIQUE',
      ]);
      expect(summary.count, operator.field).toBeGreaterThan(0);
    }
  });

  it('runs the GraphiQL example operation TerritorySupportPicture without errors', async () => {
    const query = readFileSync(join(REPO_ROOT, 'operations/TerritorySupportPicture.graphql'), 'utf8');
    const { status, body } = await postGraphQL<{ territory: Record<string, unknown> }>(graphql, query, {
      id: 'ti-4411',
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    for (const field of ['franceTravail', 'ademe', 'vte']) expect(body.data!.territory[field]).not.toBeNull();
  });

  // Territories no other test asks for, so no cached copy of their data exists.
  const TERRITORY_FOR = {
    'banque-des-territoires': 'ti-5301',
    bpifrance: 'ti-5302',
    ademe: 'ti-2704',
    'france-travail': 'ti-5304',
    'business-france': 'ti-7502',
    vte: 'ti-7503',
  } as const;
  it('still shows Banque des Territoires, read from the mirror, while its portal is down', async () => {
    await setSimulatorFaults('caisse-des-depots', { down: true });
    const { body } = await postGraphQL<Picture>(graphql, PICTURE, {
      id: TERRITORY_FOR['banque-des-territoires'],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!.territory!.banqueDesTerritoires!.summary.operator).toBe('BANQUE_DES_TERRITOIRES');
  });

  it('still shows Bpifrance, France 2030 laureates included, read from the mirror while its portal is down', async () => {
    await setSimulatorFaults('economie', { down: true });
    const { body } = await postGraphQL<Picture>(graphql, PICTURE, { id: TERRITORY_FOR.bpifrance });
    expect(body.errors).toBeUndefined();
    expect(body.data!.territory!.bpifrance!.summary.operator).toBe('BPIFRANCE');
  });

  // ADEME is read from the mirror too: its portal down fails a sync, not the picture
  // (test/jobsAndTransitionOperators.e2e.ts covers it).
  const MIRRORED = new Set(['banque-des-territoires', 'bpifrance', 'ademe']);
  for (const operator of OPERATORS.filter((o) => !MIRRORED.has(o.id))) {
    it(`leaves the other five operators answering when ${operator.label}'s upstream is down`, async () => {
      await setSimulatorFaults(operator.simulator, { down: true });
      const { body } = await postGraphQL<Picture>(graphql, PICTURE, { id: TERRITORY_FOR[operator.id] });
      expectPartial(body, operator);
    });
  }

  it('shows what every operator dealing with companies did for one company', async () => {
    // A company with records with every operator that deals with companies, so an operator that
    // always answered an empty list would fail here. The expected records come from the
    // simulators' own builders on the one deterministic world, not from the subgraphs.
    const world = loadWorld();
    const allAdemeAids = ademeLinesOf(world);
    const allProjects = buildBusinessFranceRecords(
      world,
      join(REPO_ROOT, 'data/programme/programme.json'),
    ).projects;
    const allOffers = buildOffers(world);
    const vte = buildVteRecords(world);
    const recordsOf = (siren: string) => ({
      bpifranceMeasures: bpifranceMeasuresOf(siren),
      ademeAids: allAdemeAids.filter((l) => sirenOfAid(l) === siren),
      projects: allProjects.filter((p) => p.siren === siren),
      offers: allOffers.filter((o) => o.entreprise.siret.startsWith(siren)),
      vteOffers: vte.offers.filter((o) => o.siret.startsWith(siren)),
      vteAids: vte.aids.filter((a) => a.siret.startsWith(siren)),
    });
    const siren =
      world.companies.find((c) => Object.values(recordsOf(c.siren)).every((list) => list.length > 0))
        ?.siren ?? 'none';
    const { bpifranceMeasures, ademeAids, projects, offers, vteOffers, vteAids } = recordsOf(siren);
    for (const [name, records] of Object.entries({
      bpifranceMeasures,
      ademeAids,
      projects,
      offers,
      vteOffers,
      vteAids,
    }))
      expect(records.length, `${name} of the chosen company in the simulated world`).toBeGreaterThan(0);

    const { body } = await postGraphQL<CompanyPicture>(
      graphql,
      `query { company(siren: "${siren}") { siren
        bpifrance { aids { measure company { siren } source { dataset illustrative } } }
        businessFrance { projects { id } }
        ademe { aids { reference amount } summary { operator count amount } }
        franceTravail { offers(first: 100) { totalCount nodes { id } } summary { operator count } }
        vte { offers { id } aids { id amount } summary { operator count amount } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const company = body.data!.company;
    const sorted = (ids: string[]) => [...ids].sort();
    const cents = (amounts: number[]) => amounts.reduce((n, a) => n + Math.round(a * 100), 0);

    // France Relance ids are hashes of the published values: the measures are compared.
    expect(sorted(company.bpifrance.aids.map((a) => a.measure))).toEqual(bpifranceMeasures);
    expect(company.bpifrance.aids.map((a) => a.company.siren)).toEqual(bpifranceMeasures.map(() => siren));
    const isFrance2030 = (m: string) => m === 'AMI Rebond industriel' || m.startsWith('France 2030');
    expect(sorted(company.bpifrance.aids.map((a) => a.source.dataset))).toEqual(
      sorted(
        bpifranceMeasures.map((m) =>
          isFrance2030(m) ? 'illustratif-laureats-france-2030' : 'plan-de-relance',
        ),
      ),
    );
    expect(company.bpifrance.aids.every((a) => a.source.illustrative)).toBe(true);

    expect(sorted(company.businessFrance.projects.map((p) => p.id))).toEqual(
      sorted(projects.map((p) => p.projectReference)),
    );

    expect(sorted(company.ademe.aids.map((a) => a.reference))).toEqual(
      sorted(ademeAids.map((l) => l.referenceDecision as string)),
    );
    expect(company.ademe.summary).toEqual({
      operator: 'ADEME',
      count: ademeAids.length,
      amount: cents(ademeAids.map((l) => l.montant as number)) / 100,
    });

    expect(company.franceTravail.offers.totalCount).toBe(offers.length);
    expect(sorted(company.franceTravail.offers.nodes.map((o) => o.id))).toEqual(
      sorted(offers.map((o) => o.id)),
    );
    expect(company.franceTravail.summary).toEqual({ operator: 'FRANCE_TRAVAIL', count: offers.length });

    expect(sorted(company.vte.offers.map((o) => o.id))).toEqual(sorted(vteOffers.map((o) => String(o.id))));
    expect(sorted(company.vte.aids.map((a) => a.id))).toEqual(sorted(vteAids.map((a) => String(a.id))));
    // Each offer counts once, for the aid granted on it.
    expect(company.vte.summary).toEqual({
      operator: 'VTE',
      count: vteOffers.length,
      amount: cents(vteAids.map((a) => a.aidAmount)) / 100,
    });
  });

  it('keeps answering for the other five when a simulator is stopped altogether', async () => {
    await stack.services['france-travail-sim']!.close();
    // France Travail searches by department and caches the answer: this territory's department
    // (06) is read by no earlier test, so no cached copy can answer for the stopped simulator.
    const { body } = await postGraphQL<Picture>(graphql, PICTURE, { id: 'ti-9303' });
    expectPartial(
      body,
      OPERATORS.find((o) => o.id === 'france-travail')!,
    );
  });
});
