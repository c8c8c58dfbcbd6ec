// The VIE-like search client against the shared search route of the simulators: pagination in
// pages of the largest size, the backend's own refusal of a page over its cap, its 429, garbage.
import { Keyv } from 'keyv';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, listenSimulator, type Simulator } from '../../sim/kit/simulator.js';
import { vieRateLimited, vieSearchRoute } from '../../sim/protocols/vieSearch.js';
import { CodedError, ErrorCode } from '../src/errors.js';
import type { RunningServer } from '../src/listen.js';
import { FieldReader } from '../src/upstream/fieldReader.js';
import { UpstreamClient } from '../src/upstream/upstreamClient.js';
import { VieSearchClient } from '../src/upstream/vieSearchClient.js';

interface Item {
  id: number;
  title: string;
  cityInseeCode: string;
  amount: number;
}
const items: Item[] = Array.from({ length: 640 }, (_, i) => ({
  id: i + 1,
  title: i % 2 === 0 ? 'Extension de capacités' : 'Centre de R&D',
  cityInseeCode: i < 230 ? '51108' : `${10_000 + (i % 300)}`,
  amount: 1_000 * (i + 1),
}));
const PATH = '/api/Projects/search';

let simulator: Simulator;
let server: RunningServer;

beforeAll(async () => {
  simulator = createSimulator({
    name: 'test-search',
    rateLimitPerSecond: 0,
    rateLimited: vieRateLimited,
    routes: [
      vieSearchRoute<Item>('projects/search', PATH, {
        records: items,
        maxLimit: 100,
        text: (i) => i.title,
        filters: { communesIds: (i) => i.cityInseeCode },
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

describe('VieSearchClient against the shared search route', () => {
  it('reads every matching item in pages of 100 and makes one call per page', async () => {
    const result = await client().all(PATH, { communesIds: ['51108'] }, parse);
    expect(result.count).toBe(230);
    expect(new Set(result.items.map((i) => i.id)).size).toBe(230);
    expect(result.items.every((i) => i.commune === '51108')).toBe(true);
    expect(simulator.stats().calls['projects/search']).toBe(3);
  });

  it('searches free text and combines it with list filters', async () => {
    const result = await client().all(PATH, { query: 'centre de r&d', communesIds: ['51108'] }, parse);
    expect(result.count).toBe(115);
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
