// The whole stack as `npm start` runs it, France Travail's offer window on: the stack's scheduler
// syncs the window at first start with the other sources, the gateway's /ready says how fresh it
// is, and a region's job offers are answered through the gateway with NO search reaching France
// Travail, with the counts its simulator's records give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOffers } from '../sim/france-travail/records.js';
import { loadWorld } from '../sim/world.js';
import { postGraphQL, startTestStack, type Stack } from './helpers/stack.js';

const world = loadWorld();
const offers = buildOffers(world);
// The world holds the phase-2 territories, as the query asks.
const grandEst = world.territories.filter((t) => t.regionCode === '44');

const REGION = `{ territories(filter: { regionCode: "44", phase: 2 }, first: 50) { nodes { id
  franceTravail { offers(first: 3) { totalCount positionCount complete nodes { id } } source { retrievedAt illustrative } } } } }`;

interface Region {
  territories: {
    nodes: {
      id: string;
      franceTravail: {
        offers: { totalCount: number; positionCount: number; complete: boolean; nodes: { id: string }[] };
        source: { retrievedAt: string | null; illustrative: boolean };
      };
    }[];
  };
}

describe('France Travail offer window in the stack', () => {
  let stack: Stack;
  let searches = 0;

  beforeAll(async () => {
    stack = await startTestStack({
      env: { FRANCE_TRAVAIL_OFFERS_SYNC_INTERVAL: '10m', RESPONSE_CACHE: 'false', MAX_COST: '100000000' },
    });
    stack.services['france-travail-sim']!.server.prependListener('request', (request) => {
      if (String(request.url).includes('/offres/search')) searches++;
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('syncs the window at first start and lists its freshness in /ready', async () => {
    const first = await stack.mirrorSync.scheduler.firstSync;
    const window = first.find((r) => r.source === 'france-travail-offers');
    expect(window).toMatchObject({ status: 'loaded', rejected: 0 });
    // The programme's departments hold every simulated offer (the simulator places companies in them).
    expect(window!.recordCount).toBe(offers.length);
    const ready = (await (await fetch(`${stack.gatewayUrl}/ready`)).json()) as {
      mirror?: Record<
        string,
        { subgraph: string; status: string; recordCount: number; lastSuccessAt: string }
      >;
    };
    expect(ready.mirror?.['france-travail-offers']).toMatchObject({
      subgraph: 'france-travail',
      status: 'loaded',
      recordCount: offers.length,
      lastSuccessAt: expect.any(String),
    });
  });

  it("answers a region's offers from the window, with no search reaching France Travail", async () => {
    searches = 0;
    const { body } = await postGraphQL<Region>(`${stack.gatewayUrl}/graphql`, REGION);
    expect(body.errors).toBeUndefined();
    expect(searches).toBe(0);
    const nodes = body.data!.territories.nodes;
    expect(nodes).toHaveLength(grandEst.length);
    for (const node of nodes) {
      const communes = new Set(grandEst.find((t) => t.id === node.id)!.communeCodes);
      const mine = offers.filter((o) => communes.has(o.lieuTravail.commune));
      expect(node.franceTravail.offers.totalCount).toBe(mine.length);
      expect(node.franceTravail.offers.positionCount).toBe(mine.reduce((n, o) => n + o.nombrePostes, 0));
      expect(node.franceTravail.offers.complete).toBe(true);
      expect(node.franceTravail.source).toMatchObject({
        retrievedAt: expect.any(String),
        illustrative: true,
      });
    }
    expect(nodes.reduce((n, t) => n + t.franceTravail.offers.totalCount, 0)).toBeGreaterThan(100);
  });
});
