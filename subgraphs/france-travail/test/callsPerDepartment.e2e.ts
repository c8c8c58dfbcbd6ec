// France Travail calls of the support picture's offers, counted at the simulator's server: one per
// department when its offers fit one page, no token call on a query's path (the token is fetched at
// start and renewed in the background), and a query still answered when that renewal failed.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Keyv } from 'keyv';
import type { RunningServer } from '../../../kit/src/listen.js';
import { openMirror, type MirrorStore } from '../../../kit/src/mirror/index.js';
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
import { FranceTravailClient, type FranceTravailClientOptions } from '../src/franceTravailClient.js';
import { departmentOfCommune } from '../../../kit/src/reference/companyIds.js';
import { createFranceTravailContext, createFranceTravailServer } from '../src/server.js';

const world = loadWorld();
const offers = buildOffers(world);
let mirror: MirrorStore;
const running: { close(): Promise<void> }[] = [];
const started: FranceTravailClient[] = [];

beforeAll(async () => {
  mirror = await openMirror({ file: ':memory:' });
});
afterEach(() => {
  for (const client of started.splice(0)) client.stop();
});
afterAll(async () => {
  for (const r of running) await r.close();
  await mirror.close();
});

/** A simulator on a free port (tokens living `ttlSeconds`). */
async function simulatorOn(ttlSeconds = 1499): Promise<{ simulator: FranceTravailSimulator; url: string }> {
  const simulator = createFranceTravailSimulator({
    clientId: 'id',
    clientSecret: 'secret',
    world,
    tokenTtlSeconds: ttlSeconds,
  });
  const server: RunningServer = await listenSimulator(simulator, 0);
  running.push(server);
  return { simulator, url: server.url };
}

/** A client paced at the subgraph's default (8 calls a second) and the subgraph over it. */
function subgraphOn(url: string, options: Partial<FranceTravailClientOptions> = {}) {
  const common = { operator: 'france-travail', label: 'France Travail', baseUrl: url, timeoutMs: 5_000 };
  const api = new UpstreamClient({
    ...common,
    retries: 2,
    retryBaseMs: 1,
    cache: new Keyv(),
    ttlMs: 60_000,
    minIntervalMs: 125,
  });
  const auth = new UpstreamClient({ ...common, retries: 0, cache: new Keyv(), ttlMs: 0 });
  running.push({ close: async () => (api.close(), auth.close()) });
  const client = new FranceTravailClient({
    api,
    auth,
    clientId: 'id',
    clientSecret: 'secret',
    scope: DEFAULT_SCOPE,
    communesPerCall: 50,
    ...options,
  });
  started.push(client);
  const server = createFranceTravailServer({ budgetMs: 8_000 });
  const deps = {
    client,
    mirror,
    budgetMs: 8_000,
    locations: { apiUrl: url, bmoUrl: `${url}${BMO_FILE_PATH}` },
  };
  const query = async (territories: readonly WorldTerritory[]) => {
    const response = await server.executeOperation(
      { query: PICTURE, variables: { reps: representations(territories) } },
      { contextValue: createFranceTravailContext(deps) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as { data?: { _entities: Entity[] }; errors?: unknown[] };
  };
  return { client, query };
}

// The support picture's France Travail offers and summary (its recruitment comes from the mirror).
const PICTURE = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Territory {
  franceTravail { summary { count } offers(first: 10) { totalCount positionCount complete nodes { id } } } } } }`;
type Entity = {
  franceTravail: {
    summary: { count: number };
    offers: { totalCount: number; positionCount: number; complete: boolean; nodes: { id: string }[] };
  };
};

const representations = (territories: readonly WorldTerritory[]) =>
  territories.map((t) => ({
    __typename: 'Territory',
    id: t.id,
    communeCodes: t.communeCodes,
    departmentCodes: t.departmentCodes,
  }));

const departmentsOf = (territories: readonly WorldTerritory[]) => [
  ...new Set(territories.flatMap((t) => t.communeCodes.map(departmentOfCommune))),
];
const offersIn = (department: string) =>
  offers.filter((o) => departmentOfCommune(o.lieuTravail.commune) === department).length;

/** Checks every territory's offers against the simulator's own. */
function expectExact(territories: readonly WorldTerritory[], entities: Entity[]) {
  territories.forEach((territory, index) => {
    const communes = new Set(territory.communeCodes);
    const mine = offers.filter((o) => communes.has(o.lieuTravail.commune));
    const got = entities[index]!.franceTravail;
    expect(got.offers.complete).toBe(true);
    expect(got.offers.totalCount).toBe(mine.length);
    expect(got.summary.count).toBe(mine.length);
    expect(got.offers.positionCount).toBe(mine.reduce((n, o) => n + o.nombrePostes, 0));
    expect(got.offers.nodes.map((n) => n.id)).toEqual(mine.slice(0, 10).map((o) => o.id));
  });
}

describe('France Travail calls of a multi-department batch', () => {
  it('makes exactly one call per department when each department fits one page (no token call)', async () => {
    // The territories of twenty departments that each hold at most one page (150) of offers
    // (twenty: well within the 8 s budget at 8 calls a second).
    const small = new Set(
      departmentsOf(world.territories)
        .filter((d) => offersIn(d) > 0 && offersIn(d) <= 150)
        .sort()
        .slice(0, 20),
    );
    const territories = world.territories.filter((t) => departmentsOf([t]).every((d) => small.has(d)));
    const departments = departmentsOf(territories);
    expect(departments.length).toBeGreaterThan(10);
    expect(territories.length).toBeGreaterThan(departments.length);
    const { simulator, url } = await simulatorOn();
    const { client, query } = subgraphOn(url);
    await client.start();
    expect(simulator.stats().calls.access_token).toBe(1);
    simulator.reset();

    const result = await query(territories);
    expect(result.errors).toBeUndefined();
    expectExact(territories, result.data!._entities);
    // Every request the simulator's server received for this query.
    const stats = simulator.stats();
    expect(stats.total).toBe(departments.length);
    expect(stats.calls).toEqual({ 'offres/search': departments.length });
  });
});

describe('the token, renewed in the background', () => {
  it('renews the token ahead of expiry without a query, so a query makes no token call', async () => {
    // Tokens of 2 s; a query would fetch one itself 600 ms before expiry; the background renews
    // 1 s before (half their life, shorter than twice the margin).
    const { simulator, url } = await simulatorOn(2);
    const { client, query } = subgraphOn(url, { renewMarginMs: 600 });
    await client.start();
    expect(simulator.stats().calls.access_token).toBe(1);
    await vi.waitFor(() => expect(simulator.stats().calls.access_token).toBe(2), {
      timeout: 3_000,
      interval: 20,
    });
    simulator.reset();
    const marne = world.territoryById.get('ti-4411')!;
    const result = await query([marne]);
    expect(result.errors).toBeUndefined();
    expectExact([marne], result.data!._entities);
    expect(simulator.stats().calls.access_token).toBeUndefined();
  });

  it('still answers when the background renewal failed: the query fetches a token itself', async () => {
    const { simulator, url } = await simulatorOn(2);
    let offset = 0;
    const failures: unknown[] = [];
    const { client, query } = subgraphOn(url, {
      renewMarginMs: 600,
      renewRetryMs: 60_000,
      onRenewalError: (error) => failures.push(error),
      now: () => Date.now() + offset,
    });
    await client.start();
    // The token host goes away when the renewal is due, and comes back after.
    simulator.setFaults({ down: true });
    await vi.waitFor(() => expect(failures).toHaveLength(1), { timeout: 3_000, interval: 20 });
    simulator.setFaults({ down: false });
    simulator.reset();
    // Time passes: the token is now within the query's margin of its expiry.
    offset = 1_500;
    const marne = world.territoryById.get('ti-4411')!;
    const result = await query([marne]);
    expect(result.errors).toBeUndefined();
    expectExact([marne], result.data!._entities);
    expect(simulator.stats().calls.access_token).toBe(1);
  });
});
