// The only code of this subgraph that talks to APEC. APEC's offers are read from the search
// service apec.fr's own pages call (not a documented API; shape from public clients, see
// sim/apec/README.md): `POST /cms/webservices/rechercheOffre` with `lieux` and
// `pagination {range, startIndex}` → `{totalCount, resultats}`, every page, one search for all
// the departments asked. The body holds only the properties apec.fr is known to accept: it
// answers 500 to any other. Offers carry no commune code: the subgraph locates them from
// `lieuTexte` ("City - 51").
import { describeSource, type DatasetDescription, type SourceInfo } from '../../../kit/src/provenance.js';
import { FieldReader } from '../../../kit/src/upstream/fieldReader.js';
import type { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import type { CommuneLocator } from './communeLocator.js';

export const SEARCH_PATH = '/cms/webservices/rechercheOffre';
/** Largest page asked for (ASSUMED bound; public clients ask 20 to 100). */
export const MAX_RANGE = 100;

/** What `source` says: APEC's offers on apec.fr; illustrative unless read from www.apec.fr. */
export const DATASET: DatasetDescription = {
  publisher: 'APEC',
  dataset: 'offres (apec.fr search service rechercheOffre)',
  url: 'https://www.apec.fr/candidat/recherche-emploi.html/emploi',
  realBaseUrl: 'https://www.apec.fr',
};

/** One APEC offer, as this subgraph uses it. */
export interface ApecOffer {
  id: string;
  title: string;
  /** Null for a confidential offer (apec.fr sends an empty name). */
  companyName: string | null;
  /** The place as APEC writes it ("Châlons-en-Champagne - 51"). */
  place: string;
  city: string;
  departmentCode: string;
  /** INSEE code of the commune `city` names in its department; null when none or several match. */
  communeCode: string | null;
  salary: string | null;
  excerpt: string | null;
  publishedOn: string;
  url: string;
  source: SourceInfo;
}

/** Offers read for a list of departments, and whether any came from a stale copy. */
export interface OffersResult {
  offers: ApecOffer[];
  stale: boolean;
  since?: string;
  source: SourceInfo;
}

/** APEC's search, as this subgraph uses it. */
export class ApecClient {
  constructor(
    private readonly upstream: UpstreamClient,
    /** Where the upstream is read from (`source.illustrative` unless it is www.apec.fr). */
    readonly baseUrl: string,
    private readonly locator: CommuneLocator,
  ) {}

  /** Every offer placed in these departments. */
  async offersInDepartments(departments: readonly string[], requestId?: string): Promise<OffersResult> {
    const { items, retrievedAt, stale, since } = await searchAll(
      this.upstream,
      departments,
      parseOffer,
      requestId,
    );
    const source = describeSource(DATASET, this.baseUrl, retrievedAt ?? null);
    return { stale, since, source, offers: this.placed(items, source) };
  }

  /** Offers as the graph gives them: placed in their commune (from "City - department"), with `source`. */
  placed(offers: readonly Omit<ApecOffer, 'source' | 'communeCode'>[], source: SourceInfo): ApecOffer[] {
    return offers.map((o) => ({
      ...o,
      communeCode: this.locator.locate(o.city, o.departmentCode),
      source,
    }));
  }
}

/** Every item of a search of these departments, when the oldest page was read, and staleness. */
export async function searchAll<T>(
  upstream: UpstreamClient,
  departments: readonly string[],
  parseItem: (raw: unknown, index: number) => T,
  requestId?: string,
): Promise<{ items: T[]; retrievedAt?: string; stale: boolean; since?: string }> {
  const lieux = [...new Set(departments)].sort();
  let retrievedAt: string | undefined;
  let stale = false;
  let since: string | undefined;
  const page = (startIndex: number) =>
    upstream.request({
      method: 'POST',
      path: SEARCH_PATH,
      // A search: safe to retry and to cache.
      idempotent: true,
      data: searchBody(lieux, startIndex),
      requestId,
      parse: (body) => parsePage(body, parseItem),
    });
  // The first page tells the total; the others are read side by side (the client paces them).
  const first = await page(0);
  const starts: number[] = [];
  if (first.value.items.length > 0) {
    for (let start = MAX_RANGE; start < first.value.total; start += MAX_RANGE) starts.push(start);
  }
  const pages = [first, ...(await Promise.all(starts.map(page)))];
  const items: T[] = [];
  for (const read of pages) {
    if (read.stale) {
      stale = true;
      if (read.since && (!since || read.since < since)) since = read.since;
    }
    const readAt = read.since ?? new Date().toISOString();
    if (!retrievedAt || readAt < retrievedAt) retrievedAt = readAt;
    for (const item of read.value.items) items.push(item);
  }
  return { items, retrievedAt, stale, since };
}

/** The search body: only properties apec.fr accepts; empty lists mean "no filter". */
function searchBody(lieux: string[], startIndex: number) {
  return {
    lieux,
    fonctions: [],
    statutPoste: [],
    typesContrat: [],
    typesConvention: [],
    niveauxExperience: [],
    secteursActivite: [],
    typesTeletravail: [],
    sorts: [{ type: 'DATE', direction: 'DESCENDING' }],
    pagination: { range: MAX_RANGE, startIndex },
    activeFiltre: true,
    motsCles: '',
  };
}

function parsePage<T>(
  body: unknown,
  parseItem: (raw: unknown, index: number) => T,
): { total: number; items: T[] } {
  if (typeof body !== 'object' || body === null) throw new Error('the answer is not a JSON object');
  const page = new FieldReader(body as Record<string, unknown>, 'answer');
  const total = page.integer('totalCount');
  const results = (body as { resultats?: unknown }).resultats;
  if (!Array.isArray(results))
    throw new Error(`answer.resultats must be a list; got ${JSON.stringify(results)}`);
  return { total, items: results.map(parseItem) };
}

const PLACE = /^(.+?)\s+-\s+(\d{2}|2[AB]|97\d)$/;

/** One offer of a page, checked field by field (its commune is placed later). */
export function parseOffer(raw: unknown, index: number): Omit<ApecOffer, 'source' | 'communeCode'> {
  if (typeof raw !== 'object' || raw === null) throw new Error(`resultats[${index}] is not an object`);
  const r = new FieldReader(raw as Record<string, unknown>, `resultats[${index}]`);
  const id = r.text('numeroOffre');
  const place = r.text('lieuTexte');
  const match = PLACE.exec(place.trim());
  if (!match) throw new Error(`resultats[${index}].lieuTexte must read "City - department"; got "${place}"`);
  return {
    id,
    title: r.text('intitule'),
    companyName: r.optionalText('nomCommercial') ?? null,
    place,
    city: match[1]!,
    departmentCode: match[2]!,
    salary: r.optionalText('salaireTexte') ?? null,
    excerpt: r.optionalText('texteOffre') ?? null,
    publishedOn: r.date('datePublication'),
    url: `https://www.apec.fr/candidat/recherche-emploi.html/emploi/detail-offre/${encodeURIComponent(id)}`,
  };
}
