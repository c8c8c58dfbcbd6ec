// The simulated DGEFP API (a documented shape of our own, see README.md):
// `GET /api/v1/actions?communes=a,b|sirens=x,y&dispositif=&limit=&offset=` → `{total, results}`,
// pages of at most 100, its own 400 for a bad parameter and 429 past 10 calls a second.
import type { SimFaults } from '../kit/faults.js';
import { createSimulator, type SimRequest, type SimResponse, type Simulator } from '../kit/simulator.js';
import { loadWorld, type World } from '../world.js';
import { buildDgefpActions, DISPOSITIFS, type DgefpApiAction } from './records.js';

/** Requests per second served before answering 429. */
export const RATE_LIMIT = 10;
/** Largest page served. */
export const MAX_LIMIT = 100;
/** The most values one list (`communes`, `sirens`) may hold: this shape's rule (see the README). */
export const MAX_KEYS = 500;

/** Builds the DGEFP simulator (no port). */
export function createDgefpSimulator(options: { faults?: SimFaults; world?: World } = {}): Simulator {
  const actions = buildDgefpActions(options.world ?? loadWorld());
  return createSimulator({
    name: 'dgefp',
    rateLimitPerSecond: RATE_LIMIT,
    faults: options.faults,
    rateLimited: (retryAfter) => ({
      status: 429,
      headers: { 'retry-after': String(retryAfter) },
      json: { code: 'TROP_DE_REQUETES', message: 'Trop de requêtes' },
    }),
    routes: [
      {
        name: 'actions',
        method: 'GET',
        path: /^\/api\/v1\/actions\/?$/,
        handle: (request) => answerActions(actions, request),
      },
    ],
  });
}

function answerActions(actions: DgefpApiAction[], request: SimRequest): SimResponse {
  const limit = Number(request.query.get('limit') ?? 20);
  const offset = Number(request.query.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT || !Number.isInteger(offset) || offset < 0) {
    return {
      status: 400,
      json: { code: 'PARAMETRE_INVALIDE', message: `limit doit être entre 0 et ${MAX_LIMIT}, offset ≥ 0` },
    };
  }
  const list = (name: string) => (request.query.get(name) ?? '').split(',').filter(Boolean);
  const tooLong = ['communes', 'sirens'].find((name) => list(name).length > MAX_KEYS);
  if (tooLong) {
    return {
      status: 400,
      json: {
        code: 'PARAMETRE_INVALIDE',
        message: `${tooLong} accepte au plus ${MAX_KEYS} valeurs (${list(tooLong).length} reçues)`,
      },
    };
  }
  const communes = new Set(list('communes'));
  const sirens = new Set(list('sirens'));
  const dispositif = request.query.get('dispositif');
  if (dispositif && !(DISPOSITIFS as readonly string[]).includes(dispositif)) {
    return {
      status: 400,
      json: { code: 'PARAMETRE_INVALIDE', message: `dispositif inconnu: ${dispositif}` },
    };
  }
  const matching = actions.filter(
    (a) =>
      (communes.size === 0 || communes.has(a.codeCommune)) &&
      (sirens.size === 0 || (a.siret !== null && sirens.has(a.siret.slice(0, 9)))) &&
      (!dispositif || a.dispositif === dispositif),
  );
  return { status: 200, json: { total: matching.length, results: matching.slice(offset, offset + limit) } };
}
