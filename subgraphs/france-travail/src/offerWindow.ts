// France Travail's offer window: the job offers of the programme's departments, read by the
// mirror's sync every few minutes (FRANCE_TRAVAIL_OFFERS_SYNC_INTERVAL) through the real search,
// so that a query — even the national picture — reads them with one SQL query instead of paging
// the API under its 10 calls a second. It is a mirrored source like the open datasets: staging and
// one-transaction swap (a failed department keeps the previous window whole), a lease against two
// syncs at once, each malformed offer rejected with its reason, freshness in sync_state. The
// search has no modification filter that also reports withdrawn offers, so every sync reads the
// window whole.
//
// Per department: one search of the whole department, pages of 150; a department past the
// search's 3,150-offer reach is read again by lists of its programme communes. A few departments
// are read at once, every call paced under the API's rate; a 429 waits what Retry-After says, a
// 401 fetches a new token once.
import { setTimeout as delay } from 'node:timers/promises';
import type { Insertable } from 'kysely';
import { CodedError, ErrorCode } from '../../../kit/src/errors.js';
import { expectOk } from '../../../kit/src/mirror/readers/httpBody.js';
import type { ParseResult, RawRow } from '../../../kit/src/mirror/parsers/parseResult.js';
import type { FranceTravailOfferTable } from '../../../kit/src/mirror/schema.js';
import type {
  ReadContext,
  SourceDefinition,
  SourcedRow,
  UpstreamAnswer,
} from '../../../kit/src/mirror/sourceDefinition.js';
import { departmentOfCommune } from '../../../kit/src/reference/companyIds.js';
import { parseRetryAfter } from '../../../kit/src/upstream/retry.js';
import {
  MAX_REACHABLE,
  PAGE_SIZE,
  SEARCH_PATH,
  isObject,
  TOKEN_PATH,
  parseSearchEnvelope,
  parseToken,
  rangeOf,
  tokenForm,
} from './franceTravailClient.js';
import { checkOffer } from './franceTravailRecords.js';

/** The window's name in sync_state, /ready and `npm run sync`. */
export const OFFER_WINDOW_SOURCE = 'france-travail-offers';

/** Departments read at once (the calls are paced anyway; this hides each call's latency). */
const DEPARTMENTS_IN_FLIGHT = 3;
/** Times one call is tried again after a 429, and the longest Retry-After honoured. */
const RATE_LIMIT_RETRIES = 3;
const MAX_RETRY_AFTER_MS = 10_000;

/** What the window reads and how. */
export interface OfferWindowOptions {
  /** The partner API host (api.francetravail.io, or the simulator). */
  apiUrl: string;
  /** The token host. */
  authUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** Department → its programme communes (for departments past the search's reach). */
  departments: ReadonlyMap<string, readonly string[]>;
  /** Communes per search call when a department is read by communes. */
  communesPerCall: number;
  /** Least time between two calls' starts (the API's rate). */
  minIntervalMs: number;
  /** Time between two syncs of the window (0: only on demand). */
  intervalMs: number;
}

/** The offer window as a mirrored source. */
export function offerWindowSource(options: OfferWindowOptions): SourceDefinition<'france_travail_offer'> {
  return {
    name: OFFER_WINDOW_SOURCE,
    table: 'france_travail_offer',
    read: (context) => readWindow(options, context),
    parse: parseWindowOffer,
    intervalMs: options.intervalMs,
  };
}

/** A raw row of the window: one `resultats[i]` item and the department whose search returned it. */
interface WindowItem {
  department: string;
  index: number;
  item: unknown;
}

/** Checks one offer of the window and keeps what the graph filters on as columns. */
export function parseWindowOffer(raw: RawRow): ParseResult<Insertable<FranceTravailOfferTable>> {
  const { department, index, item } = raw as unknown as WindowItem;
  let offer;
  try {
    offer = checkOffer(item, index);
  } catch (error) {
    return {
      rejected: { reason: 'MALFORMED_ROW', detail: error instanceof Error ? error.message : String(error) },
    };
  }
  return {
    ok: {
      record_key: offer.id,
      rome_code: offer.romeCode,
      contract_type: offer.contractType,
      created_at: offer.createdAt,
      positions: offer.positions,
      siren: offer.siret ? offer.siret.slice(0, 9) : null,
      payload: JSON.stringify(offer),
      commune_code: offer.communeCode,
      department_code: offer.communeCode ? departmentOfCommune(offer.communeCode) : department,
      epci_siren: null,
      // Recruitment and job offers are the compétences priority of the programme.
      axis: 'COMPETENCES',
    },
  };
}

async function readWindow(options: OfferWindowOptions, context: ReadContext): Promise<UpstreamAnswer> {
  const { fetch, signal } = context;
  let token = await fetchToken(options, fetch, signal);
  let nextStart = 0;
  const pace = async () => {
    const now = Date.now();
    const at = Math.max(now, nextStart);
    nextStart = at + options.minIntervalMs;
    if (at > now) await delay(at - now, undefined, { signal });
  };

  /** One page of a search: its raw items and the total. */
  const page = async (params: Record<string, string>, start: number) => {
    const url = new URL(SEARCH_PATH, options.apiUrl);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    url.searchParams.set('range', rangeOf(start));
    for (let attempt = 0; ; attempt++) {
      await pace();
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal });
      if (response.status === 429 && attempt < RATE_LIMIT_RETRIES) {
        await response.body?.cancel();
        await delay(retryAfterMs(response.headers.get('retry-after')), undefined, { signal });
        continue;
      }
      if (response.status === 401 && attempt === 0) {
        await response.body?.cancel();
        token = await fetchToken(options, fetch, signal);
        continue;
      }
      await expectOk(response, url.toString());
      const body: unknown = response.status === 204 ? null : await response.json();
      try {
        const range = response.headers.get('content-range');
        const headers: Record<string, string> = range === null ? {} : { 'content-range': range };
        return parseSearchEnvelope(body, response.status, headers);
      } catch (error) {
        throw new CodedError(
          ErrorCode.UPSTREAM_BAD_RESPONSE,
          `${url.toString()}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  };

  /** Every item of a search: the first page says the total, the others follow. */
  const search = async (params: Record<string, string>) => {
    const first = await page(params, 0);
    const items = [...first.items];
    for (let start = PAGE_SIZE; start < Math.min(first.total, MAX_REACHABLE); start += PAGE_SIZE) {
      items.push(...(await page(params, start)).items);
    }
    return { items, truncated: first.total > MAX_REACHABLE };
  };

  /** A department whole, or by lists of its programme communes when past the search's reach. */
  const readDepartment = async (department: string, communes: readonly string[]) => {
    const whole = await search({ departement: department });
    if (!whole.truncated) return whole.items;
    const items: unknown[] = [];
    for (let i = 0; i < communes.length; i += options.communesPerCall) {
      const list = communes.slice(i, i + options.communesPerCall).join(',');
      items.push(...(await search({ commune: list })).items);
    }
    return items;
  };

  const departments = [...options.departments];
  async function* rows(): AsyncIterable<SourcedRow> {
    const pending: Promise<unknown[]>[] = [];
    let next = 0;
    const startNext = () => {
      if (next >= departments.length) return;
      const [department, communes] = departments[next++]!;
      const reading = readDepartment(department, communes);
      // Awaited in order below; this keeps a later department's failure from going unhandled meanwhile.
      reading.catch(() => undefined);
      pending.push(reading);
    };
    for (let i = 0; i < DEPARTMENTS_IN_FLIGHT; i++) startNext();
    // An offer can come twice: in two pages of a search while offers are added, or in two commune lists.
    const seen = new Set<string>();
    for (let d = 0; d < departments.length; d++) {
      const items = await pending[d]!;
      startNext();
      const department = departments[d]![0];
      for (const [index, item] of items.entries()) {
        const id = isObject(item) && typeof item.id === 'string' ? item.id : undefined;
        if (id !== undefined) {
          if (seen.has(id)) continue;
          seen.add(id);
        }
        const raw: WindowItem = { department, index, item };
        yield { raw: raw as unknown as RawRow, ref: `${department} resultats[${index}]` };
      }
    }
  }
  return { mode: 'full', rows: rows(), cursor: () => ({}) };
}

async function fetchToken(options: OfferWindowOptions, fetch: typeof globalThis.fetch, signal: AbortSignal) {
  const url = new URL(TOKEN_PATH, options.authUrl);
  url.searchParams.set('realm', '/partenaire');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenForm(options.clientId, options.clientSecret, options.scope),
    signal,
  });
  await expectOk(response, url.toString());
  try {
    return parseToken(await response.json()).accessToken;
  } catch (error) {
    throw new CodedError(
      ErrorCode.UPSTREAM_BAD_RESPONSE,
      `${url.toString()}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** What Retry-After asks (seconds or an HTTP date), bounded; one second when absent or unreadable. */
function retryAfterMs(header: string | null): number {
  return Math.min(parseRetryAfter(header ?? undefined) ?? 1_000, MAX_RETRY_AFTER_MS);
}
