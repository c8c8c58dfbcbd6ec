// The company registry: API Recherche d'entreprises (DINUM, https://recherche-entreprises.api.gouv.fr),
// `GET /search?q=<siren or siret>&page=1&per_page=1`. It gives a company's head office (siège):
// commune INSEE code, postcode, EPCI, department, region. The mirror uses it to place records
// that only carry a SIREN or SIRET. One request per company, paced under the API's rate and
// cached for a long time through the kit's resilient upstream client (a head office rarely moves).
import { CodedError, ErrorCode } from '../errors.js';
import { companyId } from '../mirror/parsers/fieldValues.js';
import { parseCompanyLocation } from '../mirror/parsers/parseCompanyLocation.js';
import type { CompanyLocationTable } from '../mirror/schema.js';
import type { UpstreamClient } from '../upstream/upstreamClient.js';

/** The real host: the setting's default, and what makes a location non-illustrative. */
export const RECHERCHE_ENTREPRISES_URL = 'https://recherche-entreprises.api.gouv.fr';

/**
 * Requests per second the API allows per caller. Not on an official page we could read here: a
 * published client of the API states "about seven calls a second" (packagist
 * omnistate/annuaire-entreprises README); we take 7 as the limit and pace calls under it.
 */
export const RECHERCHE_ENTREPRISES_RATE_PER_SECOND = 7;

/**
 * Pacing between call starts that keeps us under that rate: 6.5 a second, since a window counted
 * by the server from arrival times sees our evenly spaced calls bunch up with network jitter.
 */
export const RECHERCHE_ENTREPRISES_MIN_INTERVAL_MS = Math.ceil(
  1000 / (RECHERCHE_ENTREPRISES_RATE_PER_SECOND - 0.5),
);

/** What the registry said about one asked id, in the slot of that id. */
export type RegistryAnswer =
  /** Found: its head office (commune null when the registry gives none, e.g. abroad). */
  | { id: string; found: CompanyLocationTable }
  /** The registry answered and knows no company with this SIREN. */
  | { id: string; notFound: true }
  /** The id is not a SIREN or SIRET: never sent. */
  | { id: string; invalid: string }
  /** The call failed (timeout, 5xx, 429, garbage): ask again on a later run. */
  | { id: string; error: CodedError };

/** What the locate step needs of a registry (tests may hand it any implementation). */
export interface CompanyRegistry {
  /** One answer per id, in the order asked; a failure for one id is a value in its slot. */
  lookup(ids: readonly string[], requestId?: string): Promise<RegistryAnswer[]>;
}

/** The envelope of `GET /search`, as recorded from the real API. */
export interface SearchPage {
  results: Record<string, unknown>[];
  total_results: number;
  page: number;
  per_page: number;
  total_pages: number;
}

/** API Recherche d'entreprises over the kit's upstream client. */
export class CompanyRegistryClient implements CompanyRegistry {
  constructor(private readonly upstream: UpstreamClient) {}

  /** Looks every id up (SIREN or SIRET; the same SIREN is asked once), answers in key order. */
  async lookup(ids: readonly string[], requestId?: string): Promise<RegistryAnswer[]> {
    const bySiren = new Map<string, Promise<RegistryAnswer>>();
    return Promise.all(
      ids.map(async (id): Promise<RegistryAnswer> => {
        const parsed = companyId(id);
        if (!parsed) return { id, invalid: `expected a SIREN (9 digits) or SIRET (14 digits), got "${id}"` };
        let pending = bySiren.get(parsed.siren);
        if (!pending) {
          pending = this.lookupSiren(parsed.siren, requestId);
          bySiren.set(parsed.siren, pending);
        }
        return { ...(await pending), id };
      }),
    );
  }

  /** The search page for one query, envelope checked. */
  async search(q: string, page = 1, perPage = 1, requestId?: string): Promise<SearchPage> {
    const answer = await this.upstream.request({
      method: 'GET',
      path: '/search',
      params: { q, page, per_page: perPage },
      requestId,
      parse: parseSearchPage,
    });
    return answer.value;
  }

  private async lookupSiren(siren: string, requestId?: string): Promise<RegistryAnswer> {
    try {
      const page = await this.search(siren, 1, 1, requestId);
      // A full-text search may return near matches: only the exact SIREN counts.
      const match = page.results.find((r) => r.siren === siren);
      if (!match) return { id: siren, notFound: true };
      const parsed = parseCompanyLocation(match);
      if ('rejected' in parsed) {
        return {
          id: siren,
          error: new CodedError(
            ErrorCode.UPSTREAM_BAD_RESPONSE,
            `Recherche d'entreprises sent an unreadable company ${siren}: ${parsed.rejected.detail}`,
            { operator: 'recherche-entreprises', reason: parsed.rejected.reason },
          ),
        };
      }
      return { id: siren, found: parsed.ok };
    } catch (error) {
      if (error instanceof CodedError) return { id: siren, error };
      throw error;
    }
  }
}

/** Checks the `/search` envelope: `results` an array of objects, the four counters numbers. */
export function parseSearchPage(body: unknown): SearchPage {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new Error(`expected a JSON object, got ${JSON.stringify(body)?.slice(0, 80)}`);
  }
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b.results))
    throw new Error(`"results" should be an array, got ${JSON.stringify(b.results)}`);
  for (const name of ['total_results', 'page', 'per_page', 'total_pages'] as const) {
    if (typeof b[name] !== 'number')
      throw new Error(`"${name}" should be a number, got ${JSON.stringify(b[name])}`);
  }
  const results = b.results.map((r, i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) throw new Error(`results[${i}] should be an object`);
    return r as Record<string, unknown>;
  });
  return {
    results,
    total_results: b.total_results as number,
    page: b.page as number,
    per_page: b.per_page as number,
    total_pages: b.total_pages as number,
  };
}
