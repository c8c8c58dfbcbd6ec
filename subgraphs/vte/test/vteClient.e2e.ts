// The VTE client against its simulator: the recorded VIE offer field names (contract), lists of
// communes and SIRENs, pages of 100, the two aid schemes, provenance, 429 then success, the
// backend's own 400 for a page too large, and garbage.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Keyv } from 'keyv';
import { CodedError, ErrorCode } from '../../../kit/src/errors.js';
import type { RunningServer } from '../../../kit/src/listen.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import { VieSearchClient } from '../../../kit/src/upstream/vieSearchClient.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { buildVteRecords, VTE_HIRING_AID, vteVertAid } from '../../../sim/vte/records.js';
import { createVteSimulator, OFFERS_PATH } from '../../../sim/vte/vteSimulator.js';
import { loadWorld } from '../../../sim/world.js';
import { VteClient } from '../src/vteClient.js';

// Offer field names a public client of the real VIE backend reads (the response body is not recorded).
const recorded = JSON.parse(
  readFileSync(
    new URL(
      '../../../kit/test/fixtures/real/businessfrance_vie_offers_search_request_and_fields.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as { response_keys_read_by_client: { search: string[]; details: string[] } };
const RECORDED_OFFER_FIELDS = recorded.response_keys_read_by_client.details.map((f) => f.split(' ')[0]!);
/** What this modelled backend adds, said in sim/vte/README.md; nothing else may appear. */
const UNVERIFIED = ['reference', 'missionType'];
const MODELLED = ['siret', 'cityInseeCode', 'isFilled'];
const sirenOf = (item: { siret: string }) => item.siret.slice(0, 9);

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
  return {
    client: new VteClient(new VieSearchClient(upstream, { maxLimit: 100 }), server.url),
    upstream,
  };
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

describe('VTE offers on the recorded VIE offer fields (contract)', () => {
  it('serves every recorded offer field name, and only the unverified and modelled ones besides', async () => {
    expect(RECORDED_OFFER_FIELDS).toContain('indemnite');
    const answer = await fetch(`${server.url}${OFFERS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 3, skip: 0 }),
    });
    const body = (await answer.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      recorded.response_keys_read_by_client.search.map((k) => k.split(' ')[0]).sort(),
    );
    const items = body.result as Record<string, unknown>[];
    expect(items).toHaveLength(3);
    for (const item of items)
      expect(Object.keys(item).sort()).toEqual([...RECORDED_OFFER_FIELDS, ...UNVERIFIED, ...MODELLED].sort());
  });

  it('maps every recorded field the schema shows, and marks each offer illustrative with its source', async () => {
    const raw = records.offers.find((o) => o.isFilled && o.missionType === 'VTE Vert')!;
    const offer = await makeClient().client.offer(raw.id);
    expect(offer).toMatchObject({
      id: String(raw.id),
      title: raw.missionTitle,
      description: raw.missionDescription,
      profile: raw.missionProfile,
      companyName: raw.organizationName,
      cityName: raw.cityName,
      durationMonths: raw.missionDuration,
      startDate: raw.missionStartDate.slice(0, 10),
      endDate: raw.missionEndDate.slice(0, 10),
      publishedOn: raw.creationDate.slice(0, 10),
      monthlyPay: raw.indemnite,
      teleworking: raw.teleworkingAvailable,
      green: true,
      filled: true,
      siren: sirenOf(raw),
      communeCode: raw.cityInseeCode,
    });
    expect(offer!.source).toMatchObject({ illustrative: true, url: 'https://www.vte-france.fr/' });
    expect(Date.parse(offer!.source.retrievedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await makeClient().client.offer(1)).toBeNull();
  });
});

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

  it('reads the aid granted to a list of companies: 4,000 € under the TI scheme, VTE Vert amounts apart', async () => {
    const sirens = [...new Set(records.aids.slice(0, 60).map(sirenOf))];
    const found = await makeClient().client.aidsOfCompanies(sirens);
    expect(found.items.map((a) => a.id).sort()).toEqual(
      records.aids
        .filter((a) => sirens.includes(sirenOf(a)))
        .map((a) => String(a.id))
        .sort(),
    );
    expect(found.items.length).toBeGreaterThanOrEqual(60);
    const ti = found.items.filter((a) => a.scheme === 'VTE_TERRITOIRES_INDUSTRIE');
    const green = found.items.filter((a) => a.scheme === 'VTE_VERT');
    expect(ti.length).toBeGreaterThan(0);
    expect(green.length).toBeGreaterThan(0);
    expect(new Set(ti.map((a) => a.amount))).toEqual(new Set([VTE_HIRING_AID]));
    for (const aid of green) expect(aid.amount).toBe(vteVertAid(aid.hiredOn, aid.contract));
    expect(new Set(green.map((a) => a.amount)).has(VTE_HIRING_AID)).toBe(false);
    // One VTE Vert aid per establishment at most.
    expect(new Set(green.map((a) => a.siret)).size).toBe(green.length);
  });

  it('waits out a 429 and returns the answer that follows', async () => {
    simulator.setFaults({ throttleNext: 1 });
    const siren = sirenOf(records.offers[0]!);
    const found = await makeClient().client.offersOfCompanies([siren]);
    expect(found.items.map((o) => o.id).sort()).toEqual(
      records.offers
        .filter((o) => sirenOf(o) === siren)
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
