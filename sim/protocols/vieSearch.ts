// A search route modelled on Business France's VIE offers backend (`POST /api/Offers/search`, an
// ASP.NET Core API) whose request body is recorded (kit/test/fixtures/real/
// businessfrance_vie_offers_search_request_and_fields.json): `{limit, skip, studiesLevelId,
// teletravail, porteEnv, activitySectorId, missionsTypesIds, missionsDurations, geographicZones,
// countriesIds, companiesSizes, specializationsIds, entreprisesIds}` answered with
// `{count, result: [...]}`, and `GET /api/Offers/details/{id}` for one item. The response body is
// NOT recorded, only its field names: the envelope here is the one the recorded client reads.
// Neither Business France nor the VTE programme publishes a public API; the Business France and
// VTE simulators both serve their collections through this one route.
// Kept as the real backend behaves (or as ASP.NET Core does by default, where unrecorded): an
// over-large or negative page, or a value of the wrong JSON type, is a 400 ValidationProblemDetails
// body; unknown properties are ignored; an empty filter list means "any"; list filters hold strings
// except `entreprisesIds`, which holds integers (`[0]`, as the recorded client sends, means "any").
import type { SimResponse, SimRoute } from '../kit/simulator.js';

/** The list filters of the recorded body (same list as kit/src/upstream/vieSearchClient.ts). */
export const VIE_FILTERS = [
  'studiesLevelId',
  'teletravail',
  'porteEnv',
  'activitySectorId',
  'missionsTypesIds',
  'missionsDurations',
  'geographicZones',
  'countriesIds',
  'companiesSizes',
  'specializationsIds',
  'entreprisesIds',
] as const;

/** One list filter of the body. */
export type VieFilterName = (typeof VIE_FILTERS)[number];

/** One searchable collection. */
export interface VieCollection<T> {
  /** Records in the collection's default order (newest first). */
  records: readonly T[];
  /**
   * The filters this collection understands: the record's id(s) for that filter, null when it has
   * none. A filter the collection does not map is accepted and ignored, as an unknown id would be.
   * `entreprisesIds` ids are compared as integers.
   */
  filters: Partial<
    Record<VieFilterName, (record: T) => string | number | readonly (string | number)[] | null>
  >;
  /** Largest `limit` accepted. */
  maxLimit: number;
  /** The record's id for `GET …/details/{id}`; no details route without it. */
  idOf?: (record: T) => number;
}

/** Answers one search body against a collection. */
export function answerVieSearch<T>(collection: VieCollection<T>, bodyText: string): SimResponse {
  let body: unknown;
  try {
    body = bodyText.trim() === '' ? {} : JSON.parse(bodyText);
  } catch {
    return problem({ $: ['The JSON value could not be parsed.'] });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return problem({ $: ['The JSON value could not be converted to a search request.'] });
  }
  const input = body as Record<string, unknown>;
  const errors: Record<string, string[]> = {};
  const limit = integer(input, 'limit', Math.min(10, collection.maxLimit), errors);
  const skip = integer(input, 'skip', 0, errors);
  if (limit !== undefined && (limit < 1 || limit > collection.maxLimit)) {
    errors.limit = [`The field limit must be between 1 and ${collection.maxLimit}.`];
  }
  if (skip !== undefined && skip < 0) errors.skip = ['The field skip must be between 0 and 2147483647.'];
  const lists = new Map<VieFilterName, Set<string>>();
  for (const name of VIE_FILTERS) {
    const value = input[name];
    if (value === undefined || value === null) continue;
    const numeric = name === 'entreprisesIds';
    const fits = (v: unknown) => (numeric ? Number.isInteger(v) : typeof v === 'string');
    if (!Array.isArray(value) || !value.every(fits)) {
      errors[`$.${name}`] = [
        `The JSON value could not be converted to System.Collections.Generic.List\`1[System.${numeric ? 'Int32' : 'String'}].`,
      ];
      continue;
    }
    const wanted = value.map(String).filter((v) => !(numeric && v === '0'));
    if (wanted.length > 0 && collection.filters[name]) lists.set(name, new Set(wanted));
  }
  if (Object.keys(errors).length > 0 || limit === undefined || skip === undefined) return problem(errors);

  const matching = collection.records.filter((record) => {
    for (const [name, wanted] of lists) {
      const own = collection.filters[name]!(record);
      if (own === null) return false;
      const values = Array.isArray(own) ? own : [own];
      if (!values.some((v) => wanted.has(name === 'entreprisesIds' ? String(Number(v)) : String(v))))
        return false;
    }
    return true;
  });
  return { status: 200, json: { count: matching.length, result: matching.slice(skip, skip + limit) } };
}

/**
 * The routes serving a collection: `POST <base>/search` through {@link answerVieSearch}, and
 * `GET <base>/details/{id}` when the collection names its ids.
 */
export function vieSearchRoutes<T>(name: string, base: string, collection: VieCollection<T>): SimRoute[] {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const routes: SimRoute[] = [
    {
      name: `${name}/search`,
      method: 'POST',
      path: new RegExp(`^${escaped}/search/?$`, 'i'),
      handle: (request) => answerVieSearch(collection, request.body),
    },
  ];
  const idOf = collection.idOf;
  if (idOf) {
    const byId = new Map(collection.records.map((r) => [idOf(r), r]));
    routes.push({
      name: `${name}/details`,
      method: 'GET',
      path: new RegExp(`^${escaped}/details/([^/]+)/?$`, 'i'),
      handle: (request) => {
        const raw = request.params[0] ?? '';
        if (!/^\d+$/.test(raw))
          return problem({ id: [`The value '${decodeURIComponent(raw)}' is not valid.`] });
        const found = byId.get(Number(raw));
        return found
          ? { status: 200, json: found }
          : {
              status: 404,
              headers: { 'content-type': 'application/problem+json; charset=utf-8' },
              json: {
                type: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
                title: 'Not Found',
                status: 404,
              },
            };
      },
    });
  }
  return routes;
}

/** The 429 of an API behind Azure API Management, with Retry-After. */
export function vieRateLimited(retryAfterSeconds: number): SimResponse {
  return {
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds) },
    json: { statusCode: 429, message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.` },
  };
}

function integer(
  input: Record<string, unknown>,
  name: string,
  fallback: number,
  errors: Record<string, string[]>,
): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    errors[`$.${name}`] = ['The JSON value could not be converted to System.Int32.'];
    return undefined;
  }
  return value;
}

// ASP.NET Core's ValidationProblemDetails, as such a backend answers a bad body.
function problem(errors: Record<string, string[]>): SimResponse {
  return {
    status: 400,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
    json: {
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      errors,
    },
  };
}
