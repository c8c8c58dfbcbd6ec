// The simulated economy ministry Opendatasoft portal (no port): the real France Relance dataset
// `plan-de-relance` on `records` and `exports/csv|json`, and the illustrative France 2030
// laureates (no real dataset exists), with the portal's rate limit, 429 body and fault controls.
import { createSimulator, type SimResponse, type Simulator } from '../kit/simulator.js';
import { answerRecords, RECORDS_PATH } from '../protocols/exploreApi.js';
import { loadWorld } from '../world.js';
import type { BpifranceSimulatorConfig } from './config.js';
import { answerExport, EXPORTS_PATH } from './exports.js';
import { buildPlanDeRelance } from './planDeRelance.js';
import { buildFrance2030Records } from './records.js';

/** Requests per second the simulated portal serves before answering 429. */
export const BPIFRANCE_RATE_LIMIT = 20;

/** Builds the simulator (no port). */
export function createBpifranceSimulator(config: BpifranceSimulatorConfig): Simulator {
  const world = loadWorld({ programmeFile: config.programmeFile, geoDir: config.geoDir });
  const datasets = new Map(
    [buildPlanDeRelance(world, config.geoDir), buildFrance2030Records(world)].map((d) => [d.id, d]),
  );
  return createSimulator({
    name: 'economie',
    rateLimitPerSecond: BPIFRANCE_RATE_LIMIT,
    faults: config.faults,
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
          const [id, format] = request.params;
          const answer = answerExport(datasets, decodeURIComponent(id ?? ''), format ?? '', request.query);
          if (answer.csv !== undefined)
            return { status: 200, text: answer.csv, headers: { 'content-type': 'text/csv; charset=utf-8' } };
          return { status: answer.status, json: answer.body };
        },
      },
    ],
    rateLimited,
    notFound: (request) => ({
      status: 404,
      json: { error_code: 'NotFound', message: `Unknown API endpoint: ${request.method} ${request.path}` },
    }),
  });
}

// The portal's quota answer (the same as sim/protocols/opendatasoftSimulator.ts gives).
function rateLimited(retryAfterSeconds: number): SimResponse {
  const reset = new Date(Math.ceil(Date.now() / 1000) * 1000 + retryAfterSeconds * 1000);
  return {
    status: 429,
    headers: {
      'x-ratelimit-limit': String(BPIFRANCE_RATE_LIMIT),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(reset.getTime() / 1000)),
      'retry-after': String(retryAfterSeconds),
    },
    json: {
      errorcode: 10002,
      reset_time: reset.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      limit_time_unit: 'second',
      call_limit: BPIFRANCE_RATE_LIMIT,
      error: 'Too many requests on the domain. Please contact the domain administrator.',
    },
  };
}
