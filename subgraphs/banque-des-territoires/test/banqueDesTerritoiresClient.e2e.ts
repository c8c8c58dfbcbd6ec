// The Banque des Territoires client against the simulated Caisse des Dépôts portal, on the
// communes of the 21 Grand Est territories: everything found, nothing outside, few calls.
import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpendatasoftClient } from '../../../kit/src/upstream/opendatasoftClient.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import type { RunningServer } from '../../../kit/src/listen.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { readBanqueDesTerritoiresSimulatorConfig } from '../../../sim/banque-des-territoires/config.js';
import {
  buildBanqueDesTerritoiresRecords,
  FINANCINGS_DATASET_ID,
} from '../../../sim/banque-des-territoires/records.js';
import { createBanqueDesTerritoiresSimulator } from '../../../sim/banque-des-territoires/banqueDesTerritoiresSimulator.js';
import { loadWorld } from '../../../sim/world.js';
import { BanqueDesTerritoiresClient } from '../src/banqueDesTerritoiresClient.js';

const world = loadWorld();
const grandEst = [
  ...new Set(world.territories.filter((t) => t.regionCode === '44').flatMap((t) => t.communeCodes)),
];

let simulator: Simulator;
let server: RunningServer;
let client: BanqueDesTerritoiresClient;

beforeAll(async () => {
  simulator = createBanqueDesTerritoiresSimulator(readBanqueDesTerritoiresSimulatorConfig({}));
  server = await listenSimulator(simulator, 0);
  const upstream = new UpstreamClient({
    operator: 'banque-des-territoires',
    baseUrl: server.url,
    timeoutMs: 5_000,
    retries: 2,
    cache: new Keyv(),
    ttlMs: 60_000,
    minIntervalMs: 55,
  });
  client = new BanqueDesTerritoiresClient(new OpendatasoftClient(upstream));
});
afterAll(() => server.close());

describe('BanqueDesTerritoiresClient against its simulator', () => {
  it('finds every financing of the Grand Est communes, in lists of 200 codes and pages of 100', async () => {
    simulator.reset();
    const found = await client.financingsInCommunes(grandEst);
    const published = buildBanqueDesTerritoiresRecords(world).find(
      (d) => d.id === FINANCINGS_DATASET_ID,
    )!.records;
    const expected = published.filter((r) => grandEst.includes(r.code_commune as string));
    expect(expected.length).toBeGreaterThan(100);
    expect(found.records.map((f) => f.id).sort()).toEqual(
      expected.map((r) => r.referencedecision as string).sort(),
    );
    expect(found.records.every((f) => grandEst.includes(f.communeCode) && f.amount > 0)).toBe(true);
    const lists = Math.ceil(grandEst.length / 200);
    const calls = simulator.stats().calls.records ?? 0;
    expect(calls).toBeGreaterThanOrEqual(lists);
    expect(calls).toBeLessThanOrEqual(lists + Math.ceil(expected.length / 100));
  });

  it('reads the Écoles de production with their trades and support', async () => {
    const found = await client.schoolsInCommunes(grandEst);
    expect(found.records.length).toBeGreaterThan(0);
    for (const school of found.records) {
      expect(school.trades.length).toBeGreaterThan(0);
      expect(school.siret).toMatch(/^\d{14}$/);
      expect(grandEst).toContain(school.communeCode);
    }
  });
});
