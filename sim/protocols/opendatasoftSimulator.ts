// One simulated Opendatasoft portal (Explore API v2.1) serving any set of datasets, on `records`
// (pages) and `exports/json|csv` (whole datasets, what the mirror syncs). The Caisse des Dépôts and
// economy-ministry simulators are thin entries that hand it their datasets.
import type { SimFaults } from '../kit/faults.js';
import { createSimulator, type SimResponse, type Simulator } from '../kit/simulator.js';
import { answerRecords, RECORDS_PATH, type OdsDataset } from './exploreApi.js';
import { answerExport, EXPORTS_PATH } from './exportsApi.js';

/** Options of {@link createOpendatasoftSimulator}. */
export interface OpendatasoftSimulatorOptions {
  name: string;
  datasets: readonly OdsDataset[];
  /** Calls per second before the portal answers 429. */
  rateLimitPerSecond: number;
  faults?: SimFaults;
}

/** Builds the simulated portal; serve it with `listenSimulator`. */
export function createOpendatasoftSimulator(options: OpendatasoftSimulatorOptions): Simulator {
  const datasets = new Map(options.datasets.map((d) => [d.id, d]));
  return createSimulator({
    name: options.name,
    rateLimitPerSecond: options.rateLimitPerSecond,
    faults: options.faults,
    routes: [
      {
        name: 'records',
        method: 'GET',
        path: RECORDS_PATH,
        handle: (request) => {
          const answer = answerRecords(datasets, decodeURIComponent(request.params[0] ?? ''), request.query);
          return { status: answer.status, json: answer.body };
        },
      },
      {
        name: 'exports',
        method: 'GET',
        path: EXPORTS_PATH,
        handle: (request) => {
          const ifNoneMatch = request.headers['if-none-match'];
          return answerExport(
            datasets,
            decodeURIComponent(request.params[0] ?? ''),
            request.params[1] ?? '',
            request.query,
            Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch,
          );
        },
      },
    ],
    rateLimited: (retryAfterSeconds) => rateLimited(options.rateLimitPerSecond, retryAfterSeconds),
    notFound: (request) => ({
      status: 404,
      json: { error_code: 'NotFound', message: `Unknown API endpoint: ${request.method} ${request.path}` },
    }),
  });
}

// The portal's quota answer: its JSON body and the X-RateLimit-* headers. The real portals meter
// calls per day; the simulator meters per second so tests see a 429 without a day's wait, and adds
// Retry-After so generic HTTP clients know when to come back.
function rateLimited(limit: number, retryAfterSeconds: number): SimResponse {
  const reset = new Date(Math.ceil(Date.now() / 1000) * 1000 + retryAfterSeconds * 1000);
  return {
    status: 429,
    headers: {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(reset.getTime() / 1000)),
      'retry-after': String(retryAfterSeconds),
    },
    json: {
      errorcode: 10002,
      reset_time: reset.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      limit_time_unit: 'second',
      call_limit: limit,
      error: 'Too many requests on the domain. Please contact the domain administrator.',
    },
  };
}
