// The dgefp subgraph against its simulator: a territory's actions through `_entities` (as the
// gateway asks), by scheme and in the operator summary, a company's actions, provenance marked
// illustrative, bad input refused before any upstream call, and when the upstream is down: the
// last copy marked stale, or a coded error naming DGEFP when there is none.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../kit/src/listen.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { createDgefpSimulator } from '../../../sim/dgefp/dgefpSimulator.js';
import { buildDgefpActions } from '../../../sim/dgefp/records.js';
import { loadWorld } from '../../../sim/world.js';
import { readDgefpConfig } from '../src/config.js';
import { startDgefp } from '../src/start.js';

const world = loadWorld();
const actions = buildDgefpActions(world);
const inTerritory = (t: { communeCodes: readonly string[] }) =>
  actions.filter((a) => t.communeCodes.includes(a.codeCommune));
// A territory with company actions and a GPEC territoriale action, and one never asked before the fault.
const territory = world.territories.find(
  (t) => inTerritory(t).some((a) => a.siret) && inTerritory(t).some((a) => !a.siret),
)!;
const neverAsked = world.territories.find((t) => t.id !== territory.id && inTerritory(t).length > 0)!;
const expected = inTerritory(territory);
const supported = actions.find((a) => a.siret)!;
const companyActions = actions.filter((a) => a.siret?.startsWith(supported.siret!.slice(0, 9)));

const SECRET = 'dgefp-test-secret';
let simulator: Simulator;
let upstream: RunningServer;
let subgraph: RunningServer;

beforeAll(async () => {
  simulator = createDgefpSimulator({ world });
  upstream = await listenSimulator(simulator, 0);
  subgraph = await startDgefp(
    readDgefpConfig({
      DGEFP_PORT: '0',
      GATEWAY_SECRET: SECRET,
      // This suite is about the live API: no window, whatever the local mirror holds.
      DGEFP_WINDOW_SYNC_INTERVAL: '0',
      DGEFP_API_URL: upstream.url,
      DGEFP_RETRIES: '0',
      DGEFP_CACHE_TTL_MS: '0',
    }),
  );
});
afterAll(async () => {
  await subgraph?.close();
  await upstream?.close();
});
beforeEach(() => simulator.reset());

interface Answer<T> {
  data?: { _entities: (T | null)[] };
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { stale?: { operator: string }[] };
}

async function ask<T>(query: string, representations: unknown[], variables = {}): Promise<Answer<T>> {
  const response = await fetch(`${subgraph.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gateway-secret': SECRET },
    body: JSON.stringify({ query, variables: { ...variables, representations } }),
  });
  return (await response.json()) as Answer<T>;
}

const TERRITORY = `query ($representations: [_Any!]!, $first: Int, $scheme: DgefpScheme) {
  _entities(representations: $representations) {
    ... on Territory { dgefp {
      actions(first: $first, scheme: $scheme) { totalCount nodes { id scheme siret company { siren } amount } pageInfo { hasNextPage } }
      byScheme { scheme count trainedEmployees amount }
      summary { operator count amount byAxis { axis count } }
      source { publisher illustrative retrievedAt }
    } }
  }
}`;

interface TerritoryDgefp {
  dgefp: {
    actions: {
      totalCount: number;
      nodes: {
        id: string;
        scheme: string;
        siret: string | null;
        company: { siren: string } | null;
        amount: number;
      }[];
      pageInfo: { hasNextPage: boolean };
    };
    byScheme: { scheme: string; count: number; trainedEmployees: number; amount: number }[];
    summary: { operator: string; count: number; amount: number; byAxis: { axis: string; count: number }[] };
    source: { publisher: string; illustrative: boolean; retrievedAt: string | null };
  } | null;
}

const represent = (t: typeof territory) => ({
  __typename: 'Territory',
  id: t.id,
  communeCodes: t.communeCodes,
});

describe('dgefp subgraph', () => {
  it('answers a territory’s actions, by scheme and as an operator summary, from one upstream call', async () => {
    const answer = await ask<TerritoryDgefp>(TERRITORY, [represent(territory)], { first: 3 });
    expect(answer.errors).toBeUndefined();
    const value = answer.data?._entities[0]?.dgefp;
    expect(value?.actions.totalCount).toBe(expected.length);
    expect(value?.actions.nodes).toHaveLength(Math.min(3, expected.length));
    expect(value?.summary).toMatchObject({ operator: 'DGEFP', count: expected.length });
    expect(value?.summary.amount).toBeCloseTo(
      expected.reduce((s, a) => s + a.montantEngage, 0),
      2,
    );
    expect(value?.summary.byAxis.find((a) => a.axis === 'COMPETENCES')?.count).toBe(expected.length);
    const gpec = value?.byScheme.find((s) => s.scheme === 'GPEC_TERRITORIALE');
    expect(gpec?.count).toBe(expected.filter((a) => a.dispositif === 'GPEC territoriale').length);
    expect(value?.byScheme.map((s) => s.scheme)).toEqual([
      'FNE_FORMATION',
      'GPEC_TERRITORIALE',
      'ECOLE_DE_PRODUCTION',
    ]);
    expect(value?.source).toMatchObject({ illustrative: true, publisher: expect.stringContaining('DGEFP') });
    expect(Date.parse(value?.source.retrievedAt ?? '')).not.toBeNaN();
    expect(simulator.stats().calls.actions).toBe(1);
  });

  it('filters by scheme, and links company actions to their Company (territorial ones to none)', async () => {
    const answer = await ask<TerritoryDgefp>(TERRITORY, [represent(territory)], {
      first: 100,
      scheme: 'GPEC_TERRITORIALE',
    });
    const nodes = answer.data?._entities[0]?.dgefp?.actions.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.map((n) => [n.scheme, n.siret, n.company])).toEqual(
      nodes.map(() => ['GPEC_TERRITORIALE', null, null]),
    );
    const all = await ask<TerritoryDgefp>(TERRITORY, [represent(territory)], { first: 100 });
    const withCompany = all.data?._entities[0]?.dgefp?.actions.nodes.filter((n) => n.siret) ?? [];
    expect(withCompany.length).toBeGreaterThan(0);
    expect(withCompany.map((n) => n.company?.siren)).toEqual(withCompany.map((n) => n.siret!.slice(0, 9)));
  });

  it('answers a company’s actions by SIREN', async () => {
    const siren = supported.siret!.slice(0, 9);
    const answer = await ask<{ dgefp: { actions: { id: string }[]; summary: { count: number } } }>(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Company { dgefp { actions { id } summary { count } } } } }`,
      [{ __typename: 'Company', siren }],
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?._entities[0]?.dgefp.actions.map((a) => a.id).sort()).toEqual(
      companyActions.map((a) => a.id).sort(),
    );
    expect(answer.data?._entities[0]?.dgefp.summary.count).toBe(companyActions.length);
  });

  it('refuses a page size out of range and a malformed SIREN with a code, before any upstream call', async () => {
    const page = await ask<TerritoryDgefp>(TERRITORY, [represent(territory)], { first: 1000 });
    expect(page.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_OUT_OF_RANGE');
    const siren = await ask(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Company { dgefp { summary { count } } } } }`,
      [{ __typename: 'Company', siren: '12345' }],
    );
    expect(siren.errors?.[0]?.extensions?.code).toBe('INVALID_SIREN');
    // The page size is checked once the territory's actions are read: one call, none for the SIREN.
    expect(simulator.stats().calls.actions ?? 0).toBeLessThanOrEqual(1);
  });

  it('serves the last copy marked stale when its upstream is down, and a coded error naming DGEFP without one', async () => {
    await ask(TERRITORY, [represent(territory)], { first: 5 });
    simulator.setFaults({ down: true });
    const stale = await ask<TerritoryDgefp>(TERRITORY, [represent(territory)], { first: 5 });
    expect(stale.data?._entities[0]?.dgefp?.actions.totalCount).toBe(expected.length);
    expect(stale.extensions?.stale).toEqual([{ operator: 'dgefp', since: expect.any(String) }]);
    const failed = await ask<TerritoryDgefp>(TERRITORY, [represent(neverAsked)], { first: 5 });
    expect(failed.data?._entities[0]?.dgefp ?? null).toBeNull();
    expect(failed.errors?.[0]?.extensions?.code).toMatch(/^UPSTREAM_|^CIRCUIT_OPEN$/);
    expect(failed.errors?.[0]?.message).toContain('DGEFP');
  });
});
