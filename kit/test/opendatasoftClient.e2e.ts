// The Opendatasoft client against the simulated Opendatasoft portal: pagination within the
// portal's caps, its own error bodies, its 429, and garbage turned into coded errors.
import { Keyv } from 'keyv';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listenSimulator, type Simulator } from '../../sim/kit/simulator.js';
import type { OdsRecord } from '../../sim/protocols/odsql.js';
import { createOpendatasoftSimulator } from '../../sim/protocols/opendatasoftSimulator.js';
import { CodedError, ErrorCode } from '../src/errors.js';
import type { RunningServer } from '../src/listen.js';
import { FieldReader } from '../src/upstream/fieldReader.js';
import { ODS_MAX_WINDOW, odsqlIn, OpendatasoftClient } from '../src/upstream/opendatasoftClient.js';
import { UpstreamClient } from '../src/upstream/upstreamClient.js';

// 12,000 records: enough to cross the 10,000 window; 250 of them in commune 51108.
const records: OdsRecord[] = Array.from({ length: 12_000 }, (_, i) => ({
  identifiant: `R-${String(i).padStart(5, '0')}`,
  code_commune: i < 250 ? '51108' : `${10_000 + (i % 500)}`,
  montant: 1_000 + i,
  dateconvention: `202${i % 4}-06-15`,
}));
const fields = [
  { name: 'identifiant', type: 'text' as const },
  { name: 'code_commune', type: 'text' as const },
  { name: 'montant', type: 'double' as const },
  { name: 'dateconvention', type: 'date' as const },
];

let simulator: Simulator;
let server: RunningServer;

beforeAll(async () => {
  simulator = createOpendatasoftSimulator({
    name: 'test-portal',
    datasets: [{ id: 'financements', fields, records }],
    rateLimitPerSecond: 0,
  });
  server = await listenSimulator(simulator, 0);
});
afterAll(() => server.close());
beforeEach(() => simulator.reset());

function client(): OpendatasoftClient {
  const upstream = new UpstreamClient({
    operator: 'banque-des-territoires',
    label: 'Banque des Territoires',
    baseUrl: server.url,
    timeoutMs: 2_000,
    retries: 2,
    retryBaseMs: 1,
    cache: new Keyv(),
    ttlMs: 60_000,
  });
  return new OpendatasoftClient(upstream);
}

const parse = (raw: Record<string, unknown>, index: number) => {
  const r = new FieldReader(raw, `record ${index}`);
  return { id: r.text('identifiant'), commune: r.text('code_commune'), amount: r.amount('montant') };
};

/** Awaits a call that must fail with a coded error, and returns that error. */
async function failure(promise: Promise<unknown>): Promise<CodedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed with a coded error').toBeInstanceOf(CodedError);
  return error as CodedError;
}

describe('OpendatasoftClient against the simulated portal', () => {
  it('reads every matching record in pages of 100 and no more calls than pages', async () => {
    const result = await client().all(
      'financements',
      { where: odsqlIn('code_commune', ['51108']), orderBy: 'identifiant' },
      parse,
    );
    expect(result.totalCount).toBe(250);
    expect(result.records).toHaveLength(250);
    expect(new Set(result.records.map((r) => r.id)).size).toBe(250);
    expect(simulator.stats().calls.records).toBe(3);
  });

  it('cuts a long value list into `in` lists of 200 and merges what they find', async () => {
    // 450 codes, of which 20 have records.
    const values = Array.from({ length: 450 }, (_, i) => (i < 20 ? `${10_000 + i}` : `${90_000 + i}`));
    const result = await client().allIn(
      'financements',
      { field: 'code_commune', values },
      { where: 'montant >= 0' },
      parse,
    );
    const expected = records.filter((r) => values.includes(r.code_commune as string)).length;
    expect(result.records).toHaveLength(expected);
    expect(result.totalCount).toBe(expected);
    // Three lists; each list's matches take one or more pages of 100.
    const pages = Math.ceil(expected / 100);
    expect(simulator.stats().calls.records).toBeGreaterThanOrEqual(3);
    expect(simulator.stats().calls.records).toBeLessThanOrEqual(3 + pages);
  });

  it('refuses a result set past the 10,000 window instead of returning part of it', async () => {
    const error = await failure(client().all('financements', {}, parse));
    expect(error.code).toBe(ErrorCode.UPSTREAM_REJECTED);
    expect(error.message).toContain('12000');
    // Only the first page was asked for.
    expect(simulator.stats().calls.records).toBe(1);
  });

  it('never sends a page the portal would refuse', async () => {
    await expect(client().page('financements', { limit: 101, offset: 0 }, parse)).rejects.toThrow(RangeError);
    await expect(
      client().page('financements', { limit: 100, offset: ODS_MAX_WINDOW - 99 }, parse),
    ).rejects.toThrow(RangeError);
    expect(simulator.stats().total).toBe(0);
  });

  it("reports the portal's own refusal of a page over the caps, with its message", async () => {
    const upstream = new UpstreamClient({
      operator: 'banque-des-territoires',
      label: 'Banque des Territoires',
      baseUrl: server.url,
      timeoutMs: 2_000,
      retries: 0,
      cache: new Keyv(),
      ttlMs: 0,
    });
    for (const params of [{ limit: 101 }, { limit: 100, offset: 9_901 }]) {
      const error = await failure(
        upstream.request({
          method: 'GET',
          path: '/api/explore/v2.1/catalog/datasets/financements/records',
          params,
          parse: (b) => b,
        }),
      );
      expect(error.code).toBe(ErrorCode.UPSTREAM_REJECTED);
      expect(error.message).toMatch(/Invalid value for (limit|offset) API parameter/);
      expect(error.details).toMatchObject({
        operator: 'banque-des-territoires',
        status: 400,
      });
    }
  });

  it('reports a malformed where clause with the ODSQL error of the portal', async () => {
    const error = await failure(client().all('financements', { where: 'code_commune in ("51108"' }, parse));
    expect(error.code).toBe(ErrorCode.UPSTREAM_REJECTED);
    expect(error.message).toContain('ODSQL query is malformed');
  });

  it('waits out a 429 and then succeeds', async () => {
    simulator.setFaults({ throttleNext: 1 });
    const result = await client().page(
      'financements',
      { where: 'code_commune = "51108"', limit: 10, offset: 0 },
      parse,
    );
    expect(result.records).toHaveLength(10);
    expect(simulator.stats().outcomes).toMatchObject({ throttled: 1, ok: 1 });
  });

  it('turns numbers sent as text into UPSTREAM_BAD_RESPONSE, never into a wrong amount', async () => {
    simulator.setFaults({ garbage: 'wrong-types' });
    const error = await failure(client().page('financements', { limit: 10, offset: 0 }, parse));
    expect(error.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
  });

  it('turns a truncated JSON body into UPSTREAM_BAD_RESPONSE', async () => {
    simulator.setFaults({ garbage: 'malformed' });
    const error = await failure(client().page('financements', { limit: 10, offset: 0 }, parse));
    expect(error.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
  });

  it('names the operator when the portal is down', async () => {
    simulator.setFaults({ down: true });
    const error = await failure(client().page('financements', { limit: 10, offset: 0 }, parse));
    expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(error.message).toContain('Banque des Territoires');
    expect(error.details).toMatchObject({ operator: 'banque-des-territoires' });
  });
});
