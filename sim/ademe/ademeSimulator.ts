// ADEME's data-fair portal as the simulator serves it: the metadata and the `lines` of "Les
// aides financières de l'ADEME" (its real id, apostrophe included, matched whether the client
// sends `'` or `%27`), errors in text/plain, and a plain-text 429 with Retry-After past 20
// requests per second.
import type { SimFaults } from '../kit/faults.js';
import { createSimulator, type Simulator } from '../kit/simulator.js';
import { loadWorld, type World } from '../world.js';
import { DATASET_PATH, LINES_PATH, answerDataset, answerLines, textError } from '../protocols/dataFair.js';
import { buildAdemeRecords } from './records.js';

/** Options of {@link createAdemeSimulator}. */
export interface AdemeSimulatorOptions {
  faults?: SimFaults;
  world?: World;
}

/** Builds the ADEME data-fair simulator. */
export function createAdemeSimulator(options: AdemeSimulatorOptions = {}): Simulator {
  const datasets = buildAdemeRecords(options.world ?? loadWorld());
  return createSimulator({
    name: 'ademe',
    rateLimitPerSecond: 20,
    faults: options.faults,
    rateLimited: (retryAfter) => ({
      ...textError(429, 'Trop de requêtes, veuillez réessayer plus tard.'),
      headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(retryAfter) },
    }),
    notFound: (request) => textError(404, `Ressource non trouvée : ${request.path}`),
    routes: [
      {
        name: 'dataset',
        method: 'GET',
        path: DATASET_PATH,
        handle: (request) => answerDataset(datasets, request.params[0]!),
      },
      {
        name: 'lines',
        method: 'GET',
        path: LINES_PATH,
        handle: (request) => {
          // `next` links must point back at the host the caller used.
          const self = new URL(
            `${request.path}?${request.query.toString()}`,
            `http://${request.headers.host ?? 'localhost'}`,
          );
          return answerLines(datasets, request.params[0]!, self);
        },
      },
    ],
  });
}
