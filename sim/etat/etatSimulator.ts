// The national open-data portal's static file host (static.data.gouv.fr) as the simulator serves
// it: the Fonds Vert 2023 export at its real resource path, as CSV bytes shaped like the real
// file, with an ETag and Last-Modified so a conditional GET gets 304 when nothing changed.
// static.data.gouv.fr documents no rate limit; the simulator has none (faults still apply).
import { createHash } from 'node:crypto';
import type { SimFaults } from '../kit/faults.js';
import { createSimulator, type SimRequest, type SimResponse, type Simulator } from '../kit/simulator.js';
import { loadWorld, type World } from '../world.js';
import { buildFondsVertRows, fondsVertCsv } from './fondsVertRows.js';

/** The real resource path of the 2023 export (dataset `fonds-vert-liste-des-projets-subventionnes`). */
export const FONDS_VERT_2023_PATH =
  '/resources/fonds-vert-liste-des-projets-subventionnes-en-2023/20240731-110636/fonds-vert-2023-export.csv';

// The resource's upload instant, read from its path (20240731-110636).
const LAST_MODIFIED = new Date(Date.UTC(2024, 6, 31, 11, 6, 36)).toUTCString();

/** Options of {@link createEtatSimulator}. */
export interface EtatSimulatorOptions {
  faults?: SimFaults;
  world?: World;
}

/** Builds the simulated static file host (no port). */
export function createEtatSimulator(options: EtatSimulatorOptions = {}): Simulator {
  const csv = fondsVertCsv(buildFondsVertRows(options.world ?? loadWorld()));
  const etag = `"${createHash('sha1').update(csv).digest('hex').slice(0, 16)}"`;
  return createSimulator({
    name: 'etat',
    rateLimitPerSecond: 0,
    faults: options.faults,
    rateLimited: (retryAfter) => ({
      status: 429,
      text: 'Too Many Requests',
      headers: { 'content-type': 'text/plain', 'retry-after': String(retryAfter) },
    }),
    notFound: () => ({ status: 404, text: 'Not Found', headers: { 'content-type': 'text/plain' } }),
    routes: [
      {
        name: 'fonds-vert-2023',
        method: 'GET',
        path: new RegExp(`^${FONDS_VERT_2023_PATH.replace(/[.]/g, '\\.')}$`),
        handle: (request) => answerFile(request, csv, etag),
      },
    ],
  });
}

function answerFile(request: SimRequest, csv: string, etag: string): SimResponse {
  const validators = { etag, 'last-modified': LAST_MODIFIED };
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  const unchanged =
    ifNoneMatch !== undefined
      ? ifNoneMatch.split(',').some((tag) => tag.trim() === etag)
      : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(LAST_MODIFIED);
  if (unchanged) return { status: 304, headers: validators };
  return { status: 200, text: csv, headers: { 'content-type': 'text/csv', ...validators } };
}
