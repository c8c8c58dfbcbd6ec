// The ADEME client against its data-fair simulator: `after` paging, `_in` lists in batches,
// 429 then success, the portal's own text/plain refusals, and garbage.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Keyv } from 'keyv';
import { CodedError, ErrorCode } from '../../../kit/src/errors.js';
import type { RunningServer } from '../../../kit/src/listen.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import { createAdemeSimulator } from '../../../sim/ademe/ademeSimulator.js';
import { AIDS_DATASET, buildAdemeRecords, GRAND_EST_2024_ENVELOPE } from '../../../sim/ademe/records.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { loadWorld } from '../../../sim/world.js';
import { AdemeClient } from '../src/ademeClient.js';

const world = loadWorld();
const aidLines = buildAdemeRecords(world).get(AIDS_DATASET)!.lines;
let simulator: Simulator;
let server: RunningServer;
const upstreams: UpstreamClient[] = [];

beforeAll(async () => {
  simulator = createAdemeSimulator({ world });
  server = await listenSimulator(simulator, 0);
});
afterAll(async () => {
  for (const u of upstreams) u.close();
  await server.close();
});
beforeEach(() => simulator.reset());

function makeClient(options: { pageSize?: number; valuesPerCall?: number } = {}) {
  const upstream = new UpstreamClient({
    operator: 'ademe',
    label: 'ADEME',
    baseUrl: server.url,
    timeoutMs: 2_000,
    retries: 2,
    retryBaseMs: 1,
    cache: new Keyv(),
    ttlMs: 60_000,
  });
  upstreams.push(upstream);
  const client = new AdemeClient({
    upstream,
    datasets: {
      aids: AIDS_DATASET,
      envelopes: 'fonds-vert-tite-enveloppes',
      projects: 'fonds-vert-tite-projets',
    },
    aidColumns: { siren: 'sirenBeneficiaire', commune: 'codeCommuneBeneficiaire' },
    pageSize: options.pageSize ?? 1_000,
    valuesPerCall: options.valuesPerCall ?? 100,
  });
  return { client, upstream };
}

const lineCalls = () => simulator.stats().calls.lines ?? 0;

async function failure(promise: Promise<unknown>): Promise<CodedError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CodedError);
    return error as CodedError;
  }
  throw new Error('expected a failure');
}

describe('AdemeClient', () => {
  it('follows `next` page after page until the last line', async () => {
    const communes = world.territoryById.get('ti-4418')!.communeCodes;
    const inside = new Set(communes);
    const expected = aidLines.filter((l) => inside.has(String(l.codeCommuneBeneficiaire)));
    expect(expected.length).toBeGreaterThan(10);
    const found = await makeClient({ pageSize: 5, valuesPerCall: 500 }).client.aidsInCommunes(communes);
    expect(found.records.map((a) => a.reference).sort()).toEqual(
      expected.map((l) => String(l.referenceDecision)).sort(),
    );
    expect(lineCalls()).toBe(Math.ceil(expected.length / 5));
  });

  it('splits long `_in` lists into batches and merges what they return', async () => {
    const communes = world.territoryById.get('ti-4418')!.communeCodes;
    const inside = new Set(communes);
    const expected = aidLines.filter((l) => inside.has(String(l.codeCommuneBeneficiaire)));
    // More communes than one batch holds, and aid to find: a lost batch would show.
    expect(communes.length).toBeGreaterThan(100);
    expect(expected.length).toBeGreaterThan(0);
    const found = await makeClient({ valuesPerCall: 100 }).client.aidsInCommunes(communes);
    expect(lineCalls()).toBe(Math.ceil(communes.length / 100));
    expect(found.records.map((a) => a.reference).sort()).toEqual(
      expected.map((l) => String(l.referenceDecision)).sort(),
    );
  });

  it('finds the aid of several companies in one call, by SIREN', async () => {
    const sirens = world.companies.slice(0, 40).map((c) => c.siren);
    const found = await makeClient().client.aidsOfCompanies(sirens);
    const expected = aidLines.filter((l) => sirens.includes(String(l.sirenBeneficiaire)));
    expect(expected.length).toBeGreaterThan(0);
    expect(found.records.map((a) => a.reference).sort()).toEqual(
      expected.map((l) => String(l.referenceDecision)).sort(),
    );
    expect(lineCalls()).toBe(1);
  });

  it("reads Grand Est's 2024 Fonds Vert envelope of 7.9 M€ and projects that stay within it", async () => {
    const found = await makeClient().client.fondsVertOfRegions(['44']);
    const { envelopes, projects } = found.records[0]!;
    expect(envelopes.find((e) => e.year === 2024)?.amount).toBe(GRAND_EST_2024_ENVELOPE);
    const committed = projects.filter((p) => p.year === 2024).reduce((sum, p) => sum + p.grant, 0);
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThanOrEqual(GRAND_EST_2024_ENVELOPE);
  });

  it('waits out a 429 and returns the answer that follows', async () => {
    // A company with aid, so an empty answer after the 429 cannot pass for the real one.
    const siren = String(aidLines.find((l) => l.sirenBeneficiaire)!.sirenBeneficiaire);
    const expected = aidLines.filter((l) => String(l.sirenBeneficiaire) === siren);
    simulator.setFaults({ throttleNext: 1 });
    const found = await makeClient().client.aidsOfCompanies([siren]);
    expect(found.records.map((a) => a.reference).sort()).toEqual(
      expected.map((l) => String(l.referenceDecision)).sort(),
    );
    expect(simulator.stats().outcomes.throttled).toBe(1);
  });

  it("passes on the portal's own plain-text refusals: page too large, unknown column", async () => {
    const { upstream } = makeClient();
    const lines = (params: Record<string, string | number>) =>
      upstream.request({
        method: 'GET',
        path: `/data-fair/api/v1/datasets/${AIDS_DATASET}/lines`,
        params,
        parse: () => 0,
      });
    const big = await failure(lines({ size: 10_001 }));
    expect(big).toMatchObject({ code: ErrorCode.UPSTREAM_REJECTED, details: { status: 400 } });
    expect(big.message).toContain('"size" doit être inférieur ou égal à 10000');
    expect((await failure(lines({ montantTotal_gte: 5 }))).message).toContain(
      'colonne inconnue : montantTotal',
    );
  });

  it('turns truncated JSON and amounts sent as text into UPSTREAM_BAD_RESPONSE', async () => {
    simulator.setFaults({ garbage: 'malformed' });
    expect((await failure(makeClient().client.aidsOfCompanies([world.companies[0]!.siren]))).code).toBe(
      ErrorCode.UPSTREAM_BAD_RESPONSE,
    );
    simulator.setFaults({ garbage: 'wrong-types' });
    const drifted = await failure(makeClient().client.fondsVertOfRegions(['44']));
    expect(drifted).toMatchObject({ code: ErrorCode.UPSTREAM_BAD_RESPONSE, details: { operator: 'ademe' } });
  });
});
