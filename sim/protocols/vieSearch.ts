// A search route modelled on Business France's VIE offers backend (`POST /api/Offers/search`,
// an ASP.NET Core API): a JSON body `{limit, skip, query, sort, <filter>: [ids…]}` answered with
// `{result: [...], count}`. Neither Business France nor the VTE programme publishes a public API;
// the Business France and VTE simulators both serve their collections through this one route.
// Quirks kept: an over-large or negative page, or a value of the wrong JSON type, is a 400
// ValidationProblemDetails body; unknown properties are ignored; an empty filter list means "any";
// ids compare as text whether sent as numbers or strings.
import type { SimResponse, SimRoute } from '../kit/simulator.js';

/** One searchable collection. */
export interface VieCollection<T> {
  /** Records in the collection's default order (the order `sort` omitted gives). */
  records: readonly T[];
  /** Text the free-text `query` searches (accent- and case-insensitive). */
  text: (record: T) => string;
  /** List filters by body property: the record's id(s) for that property, null when it has none. */
  filters: Record<string, (record: T) => string | readonly string[] | null>;
  /** Named orders accepted in `sort` (the VIE site sends e.g. `["0"]` for "most recent"). */
  sorts?: Record<string, (a: T, b: T) => number>;
  /** Largest `limit` accepted. */
  maxLimit: number;
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
  const query = input.query;
  if (query !== undefined && query !== null && typeof query !== 'string') {
    errors['$.query'] = ['The JSON value could not be converted to System.String.'];
  }
  const lists = new Map<string, Set<string>>();
  for (const name of Object.keys(collection.filters)) {
    const value = input[name];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
      errors[`$.${name}`] = [
        'The JSON value could not be converted to System.Collections.Generic.List`1[System.String].',
      ];
      continue;
    }
    if (value.length > 0) lists.set(name, new Set(value.map(String)));
  }
  const sort = input.sort;
  let order: ((a: T, b: T) => number) | undefined;
  if (sort !== undefined && sort !== null) {
    const key = Array.isArray(sort) && sort.length > 0 ? String(sort[0]) : undefined;
    order = key !== undefined ? collection.sorts?.[key] : undefined;
    if (!Array.isArray(sort) || (key !== undefined && !order)) {
      errors['$.sort'] = [
        `Unknown sort "${String(key)}"; known: ${Object.keys(collection.sorts ?? {}).join(', ') || 'none'}.`,
      ];
    }
  }
  if (Object.keys(errors).length > 0 || limit === undefined || skip === undefined) return problem(errors);

  const needle = typeof query === 'string' && query.trim() !== '' ? normalize(query.trim()) : undefined;
  const matching = collection.records.filter((record) => {
    if (needle && !normalize(collection.text(record)).includes(needle)) return false;
    for (const [name, wanted] of lists) {
      const own = collection.filters[name]!(record);
      if (own === null) return false;
      const values = typeof own === 'string' ? [own] : own;
      if (!values.some((v) => wanted.has(v))) return false;
    }
    return true;
  });
  if (order) matching.sort(order);
  return { status: 200, json: { result: matching.slice(skip, skip + limit), count: matching.length } };
}

/** A `POST` route serving a collection through {@link answerVieSearch}. */
export function vieSearchRoute<T>(name: string, path: string, collection: VieCollection<T>): SimRoute {
  const pattern = new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?$`, 'i');
  return {
    name,
    method: 'POST',
    path: pattern,
    handle: (request) => answerVieSearch(collection, request.body),
  };
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

// ASP.NET Core's ValidationProblemDetails, as the real backend answers a bad body.
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

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
