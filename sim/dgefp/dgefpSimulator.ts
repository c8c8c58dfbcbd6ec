// The simulated Dgefp API: `GET /api/records?communes=a,b&limit=&offset=` → `{total, results}`,
// pages of at most 100, its own 400 for a bad parameter and 429 past 10 calls a second.
import type { SimFaults } from '../kit/faults.js';
import { createSimulator, type SimRequest, type SimResponse, type Simulator } from '../kit/simulator.js';
import { loadWorld, type World } from '../world.js';
import { buildDgefpRecords, type DgefpApiRecord } from './records.js';

/** Requests per second served before answering 429. */
export const RATE_LIMIT = 10;
/** Largest page served. */
export const MAX_LIMIT = 100;

/** Builds the Dgefp simulator (no port). */
export function createDgefpSimulator(options: { faults?: SimFaults; world?: World } = {}): Simulator {
  const records = buildDgefpRecords(options.world ?? loadWorld());
  return createSimulator({
    name: 'dgefp',
    rateLimitPerSecond: RATE_LIMIT,
    faults: options.faults,
    rateLimited: (retryAfter) => ({
      status: 429,
      headers: { 'retry-after': String(retryAfter) },
      json: { message: 'Too many requests' },
    }),
    routes: [
      {
        name: 'records',
        method: 'GET',
        path: /^\/api\/records\/?$/,
        handle: (request) => answerRecords(records, request),
      },
    ],
  });
}

function answerRecords(records: DgefpApiRecord[], request: SimRequest): SimResponse {
  const limit = Number(request.query.get('limit') ?? 20);
  const offset = Number(request.query.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT || !Number.isInteger(offset) || offset < 0) {
    return { status: 400, json: { message: `limit must be 0 to ${MAX_LIMIT} and offset ≥ 0` } };
  }
  const communes = new Set((request.query.get('communes') ?? '').split(',').filter(Boolean));
  const matching = communes.size === 0 ? records : records.filter((r) => communes.has(r.commune));
  return { status: 200, json: { total: matching.length, results: matching.slice(offset, offset + limit) } };
}
