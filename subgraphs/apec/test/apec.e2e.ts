// The apec subgraph against its simulator: a territory's executive offers through `_entities` (as
// the gateway asks), placed in its communes from APEC's "City - department", one search for all
// departments, the strict body apec.fr enforces, provenance, bad input refused, and when apec.fr
// is down: the last copy marked stale, or a coded error naming APEC when there is none.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../kit/src/listen.js';
import { loadGeography } from '../../../kit/src/reference/geography.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { createApecSimulator } from '../../../sim/apec/apecSimulator.js';
import { buildApecOffers } from '../../../sim/apec/records.js';
import { loadWorld } from '../../../sim/world.js';
import { CommuneLocator } from '../src/communeLocator.js';
import { readApecConfig } from '../src/config.js';
import { departmentOfCommune } from '../../../kit/src/reference/companyIds.js';
import { startApec } from '../src/start.js';

const world = loadWorld();
const offers = buildApecOffers(world);
const placedIn = (t: { communeCodes: readonly string[] }) =>
  offers.filter((o) =>
    t.communeCodes.some((c) => o.lieuTexte === `${world.communes.get(c)?.name} - ${departmentOfCommune(c)}`),
  );
const withOffers = world.territories.filter((t) => placedIn(t).length > 2);
const territory = withOffers[0]!;
const other = withOffers.find(
  (t) => t.id !== territory.id && !t.departmentCodes.some((d) => territory.departmentCodes.includes(d)),
)!;
const neverAsked = withOffers.find(
  (t) =>
    t.id !== territory.id &&
    t.id !== other.id &&
    !t.departmentCodes.some(
      (d) => territory.departmentCodes.includes(d) || other.departmentCodes.includes(d),
    ),
)!;

const SECRET = 'apec-test-secret';
let simulator: Simulator;
let upstream: RunningServer;
let subgraph: RunningServer;

beforeAll(async () => {
  simulator = createApecSimulator({ world });
  upstream = await listenSimulator(simulator, 0);
  subgraph = await startApec(
    readApecConfig({
      APEC_PORT: '0',
      GATEWAY_SECRET: SECRET,
      // This suite is about the live API: no window, whatever the local mirror holds.
      APEC_WINDOW_SYNC_INTERVAL: '0',
      APEC_API_URL: upstream.url,
      APEC_RETRIES: '0',
      APEC_CACHE_TTL_MS: '0',
    }),
  );
});
afterAll(async () => {
  await subgraph?.close();
  await upstream?.close();
});
beforeEach(() => simulator.reset());

const QUERY = `query ($representations: [_Any!]!, $first: Int) {
  _entities(representations: $representations) {
    ... on Territory { id apec {
      offers(first: $first) { totalCount nodes { id communeCode place publishedOn url } pageInfo { hasNextPage } }
      departments { code offerCount inTerritoryCount unlocatedCount }
      summary { operator count amount }
      source { publisher illustrative }
    } }
  }
}`;

interface ApecValue {
  offers: {
    totalCount: number;
    nodes: { id: string; communeCode: string; place: string; publishedOn: string; url: string }[];
    pageInfo: { hasNextPage: boolean };
  };
  departments: { code: string; offerCount: number; inTerritoryCount: number; unlocatedCount: number }[];
  summary: { operator: string; count: number; amount: number };
  source: { publisher: string; illustrative: boolean };
}
interface Answer {
  data?: { _entities: ({ id: string; apec: ApecValue | null } | null)[] };
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { stale?: { operator: string }[] };
}

async function ask(territories: (typeof territory)[], first = 5): Promise<Answer> {
  const response = await fetch(`${subgraph.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gateway-secret': SECRET },
    body: JSON.stringify({
      query: QUERY,
      variables: {
        first,
        representations: territories.map((t) => ({
          __typename: 'Territory',
          id: t.id,
          communeCodes: t.communeCodes,
        })),
      },
    }),
  });
  return (await response.json()) as Answer;
}

describe('apec subgraph', () => {
  it('places offers in the territory’s communes and counts each department’s offers', async () => {
    const answer = await ask([territory]);
    expect(answer.errors).toBeUndefined();
    const value = answer.data?._entities[0]?.apec;
    const expected = placedIn(territory);
    expect(value?.offers.totalCount).toBe(expected.length);
    expect(value?.offers.nodes.map((n) => n.id)).toEqual(expected.slice(0, 5).map((o) => o.numeroOffre));
    for (const node of value?.offers.nodes ?? []) expect(territory.communeCodes).toContain(node.communeCode);
    expect(value?.summary).toEqual({ operator: 'APEC', count: expected.length, amount: 0 });
    const departments = [...new Set(territory.communeCodes.map(departmentOfCommune))].sort();
    expect(value?.departments.map((d) => d.code)).toEqual(departments);
    for (const d of value?.departments ?? []) {
      expect(d.offerCount).toBe(offers.filter((o) => o.departmentCode === d.code).length);
    }
    expect(value?.departments.reduce((s, d) => s + d.inTerritoryCount, 0)).toBe(expected.length);
    expect(value?.source).toEqual({ publisher: 'APEC', illustrative: true });
  });

  it('asks once for every department of every territory of the query, all pages', async () => {
    const answer = await ask([territory, other], 1);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?._entities.map((e) => e?.apec?.offers.totalCount)).toEqual([
      placedIn(territory).length,
      placedIn(other).length,
    ]);
    const departments = new Set([...territory.communeCodes, ...other.communeCodes].map(departmentOfCommune));
    const total = offers.filter((o) => departments.has(o.departmentCode)).length;
    expect(simulator.stats().calls.rechercheOffre).toBe(Math.max(1, Math.ceil(total / 100)));
  });

  it('sends apec.fr only the body properties it accepts (an unknown one is its 500)', async () => {
    const response = await fetch(`${upstream.url}/cms/webservices/rechercheOffre`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ motsCles: '', idsSecteursActivite: [] }),
    });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('idsSecteursActivite');
    // …and the subgraph's own searches all succeed.
    await ask([territory]);
    expect(simulator.stats().outcomes.failed).toBe(0);
  });

  it('places a city by name in its department only, and leaves ambiguous names unplaced', () => {
    const locator = new CommuneLocator([
      ...loadGeography(readApecConfig({ GATEWAY_SECRET: 'x' }).geoDir).communes.values(),
    ]);
    expect(locator.locate('CHALONS EN CHAMPAGNE', '51')).toBe('51108');
    expect(locator.locate('Châlons-en-Champagne', '52')).toBeNull();
    expect(locator.locate('Nowhere-sur-Rien', '51')).toBeNull();
  });

  it('refuses a page size out of range with a code', async () => {
    const answer = await ask([territory], 1000);
    expect(answer.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_OUT_OF_RANGE');
  });

  it('serves the last copy marked stale when apec.fr is down, and a coded error naming APEC without one', async () => {
    await ask([territory]);
    simulator.setFaults({ down: true });
    const stale = await ask([territory]);
    expect(stale.data?._entities[0]?.apec?.offers.totalCount).toBe(placedIn(territory).length);
    expect(stale.extensions?.stale).toEqual([{ operator: 'apec', since: expect.any(String) }]);
    const failed = await ask([neverAsked]);
    expect(failed.data?._entities[0]?.apec ?? null).toBeNull();
    expect(failed.errors?.[0]?.extensions?.code).toMatch(/^UPSTREAM_|^CIRCUIT_OPEN$/);
    expect(failed.errors?.[0]?.message).toContain('APEC');
  });
});
