// The Bpifrance client against the simulated economy ministry portal: Bpifrance's laureates only,
// by commune and by company, the same companies as in the shared world.
import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpendatasoftClient } from '../../../kit/src/upstream/opendatasoftClient.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import type { RunningServer } from '../../../kit/src/listen.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { readBpifranceSimulatorConfig } from '../../../sim/bpifrance/config.js';
import { buildBpifranceRecords } from '../../../sim/bpifrance/records.js';
import { createBpifranceSimulator } from '../../../sim/bpifrance/bpifranceSimulator.js';
import { loadWorld } from '../../../sim/world.js';
import { BpifranceClient } from '../src/bpifranceClient.js';

const world = loadWorld();
const marne = [
  ...new Set(world.territories.filter((t) => t.departmentCodes[0] === '51').flatMap((t) => t.communeCodes)),
];
const published = buildBpifranceRecords(world)[0]!.records;

let simulator: Simulator;
let server: RunningServer;
let client: BpifranceClient;

beforeAll(async () => {
  simulator = createBpifranceSimulator(readBpifranceSimulatorConfig({}));
  server = await listenSimulator(simulator, 0);
  const upstream = new UpstreamClient({
    operator: 'bpifrance',
    baseUrl: server.url,
    timeoutMs: 5_000,
    retries: 2,
    cache: new Keyv(),
    ttlMs: 60_000,
  });
  client = new BpifranceClient(new OpendatasoftClient(upstream));
});
afterAll(() => server.close());

describe('BpifranceClient against its simulator', () => {
  it("finds the Bpifrance laureates of the Marne territories' communes, and no ADEME ones", async () => {
    const found = await client.aidsInCommunes(marne);
    const expected = published.filter(
      (r) => r.operateur === 'Bpifrance' && marne.includes(r.code_commune as string),
    );
    // Laureates to find, so a client that always answers nothing cannot pass.
    expect(expected.length).toBeGreaterThan(0);
    expect(found.records.map((a) => a.id).sort()).toEqual(
      expected.map((r) => r.identifiant as string).sort(),
    );
    expect(published.some((r) => r.operateur === 'ADEME' && marne.includes(r.code_commune as string))).toBe(
      true,
    );
  });

  it('finds a company by SIREN, with the world company it is about', async () => {
    const laureate = published.find((r) => r.operateur === 'Bpifrance')!;
    const found = await client.aidsOfCompanies([laureate.siren as string, '350555066']);
    const aid = found.records.find((a) => a.id === laureate.identifiant)!;
    expect(aid.siren).toBe(laureate.siren);
    expect(world.companyBySiren.get(aid.siren)?.name.toUpperCase()).toBe(aid.companyName);
    expect(aid.amount).toBe(laureate.montant_aide);
  });
});
