// The VIE-like search client against the shared search route of the simulators: the recorded
// request body (contract), pagination in pages of the largest size, the details route, the
// backend's own refusal of a page over its cap, its 429, garbage.
import { readFileSync } from 'node:fs';
import { Keyv } from 'keyv';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, listenSimulator, type Simulator } from '../../sim/kit/simulator.js';
import { vieRateLimited, vieSearchRoutes } from '../../sim/protocols/vieSearch.js';
import { CodedError, ErrorCode } from '../src/errors.js';
import type { RunningServer } from '../src/listen.js';
import { FieldReader } from '../src/upstream/fieldReader.js';
import { UpstreamClient } from '../src/upstream/upstreamClient.js';
import { VIE_SEARCH_FILTERS, VieSearchClient, vieSearchBody } from '../src/upstream/vieSearchClient.js';

// The real request body and field names, as recorded from a public client (see the fixture's README).
const recorded = JSON.parse(
  readFileSync(
    new URL('./fixtures/real/businessfrance_vie_offers_search_request_and_fields.json', import.meta.url),
    'utf8',
  ),
) as {
  request_body_verbatim_from_vie_py: Record<string, unknown>;
  search_endpoint: string;
  details_endpoint: string;
};
const recordedBody = recorded.request_body_verbatim_from_vie_py;

interface Item {
  id: number;
  missionTitle: string;
  cityInseeCode: string;
  siren: number;
  amount: number;
}
const items: Item[] = Array.from({ length: 640 }, (_, i) => ({
  id: i + 1,
  missionTitle: i % 2 === 0 ? 'Extension de capacités' : 'Centre de R&D',
  cityInseeCode: i < 230 ? '51108' : `${10_000 + (i % 300)}`,
  siren: i % 2 === 0 ? 552_100_554 : 775_670_417,
  amount: 1_000 * (i + 1),
}));
const PATH = '/api/Offers/search';

let simulator: Simulator;
let server: RunningServer;

beforeAll(async () => {
  simulator = createSimulator({
    name: 'test-search',
    rateLimitPerSecond: 0,
    rateLimited: vieRateLimited,
    routes: [
      ...vieSearchRoutes<Item>('offers', '/api/Offers', {
        records: items,
        maxLimit: 100,
        idOf: (i) => i.id,
        filters: { geographicZones: (i) => i.cityInseeCode, entreprisesIds: (i) => i.siren },
      }),
    ],
  });
  server = await listenSimulator(simulator, 0);
});
afterAll(() => server.close());
beforeEach(() => simulator.reset());

function upstream(retries = 2): UpstreamClient {
  return new UpstreamClient({
    operator: 'business-france',
    label: 'Business France',
    baseUrl: server.url,
    timeoutMs: 2_000,
    retries,
    retryBaseMs: 1,
    cache: new Keyv(),
    ttlMs: 60_000,
  });
}
/** Awaits a call that must fail with a coded error, and returns that error. */
async function failure(promise: Promise<unknown>): Promise<CodedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed with a coded error').toBeInstanceOf(CodedError);
  return error as CodedError;
}

const client = () => new VieSearchClient(upstream(), { maxLimit: 100 });
const parse = (raw: Record<string, unknown>, index: number) => {
  const r = new FieldReader(raw, `item ${index}`);
  return { id: r.integer('id'), commune: r.text('cityInseeCode'), amount: r.amount('amount') };
};

/** The JSON type of a recorded value, lists by their elements' type: `string[]`, `number[]`, `[]`. */
function shape(value: unknown): string {
  if (Array.isArray(value))
    return value.length === 0 ? '[]' : `${[...new Set(value.map((v) => typeof v))].join('|')}[]`;
  return typeof value;
}

describe('the recorded VIE search request (contract)', () => {
  it('is posted to /api/Offers/search, the path the simulators serve', () => {
    expect(new URL(recorded.search_endpoint.replace(/^POST /, '')).pathname).toBe(PATH);
    expect(new URL(recorded.details_endpoint.replace(/^GET /, '').replace('{id}', '1')).pathname).toBe(
      '/api/Offers/details/1',
    );
  });

  it('builds a body with exactly the recorded keys, in the recorded order', () => {
    const body = vieSearchBody({}, { limit: 100, skip: 0 });
    expect(Object.keys(body)).toEqual(Object.keys(recordedBody));
    expect(['limit', 'skip', ...VIE_SEARCH_FILTERS]).toEqual(Object.keys(recordedBody));
  });

  it('sends the recorded value types: strings in the lists, numbers in entreprisesIds, [0] for any company', () => {
    const body = vieSearchBody(
      { studiesLevelId: ['4'], teletravail: ['0'], porteEnv: ['0'] },
      { limit: 5000, skip: 0 },
    );
    // The recorded `limit` is a Python expression evaluated to a number at run time.
    expect({ ...body, limit: 'limit' }).toEqual({ ...recordedBody, limit: 'limit' });
    for (const key of Object.keys(recordedBody).filter((k) => k !== 'limit')) {
      const ours = shape(body[key as keyof typeof body]);
      const theirs = shape(recordedBody[key]);
      if (theirs !== '[]') expect(ours, key).toBe(theirs);
    }
    expect(vieSearchBody({ entreprisesIds: ['552100554'] }, { limit: 1, skip: 0 }).entreprisesIds).toEqual([
      552_100_554,
    ]);
    expect(() => vieSearchBody({ entreprisesIds: ['55210055A'] }, { limit: 1, skip: 0 })).toThrow(RangeError);
  });

  it('is accepted by the simulated backend as recorded, and refused when a list holds the wrong type', async () => {
    const post = (body: unknown) =>
      fetch(`${server.url}${PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const asRecorded = await post({ ...recordedBody, limit: 10 });
    expect(asRecorded.status).toBe(200);
    expect(await asRecorded.json()).toMatchObject({ count: 640 });
    const wrong = await post({ ...recordedBody, limit: 10, entreprisesIds: ['552100554'] });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: Record<string, string[]> }).errors).toHaveProperty(
      '$.entreprisesIds',
    );
  });
});

describe('VieSearchClient against the shared search route', () => {
  it('reads every matching item in pages of 100 and makes one call per page', async () => {
    const result = await client().all(PATH, { geographicZones: ['51108'] }, parse);
    expect(result.count).toBe(230);
    expect(new Set(result.items.map((i) => i.id)).size).toBe(230);
    expect(result.items.map((i) => i.commune)).toEqual(Array(230).fill('51108'));
    expect(simulator.stats().calls['offers/search']).toBe(3);
    expect(Date.parse(result.retrievedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('combines list filters: a zone and a company', async () => {
    const result = await client().all(
      PATH,
      { geographicZones: ['51108'], entreprisesIds: ['775670417'] },
      parse,
    );
    expect(result.count).toBe(115);
    expect(result.items.map((i) => i.id % 2)).toEqual(Array(115).fill(0));
  });

  it('reads one item by id from the details route, and null for an unknown id', async () => {
    const found = await client().details('/api/Offers/details', 42, parse);
    expect(found.item).toEqual({ id: 42, commune: '51108', amount: 42_000 });
    expect((await client().details('/api/Offers/details', 99_999, parse)).item).toBeNull();
  });

  it('keeps the time a cached page was read as its retrievedAt', async () => {
    const shared = client();
    const first = await shared.page(PATH, {}, { limit: 5, skip: 0 }, parse);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await shared.page(PATH, {}, { limit: 5, skip: 0 }, parse);
    expect(again.retrievedAt).toBe(first.retrievedAt);
    expect(simulator.stats().calls['offers/search']).toBe(1);
  });

  it("reports the backend's own refusal of a page over its cap", async () => {
    const error = await failure(
      upstream(0).request({
        method: 'POST',
        path: PATH,
        data: { limit: 500, skip: 0 },
        idempotent: true,
        parse: (b) => b,
      }),
    );
    expect(error.code).toBe(ErrorCode.UPSTREAM_REJECTED);
    expect(error.message).toContain('The field limit must be between 1 and 100.');
    await expect(client().page(PATH, {}, { limit: 101, skip: 0 }, parse)).rejects.toThrow(RangeError);
  });

  it('waits out a 429 (Retry-After) and then succeeds', async () => {
    simulator.setFaults({ throttleNext: 1 });
    const result = await client().page(PATH, {}, { limit: 5, skip: 0 }, parse);
    expect(result.items).toHaveLength(5);
    expect(simulator.stats().outcomes).toMatchObject({ throttled: 1, ok: 1 });
  });

  it('turns amounts sent as text into UPSTREAM_BAD_RESPONSE', async () => {
    simulator.setFaults({ garbage: 'wrong-types' });
    const error = await failure(client().page(PATH, {}, { limit: 5, skip: 0 }, parse));
    expect(error.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    expect(error.details).toMatchObject({ operator: 'business-france' });
  });
});
