// The action-logement subgraph against its simulator: a territory's aid (by commune) and agreements
// (by intercommunalité) through `_entities`, as the gateway asks, one call per kind for every
// territory of the query; a company's aid; provenance; bad input refused; and when the upstream is
// down: the last copy marked stale, or a coded error naming Action Logement when there is none.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../kit/src/listen.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { createActionLogementSimulator } from '../../../sim/action-logement/actionLogementSimulator.js';
import {
  buildActionLogementAgreements,
  buildActionLogementAids,
} from '../../../sim/action-logement/records.js';
import { loadWorld } from '../../../sim/world.js';
import { readActionLogementConfig } from '../src/config.js';
import { startActionLogement } from '../src/start.js';

const world = loadWorld();
const aids = buildActionLogementAids(world);
const agreements = buildActionLogementAgreements(world);
const aidsIn = (t: (typeof world.territories)[number]) =>
  aids.filter((a) => t.communeCodes.includes(a.codeCommune));
const agreementsOf = (t: (typeof world.territories)[number]) =>
  agreements.filter((a) => t.epciSirens.includes(a.sirenEpci));
const rich = world.territories.filter((t) => aidsIn(t).length > 0 && agreementsOf(t).length > 0);
const territory = rich[0]!;
const second = rich[1]!;
const neverAsked = rich[2]!;

const SECRET = 'action-logement-test-secret';
let simulator: Simulator;
let upstream: RunningServer;
let subgraph: RunningServer;

beforeAll(async () => {
  simulator = createActionLogementSimulator({ world });
  upstream = await listenSimulator(simulator, 0);
  subgraph = await startActionLogement(
    readActionLogementConfig({
      ACTION_LOGEMENT_PORT: '0',
      GATEWAY_SECRET: SECRET,
      // This suite is about the live API: no window, whatever the local mirror holds.
      ACTION_LOGEMENT_WINDOW_SYNC_INTERVAL: '0',
      ACTION_LOGEMENT_API_URL: upstream.url,
      ACTION_LOGEMENT_RETRIES: '0',
      ACTION_LOGEMENT_CACHE_TTL_MS: '0',
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

const TERRITORY = `query ($representations: [_Any!]!, $first: Int) {
  _entities(representations: $representations) {
    ... on Territory { actionLogement {
      aids(first: $first) { totalCount totalAmount nodes { id scheme company { siren } siret employees amount year } }
      employeesHelped
      agreements { id epciSiren plannedHomes deliveredHomes amount signedOn }
      summary { operator count amount byAxis { axis count amount } }
      source { publisher illustrative }
    } }
  }
}`;

interface Value {
  actionLogement: {
    aids: {
      totalCount: number;
      totalAmount: number;
      nodes: { id: string; scheme: string; company: { siren: string }; siret: string }[];
    };
    employeesHelped: number;
    agreements: { id: string; epciSiren: string }[];
    summary: {
      operator: string;
      count: number;
      amount: number;
      byAxis: { axis: string; count: number; amount: number }[];
    };
    source: { publisher: string; illustrative: boolean };
  } | null;
}

const represent = (t: typeof territory) => ({
  __typename: 'Territory',
  id: t.id,
  communeCodes: t.communeCodes,
  epciSirens: t.epciSirens,
});

describe('action-logement subgraph', () => {
  it('answers a territory’s aid and agreements, and sums both in its summary', async () => {
    const answer = await ask<Value>(TERRITORY, [represent(territory)], { first: 100 });
    expect(answer.errors).toBeUndefined();
    const value = answer.data?._entities[0]?.actionLogement;
    const expectedAids = aidsIn(territory);
    const expectedAgreements = agreementsOf(territory);
    expect(value?.aids.totalCount).toBe(expectedAids.length);
    expect(value?.aids.totalAmount).toBeCloseTo(
      expectedAids.reduce((s, a) => s + a.montantTotal, 0),
      2,
    );
    expect(value?.employeesHelped).toBe(expectedAids.reduce((s, a) => s + a.nombreSalaries, 0));
    expect(value?.agreements.map((a) => a.id).sort()).toEqual(expectedAgreements.map((a) => a.id).sort());
    expect(value?.aids.nodes.map((n) => n.company.siren)).toEqual(
      value?.aids.nodes.map((n) => n.siret.slice(0, 9)),
    );
    const total = [
      ...expectedAids.map((a) => a.montantTotal),
      ...expectedAgreements.map((a) => a.montantEngage),
    ].reduce((s, x) => s + x, 0);
    expect(value?.summary).toMatchObject({
      operator: 'ACTION_LOGEMENT',
      count: expectedAids.length + expectedAgreements.length,
    });
    expect(value?.summary.amount).toBeCloseTo(total, 2);
    expect(value?.summary.byAxis.find((a) => a.axis === 'COMPETENCES')?.count).toBe(
      expectedAids.length + expectedAgreements.length,
    );
    expect(value?.source).toEqual({ publisher: 'Action Logement', illustrative: true });
  });

  it('reads two territories with one call per kind', async () => {
    const answer = await ask<Value>(TERRITORY, [represent(territory), represent(second)], { first: 1 });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?._entities.map((e) => e?.actionLogement?.aids.totalCount)).toEqual([
      aidsIn(territory).length,
      aidsIn(second).length,
    ]);
    expect(simulator.stats().calls).toEqual({ aides: 1, conventions: 1 });
  });

  it('reads a whole region in lists of at most 500 communes, which is all the API takes', async () => {
    const refused = await fetch(
      `${upstream.url}/api/v1/aides?communes=${Array.from({ length: 501 }, (_, i) => String(10000 + i)).join(',')}&limit=1&offset=0`,
    );
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { erreur: string }).erreur).toContain('500');
    simulator.reset();
    const region = world.territories.filter((t) => t.regionCode === '84');
    const communes = new Set(region.flatMap((t) => t.communeCodes));
    expect(communes.size).toBeGreaterThan(500);
    const answer = await ask<Value>(TERRITORY, region.map(represent), { first: 1 });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?._entities.map((e) => e?.actionLogement?.aids.totalCount)).toEqual(
      region.map((t) => aidsIn(t).length),
    );
    // One list per 500 communes at least (more when a list's aids fill several pages of 100).
    expect(simulator.stats().calls.aides).toBeGreaterThanOrEqual(Math.ceil(communes.size / 500));
  });

  it('answers a company’s aid by SIREN, and refuses a malformed SIREN before any call', async () => {
    const siren = aids[0]!.siretEmployeur.slice(0, 9);
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Company { actionLogement { aids { id } summary { count } } } } }`;
    const answer = await ask<{ actionLogement: { aids: { id: string }[]; summary: { count: number } } }>(
      query,
      [{ __typename: 'Company', siren }],
    );
    const expected = aids.filter((a) => a.siretEmployeur.startsWith(siren));
    expect(answer.data?._entities[0]?.actionLogement.aids.map((a) => a.id).sort()).toEqual(
      expected.map((a) => a.id).sort(),
    );
    simulator.reset();
    const bad = await ask(query, [{ __typename: 'Company', siren: 'ABC' }]);
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_SIREN');
    expect(simulator.stats().total).toBe(0);
  });

  it('refuses a page size out of range with a code', async () => {
    const answer = await ask<Value>(TERRITORY, [represent(territory)], { first: -1 });
    expect(answer.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_OUT_OF_RANGE');
  });

  it('serves the last copy marked stale when its upstream is down, and a coded error naming Action Logement without one', async () => {
    await ask(TERRITORY, [represent(territory)], { first: 5 });
    simulator.setFaults({ down: true });
    const stale = await ask<Value>(TERRITORY, [represent(territory)], { first: 5 });
    expect(stale.data?._entities[0]?.actionLogement?.aids.totalCount).toBe(aidsIn(territory).length);
    expect(stale.extensions?.stale).toEqual([{ operator: 'action-logement', since: expect.any(String) }]);
    const failed = await ask<Value>(TERRITORY, [represent(neverAsked)], { first: 5 });
    expect(failed.data?._entities[0]?.actionLogement ?? null).toBeNull();
    expect(failed.errors?.[0]?.extensions?.code).toMatch(/^UPSTREAM_|^CIRCUIT_OPEN$/);
    expect(failed.errors?.[0]?.message).toContain('Action Logement');
  });
});
