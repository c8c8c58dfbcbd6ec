// The action-logement subgraph against its simulator: a territory's records through `_entities` (as the
// gateway asks), pages, bad page sizes refused before any upstream call, and when the upstream is
// down: the last copy marked stale, or a coded error naming Action Logement when there is none.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../kit/src/listen.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { createActionLogementSimulator } from '../../../sim/action-logement/actionLogementSimulator.js';
import { buildActionLogementRecords } from '../../../sim/action-logement/records.js';
import { loadWorld } from '../../../sim/world.js';
import { readActionLogementConfig } from '../src/config.js';
import { startActionLogement } from '../src/start.js';

const world = loadWorld();
const records = buildActionLogementRecords(world);
const withRecords = world.territories.filter((t) => records.some((r) => t.communeCodes.includes(r.commune)));
const territory = withRecords[0]!;
const neverAsked = withRecords[1]!;
const inTerritory = records.filter((r) => territory.communeCodes.includes(r.commune));

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

const QUERY = `query ($representations: [_Any!]!, $first: Int) {
  _entities(representations: $representations) {
    ... on Territory { actionLogement { count amount source { publisher illustrative } records(first: $first) { totalCount nodes { id communeCode amount date } pageInfo { hasNextPage } } } }
  }
}`;

interface Answer {
  data?: {
    _entities: ({
      actionLogement: {
        count: number;
        amount: number;
        source: { publisher: string; illustrative: boolean };
        records: { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean } };
      } | null;
    } | null)[];
  };
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { stale?: { operator: string }[] };
}

async function ask(first = 5, asked = territory): Promise<Answer> {
  const response = await fetch(`${subgraph.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gateway-secret': SECRET },
    body: JSON.stringify({
      query: QUERY,
      variables: {
        first,
        representations: [{ __typename: 'Territory', id: asked.id, communeCodes: asked.communeCodes }],
      },
    }),
  });
  return (await response.json()) as Answer;
}

describe('action-logement subgraph', () => {
  it('answers a territory’s records, count and amount from its communes', async () => {
    const answer = await ask(5);
    expect(answer.errors).toBeUndefined();
    const value = answer.data?._entities[0]?.actionLogement;
    expect(value?.count).toBe(inTerritory.length);
    expect(value?.records.totalCount).toBe(inTerritory.length);
    expect(value?.records.nodes).toHaveLength(Math.min(5, inTerritory.length));
    expect(value?.records.pageInfo.hasNextPage).toBe(inTerritory.length > 5);
    expect(value?.amount).toBeCloseTo(
      inTerritory.reduce((sum, r) => sum + r.amount, 0),
      2,
    );
    // Read from the simulator, never from the real publisher: illustrative.
    expect(value?.source.illustrative).toBe(true);
  });

  it('refuses a page size out of range with a code, before any upstream call', async () => {
    const answer = await ask(1000);
    expect(answer.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_OUT_OF_RANGE');
    expect(simulator.stats().calls.records ?? 0).toBe(0);
  });

  it('serves the last copy marked stale when its upstream is down, and a coded error naming Action Logement without one', async () => {
    await ask(5);
    simulator.setFaults({ down: true });
    const stale = await ask(5);
    expect(stale.data?._entities[0]?.actionLogement?.count).toBe(inTerritory.length);
    expect(stale.extensions?.stale).toEqual([{ operator: 'action-logement', since: expect.any(String) }]);
    const failed = await ask(5, neverAsked);
    expect(failed.data?._entities[0]?.actionLogement ?? null).toBeNull();
    expect(failed.errors?.[0]?.extensions?.code).toMatch(/^UPSTREAM_|^CIRCUIT_OPEN$/);
    expect(failed.errors?.[0]?.message).toContain('Action Logement');
  });
});
