// The simulated APEC search: `POST /cms/webservices/rechercheOffre` with apec.fr's JSON body
// (`lieux`, `pagination: {range, startIndex}`, `motsCles`, …) → `{totalCount, resultats}`. As on
// apec.fr, the body is strict: an unknown property is a 500 whose message names it. Past 10 calls
// a second, a 429 with Retry-After (APEC's real limit is not published: ASSUMED).
import type { SimFaults } from '../kit/faults.js';
import { createSimulator, type SimRequest, type SimResponse, type Simulator } from '../kit/simulator.js';
import { loadWorld, type World } from '../world.js';
import { buildApecOffers, type SimApecOffer } from './records.js';

/** Requests per second served before answering 429 (ASSUMED). */
export const RATE_LIMIT = 10;
/** Largest `pagination.range` served (ASSUMED; public clients ask 20 to 100). */
export const MAX_RANGE = 100;

/** The body properties public clients send and apec.fr accepts (verified by them, see README.md). */
export const ACCEPTED_PROPERTIES = [
  'lieux',
  'fonctions',
  'statutPoste',
  'typesContrat',
  'typesConvention',
  'niveauxExperience',
  'secteursActivite',
  'typesTeletravail',
  'sorts',
  'pagination',
  'activeFiltre',
  'motsCles',
] as const;

/** Builds the APEC simulator (no port). */
export function createApecSimulator(options: { faults?: SimFaults; world?: World } = {}): Simulator {
  const offers = buildApecOffers(options.world ?? loadWorld());
  return createSimulator({
    name: 'apec',
    rateLimitPerSecond: RATE_LIMIT,
    faults: options.faults,
    rateLimited: (retryAfter) => ({
      status: 429,
      headers: { 'retry-after': String(retryAfter) },
      json: { message: 'Too Many Requests' },
    }),
    routes: [
      {
        name: 'rechercheOffre',
        method: 'POST',
        path: /^\/cms\/webservices\/rechercheOffre\/?$/,
        handle: (request) => search(offers, request),
      },
    ],
  });
}

function search(offers: SimApecOffer[], request: SimRequest): SimResponse {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(request.body) as Record<string, unknown>;
  } catch {
    return { status: 400, json: { message: 'Corps de requête illisible' } };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { status: 400, json: { message: 'Corps de requête illisible' } };
  }
  const unknown = Object.keys(body).find((k) => !(ACCEPTED_PROPERTIES as readonly string[]).includes(k));
  if (unknown) {
    return {
      status: 500,
      json: {
        message: `Unrecognized field "${unknown}", not marked as ignorable (${ACCEPTED_PROPERTIES.length} known properties: ${ACCEPTED_PROPERTIES.join(', ')})`,
      },
    };
  }
  const pagination = (body.pagination ?? {}) as { range?: unknown; startIndex?: unknown };
  const range = pagination.range ?? 20;
  const start = pagination.startIndex ?? 0;
  if (
    !Number.isInteger(range) ||
    (range as number) < 1 ||
    (range as number) > MAX_RANGE ||
    !Number.isInteger(start) ||
    (start as number) < 0
  ) {
    return {
      status: 400,
      json: { message: `pagination.range doit être entre 1 et ${MAX_RANGE}, startIndex ≥ 0` },
    };
  }
  // ASSUMED: `lieux` holds department codes here; apec.fr uses its own numeric place ids.
  const lieux = Array.isArray(body.lieux) ? new Set(body.lieux.map(String)) : new Set<string>();
  const matching = lieux.size === 0 ? offers : offers.filter((o) => lieux.has(o.departmentCode));
  const page = matching.slice(start as number, (start as number) + (range as number));
  return {
    status: 200,
    json: { totalCount: matching.length, resultats: page.map(({ departmentCode: _, ...offer }) => offer) },
  };
}
