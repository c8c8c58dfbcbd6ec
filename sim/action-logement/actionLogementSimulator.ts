// The simulated Action Logement API (a documented shape of our own, see README.md):
// `GET /api/v1/aides?communes=|sirens=&limit=&offset=` and `GET /api/v1/conventions?epcis=&limit=&offset=`
// → `{total, results}`, pages of at most 100, its own 400 and 429 past 10 calls a second.
import type { SimFaults } from '../kit/faults.js';
import { createSimulator, type SimRequest, type SimResponse, type Simulator } from '../kit/simulator.js';
import { loadWorld, type World } from '../world.js';
import { buildActionLogementAgreements, buildActionLogementAids } from './records.js';

/** Requests per second served before answering 429. */
export const RATE_LIMIT = 10;
/** Largest page served. */
export const MAX_LIMIT = 100;

/** Builds the Action Logement simulator (no port). */
export function createActionLogementSimulator(
  options: { faults?: SimFaults; world?: World } = {},
): Simulator {
  const world = options.world ?? loadWorld();
  const aids = buildActionLogementAids(world);
  const agreements = buildActionLogementAgreements(world);
  return createSimulator({
    name: 'action-logement',
    rateLimitPerSecond: RATE_LIMIT,
    faults: options.faults,
    rateLimited: (retryAfter) => ({
      status: 429,
      headers: { 'retry-after': String(retryAfter) },
      json: { erreur: 'Trop de requêtes' },
    }),
    routes: [
      {
        name: 'aides',
        method: 'GET',
        path: /^\/api\/v1\/aides\/?$/,
        handle: (request) =>
          page(request, (list) =>
            aids.filter(
              (a) =>
                (list('communes').size === 0 || list('communes').has(a.codeCommune)) &&
                (list('sirens').size === 0 || list('sirens').has(a.siretEmployeur.slice(0, 9))),
            ),
          ),
      },
      {
        name: 'conventions',
        method: 'GET',
        path: /^\/api\/v1\/conventions\/?$/,
        handle: (request) =>
          page(request, (list) =>
            agreements.filter((a) => list('epcis').size === 0 || list('epcis').has(a.sirenEpci)),
          ),
      },
    ],
  });
}

/** The list parameters, and the most values one list may hold (this shape's rule: see the README). */
const LIST_PARAMETERS = ['communes', 'sirens', 'epcis'];
export const MAX_KEYS = 500;

function page<T>(request: SimRequest, select: (list: (name: string) => Set<string>) => T[]): SimResponse {
  const limit = Number(request.query.get('limit') ?? 20);
  const offset = Number(request.query.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT || !Number.isInteger(offset) || offset < 0) {
    return { status: 400, json: { erreur: `limit doit être entre 0 et ${MAX_LIMIT}, offset ≥ 0` } };
  }
  const lists = new Map<string, Set<string>>();
  for (const name of LIST_PARAMETERS) {
    const values = (request.query.get(name) ?? '').split(',').filter(Boolean);
    if (values.length > MAX_KEYS) {
      return {
        status: 400,
        json: { erreur: `${name} accepte au plus ${MAX_KEYS} valeurs (${values.length} reçues)` },
      };
    }
    lists.set(name, new Set(values));
  }
  const list = (name: string) => lists.get(name) ?? new Set<string>();
  const matching = select(list);
  return { status: 200, json: { total: matching.length, results: matching.slice(offset, offset + limit) } };
}
