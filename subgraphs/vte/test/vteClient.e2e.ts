// The VTE client against its simulator: lists of communes and SIRENs, pages of 100, 429 then
// success, the backend's own 400 for a page too large, and garbage.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Keyv } from 'keyv';
import { CodedError, ErrorCode } from '../../../kit/src/errors.js';
import type { RunningServer } from '../../../kit/src/listen.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import { VieSearchClient } from '../../../kit/src/upstream/vieSearchClient.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { buildVteRecords, VTE_HIRING_AID } from '../../../sim/vte/records.js';
import { createVteSimulator, OFFERS_PATH } from '../../../sim/vte/vteSimulator.js';
import { loadWorld } from '../../../sim/world.js';
import { VteClient } from '../src/vteClient.js';

const world = loadWorld();
const records = buildVteRecords(world);
let simulator: Simulator;
let server: RunningServer;
const upstreams: UpstreamClient[] = [];

beforeAll(async () => {
  simulator = createVteSimulator({ world });
  server = await listenSimulator(simulator, 0);
});
afterAll(async () => {
  for (const u of upstreams) u.close();
  await server.close();
});
beforeEach(() => simulator.reset());

function makeClient() {
  const upstream = new UpstreamClient({
    operator: 'vte',
    label: 'VTE',
    baseUrl: server.url,
    timeoutMs: 2_000,
    retries: 2,
    retryBaseMs: 1,
    cache: new Keyv(),
    ttlMs: 60_000,
    minIntervalMs: 110,
  });
  upstreams.push(upstream);
  return { client: new VteClient(new VieSearchClient(upstream, { maxLimit: 100 })), upstream };
}

async function failure(promise: Promise<unknown>): Promise<CodedError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CodedError);
    return error as CodedError;
  }
  throw new Error('expected a failure');
}

const grandEstCommunes = world.territories
  .filter((t) => t.regionCode === '44')
  .flatMap((t) => t.communeCodes);

describe('VteClient', () => {
  it('reads every page of 100 for the communes of 21 territories, in lists of 1,000 communes', async () => {
    const inside = new Set(grandEstCommunes);
    const expected = records.offers.filter((o) => inside.has(o.cityInseeCode));
    expect(expected.length).toBeGreaterThan(100);
    const found = await makeClient().client.offersInCommunes(grandEstCommunes);
    expect(found.items.map((o) => o.id).sort()).toEqual(expected.map((o) => String(o.id)).sort());
    // Communes go in lists of 1,000; each list is read in pages of 100.
    const unique = [...inside].sort();
    let pages = 0;
    for (let i = 0; i < unique.length; i += 1_000) {
      const chunk = new Set(unique.slice(i, i + 1_000));
      pages += Math.max(1, Math.ceil(expected.filter((o) => chunk.has(o.cityInseeCode)).length / 100));
    }
    expect(unique.length).toBeGreaterThan(1_000);
    expect(simulator.stats().calls['offers/search']).toBe(pages);
  });

  it('reads the 4,000 € hiring aid granted to a list of companies', async () => {
    const sirens = [...new Set(records.aids.slice(0, 30).map((a) => a.siren))];
    const found = await makeClient().client.aidsOfCompanies(sirens);
    expect(found.items.map((a) => a.id).sort()).toEqual(
      records.aids
        .filter((a) => sirens.includes(a.siren))
        .map((a) => String(a.id))
        .sort(),
    );
    expect(found.items.length).toBeGreaterThanOrEqual(30);
    expect(found.items.every((a) => a.amount === VTE_HIRING_AID)).toBe(true);
  });

  it('waits out a 429 and returns the answer that follows', async () => {
    simulator.setFaults({ throttleNext: 1 });
    const siren = records.offers[0]!.siren;
    const found = await makeClient().client.offersOfCompanies([siren]);
    expect(found.items.map((o) => o.id).sort()).toEqual(
      records.offers
        .filter((o) => o.siren === siren)
        .map((o) => String(o.id))
        .sort(),
    );
    expect(simulator.stats().outcomes.throttled).toBe(1);
  });

  it("passes on the backend's own 400 for a page over 100", async () => {
    const { upstream } = makeClient();
    const error = await failure(
      upstream.request({
        method: 'POST',
        path: OFFERS_PATH,
        data: { limit: 500, skip: 0 },
        idempotent: true,
        parse: () => 0,
      }),
    );
    expect(error).toMatchObject({ code: ErrorCode.UPSTREAM_REJECTED, details: { status: 400 } });
    expect(error.message).toContain('The field limit must be between 1 and 100.');
  });

  it('turns truncated JSON and numbers sent as text into UPSTREAM_BAD_RESPONSE', async () => {
    simulator.setFaults({ garbage: 'malformed' });
    expect((await failure(makeClient().client.offersInCommunes(['51108']))).code).toBe(
      ErrorCode.UPSTREAM_BAD_RESPONSE,
    );
    simulator.setFaults({ garbage: 'wrong-types' });
    const drifted = await failure(makeClient().client.aidsInCommunes(grandEstCommunes));
    expect(drifted).toMatchObject({ code: ErrorCode.UPSTREAM_BAD_RESPONSE, details: { operator: 'vte' } });
  });
});
