// The support picture end to end, with the whole stack: one query on a Marne territory returns
// the programme data and all six operators' contributions; with any one upstream down (or its
// simulator stopped) the other five still answer and the missing one is named in a coded error;
// a company shows what every operator that deals with companies did for it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../tools/composition.js';
import { postGraphQL, startTestStack, type Stack } from './helpers/stack.js';
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

beforeAll(async () => {
  stack = await startTestStack({
    env: {
      RESPONSE_CACHE: 'false',
      // A breaker opened by one test must not answer for the next one.
      FRANCE_TRAVAIL_BREAKER_FAILURES: '100',
      ADEME_BREAKER_FAILURES: '100',
      VTE_BREAKER_FAILURES: '100',
    },
  });
  graphql = `${stack.gatewayUrl}/graphql`;
});
afterAll(() => stack?.stop());
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
    const { status, body } = await postGraphQL<Picture>(graphql, PICTURE, { id: 'ti-4405' });
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
      id: 'ti-4405',
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
  for (const operator of OPERATORS) {
    it(`leaves the other five operators answering when ${operator.label}'s upstream is down`, async () => {
      await setSimulatorFaults(operator.simulator, { down: true });
      const { body } = await postGraphQL<Picture>(graphql, PICTURE, { id: TERRITORY_FOR[operator.id] });
      expectPartial(body, operator);
    });
  }

  it('shows what every operator dealing with companies did for one company', async () => {
    const { body } = await postGraphQL<{ company: Record<string, unknown> }>(
      graphql,
      `query { company(siren: "327969150") { siren
        bpifrance { aids { company { siren } } }
        businessFrance { projects { id } }
        ademe { summary { operator count amount } }
        franceTravail { summary { operator count amount } }
        vte { summary { operator count amount } } } }`,
    );
    expect(body.errors).toBeUndefined();
    for (const field of ['bpifrance', 'businessFrance', 'ademe', 'franceTravail', 'vte']) {
      expect(body.data!.company[field], field).not.toBeNull();
    }
    expect(body.data!.company.franceTravail).toMatchObject({ summary: { operator: 'FRANCE_TRAVAIL' } });
  });

  it('keeps answering for the other five when a simulator is stopped altogether', async () => {
    await stack.services['france-travail-sim']!.close();
    const { body } = await postGraphQL<Picture>(graphql, PICTURE, { id: 'ti-7504' });
    expectPartial(
      body,
      OPERATORS.find((o) => o.id === 'france-travail')!,
    );
  });
});
