// When the portal fails, the subgraph answers from its last copy and says so in
// `extensions.stale`, rather than dropping Banque des Territoires from the picture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../kit/src/listen.js';
import { readBanqueDesTerritoiresSimulatorConfig } from '../../../sim/banque-des-territoires/config.js';
import { createBanqueDesTerritoiresSimulator } from '../../../sim/banque-des-territoires/banqueDesTerritoiresSimulator.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { loadWorld } from '../../../sim/world.js';
import { readBanqueDesTerritoiresConfig } from '../src/config.js';
import { startBanqueDesTerritoires } from '../src/start.js';

const territory = loadWorld().territoryById.get('ti-4405')!;
const QUERY = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Territory { banqueDesTerritoires { summary { count amount } } } } }`;

const SECRET = 'stale-copy-test-secret';

let simulator: Simulator;
let portal: RunningServer;
let subgraph: RunningServer;

beforeAll(async () => {
  simulator = createBanqueDesTerritoiresSimulator(readBanqueDesTerritoiresSimulatorConfig({}));
  portal = await listenSimulator(simulator, 0);
  subgraph = await startBanqueDesTerritoires(
    readBanqueDesTerritoiresConfig({
      BANQUE_DES_TERRITOIRES_PORT: '0',
      GATEWAY_SECRET: SECRET,
      CAISSE_DES_DEPOTS_API_URL: portal.url,
      // Always ask the portal; the copy is only for when it fails.
      CAISSE_DES_DEPOTS_CACHE_TTL_MS: '0',
      CAISSE_DES_DEPOTS_RETRIES: '0',
    }),
  );
});
afterAll(async () => {
  await subgraph?.close();
  await portal?.close();
});

async function ask(): Promise<{ data?: unknown; errors?: unknown[]; extensions?: { stale?: unknown } }> {
  const response = await fetch(`${subgraph.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gateway-secret': SECRET },
    body: JSON.stringify({
      query: QUERY,
      variables: { r: [{ __typename: 'Territory', id: territory.id, communeCodes: territory.communeCodes }] },
    }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[]; extensions?: { stale?: unknown } };
}

describe('banque-des-territoires subgraph', () => {
  it('serves the last copy, marked stale, when the portal is down', async () => {
    const fresh = await ask();
    expect(fresh.errors).toBeUndefined();
    expect(fresh.extensions?.stale).toBeUndefined();

    simulator.setFaults({ down: true });
    const stale = await ask();
    expect(stale.errors).toBeUndefined();
    expect(stale.data).toEqual(fresh.data);
    expect(stale.extensions?.stale).toEqual([
      { operator: 'banque-des-territoires', since: expect.any(String) },
    ]);
    expect(simulator.stats().outcomes.cut).toBeGreaterThan(0);
  });
});
