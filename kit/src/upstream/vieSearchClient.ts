// Client of a search API shaped like Business France's VIE offers backend, whose request body is
// recorded (kit/test/fixtures/real/businessfrance_vie_offers_search_request_and_fields.json):
// `POST <path>` with `{limit, skip, studiesLevelId, teletravail, porteEnv, activitySectorId,
// missionsTypesIds, missionsDurations, geographicZones, countriesIds, companiesSizes,
// specializationsIds, entreprisesIds}` answered with `{count, result: [...]}`, and
// `GET <path>/{id}` for one item's details. The body always carries every recorded key, in the
// recorded order and with the recorded value types (lists of strings, `entreprisesIds` a list of
// numbers, `[0]` for "any company"), so a body built here is a body the real backend accepts.
// Used by the business-france and vte subgraphs (neither operator publishes a public API). It reads
// whole result sets in pages of the largest accepted size, and never returns fewer items than the
// upstream counted.
import { CodedError, ErrorCode } from '../errors.js';
import type { UpstreamClient } from './upstreamClient.js';

/** The list filters of the recorded search body, in the order the recorded client sends them. */
export const VIE_SEARCH_FILTERS = [
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

/** One list filter of the search body. */
export type VieFilter = (typeof VIE_SEARCH_FILTERS)[number];

/** The filter whose ids are numbers in the recorded body (every other filter holds strings). */
export const NUMERIC_FILTER = 'entreprisesIds' satisfies VieFilter;

/** `entreprisesIds` when no company is asked for, as the recorded client sends it. */
export const ANY_COMPANY: readonly number[] = [0];

/** Values per filter list in one search body (a JSON body has no URL-length limit). */
export const VIE_VALUES_PER_CALL = 1_000;

/** The filters of one search; absent or empty means "any". Values are sent with the recorded types. */
export type VieFilters = Partial<Record<VieFilter, readonly (string | number)[]>>;

/** The full body of one search request: every recorded key, paging first. */
export type VieSearchBody = { limit: number; skip: number } & Record<VieFilter, (string | number)[]>;

/** Items found, parsed, whether any page was a stale cached copy, and when they were read. */
export interface VieSearchResult<R> {
  count: number;
  items: R[];
  stale: boolean;
  /** When the oldest stale page was fetched. */
  since?: string;
  /** ISO instant the oldest page of this result was read from the upstream (cached copies keep theirs). */
  retrievedAt: string;
}

/** Turns one raw item into the caller's type; throws a plain Error on a wrong or missing field. */
export type ItemParser<R> = (raw: Record<string, unknown>, index: number) => R;

/** Options of {@link VieSearchClient}. */
export interface VieSearchClientOptions {
  /** Largest `limit` the upstream accepts. */
  maxLimit: number;
  /** Extra headers on every call (e.g. an API key). */
  headers?: Record<string, string>;
}

/**
 * The body of one search, exactly as the recorded client builds it: `limit`, `skip`, then every
 * filter in the recorded order; strings where the recording has strings, numbers in
 * `entreprisesIds` (`[0]` when no company is asked for).
 */
export function vieSearchBody(filters: VieFilters, paging: { limit: number; skip: number }): VieSearchBody {
  const body: Record<string, unknown> = { limit: paging.limit, skip: paging.skip };
  for (const name of VIE_SEARCH_FILTERS) {
    const values = filters[name] ?? [];
    if (name === NUMERIC_FILTER) {
      body[name] = values.length === 0 ? [...ANY_COMPANY] : values.map((v) => companyId(v));
    } else {
      body[name] = values.map(String);
    }
  }
  return body as VieSearchBody;
}

/** When one request's data was read from the backend: the oldest read so far (for `source.retrievedAt`). */
export class Retrievals {
  private oldest: string | null = null;

  note(at: string): void {
    if (this.oldest === null || at < this.oldest) this.oldest = at;
  }

  /** The oldest read, or null when nothing was read. */
  get retrievedAt(): string | null {
    return this.oldest;
  }
}

/** Reads a VIE-like search API through a resilient {@link UpstreamClient}. */
export class VieSearchClient {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly options: VieSearchClientOptions,
  ) {}

  /** One page of `limit` items from `skip`. */
  async page<R>(
    path: string,
    filters: VieFilters,
    paging: { limit: number; skip: number },
    parseItem: ItemParser<R>,
    requestId?: string,
  ): Promise<VieSearchResult<R>> {
    if (
      !Number.isInteger(paging.limit) ||
      paging.limit < 1 ||
      paging.limit > this.options.maxLimit ||
      paging.skip < 0
    ) {
      throw new RangeError(
        `Search pages hold 1-${this.options.maxLimit} items from skip ≥ 0; got ${JSON.stringify(paging)}.`,
      );
    }
    const result = await this.upstream.request({
      method: 'POST',
      path,
      data: vieSearchBody(filters, paging),
      headers: { 'content-type': 'application/json', accept: 'application/json', ...this.options.headers },
      // A search changes nothing upstream: safe to retry and to cache.
      idempotent: true,
      requestId,
      parse: (raw) => parseSearch(raw, parseItem),
    });
    return {
      ...result.value,
      stale: result.stale,
      since: result.stale ? result.since : undefined,
      retrievedAt: result.since ?? new Date().toISOString(),
    };
  }

  /** Every matching item: a first page, then the remaining pages at once (the upstream client paces them). */
  async all<R>(
    path: string,
    filters: VieFilters,
    parseItem: ItemParser<R>,
    requestId?: string,
  ): Promise<VieSearchResult<R>> {
    const size = this.options.maxLimit;
    const first = await this.page(path, filters, { limit: size, skip: 0 }, parseItem, requestId);
    const skips: number[] = [];
    for (let skip = size; skip < first.count; skip += size) skips.push(skip);
    const rest = await Promise.all(
      skips.map((skip) => this.page(path, filters, { limit: size, skip }, parseItem, requestId)),
    );
    const pages = [first, ...rest];
    const items = pages.flatMap((p) => p.items);
    if (items.length !== first.count || pages.some((p) => p.count !== first.count)) {
      throw new CodedError(
        ErrorCode.UPSTREAM_BAD_RESPONSE,
        `Search ${path} announced ${first.count} items but its pages held ${items.length}.`,
        { path },
      );
    }
    return merge(pages, first.count);
  }

  /**
   * Every item whose `field` filter matches one of `values`: values deduplicated and sent in lists
   * of {@link VIE_VALUES_PER_CALL}, each read through {@link all}. An empty list asks nothing.
   */
  async allIn<R>(
    path: string,
    list: { field: VieFilter; values: readonly string[] },
    filters: VieFilters,
    parseItem: ItemParser<R>,
    requestId?: string,
  ): Promise<VieSearchResult<R>> {
    const unique = [...new Set(list.values)].sort();
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += VIE_VALUES_PER_CALL)
      chunks.push(unique.slice(i, i + VIE_VALUES_PER_CALL));
    const parts = await Promise.all(
      chunks.map((chunk) => this.all(path, { ...filters, [list.field]: chunk }, parseItem, requestId)),
    );
    return merge(
      parts,
      parts.reduce((sum, p) => sum + p.count, 0),
    );
  }

  /** One item's details (`GET <path>/{id}`, as `/api/Offers/details/{id}`); null on a 404. */
  async details<R>(
    path: string,
    id: number,
    parseItem: ItemParser<R>,
    requestId?: string,
  ): Promise<{ item: R | null; retrievedAt: string }> {
    if (!Number.isInteger(id) || id < 1) throw new RangeError(`Offer ids are positive integers; got ${id}.`);
    let result;
    try {
      result = await this.upstream.request({
        method: 'GET',
        path: `${path.replace(/\/$/, '')}/${id}`,
        headers: { accept: 'application/json', ...this.options.headers },
        requestId,
        parse: (raw) => {
          if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
            throw new Error(`expected a JSON object, got ${describe(raw)}`);
          return parseItem(raw as Record<string, unknown>, 0);
        },
      });
    } catch (error) {
      // An unknown id is an answer, not a failure.
      if (error instanceof CodedError && (error.details as { status?: number } | undefined)?.status === 404)
        return { item: null, retrievedAt: new Date().toISOString() };
      throw error;
    }
    return { item: result.value, retrievedAt: result.since ?? new Date().toISOString() };
  }
}

function companyId(value: string | number): number {
  const id = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(id) || id < 0 || (typeof value === 'string' && !/^\d+$/.test(value))) {
    throw new RangeError(`entreprisesIds holds non-negative integers; got ${JSON.stringify(value)}.`);
  }
  return id;
}

function merge<R>(parts: VieSearchResult<R>[], count: number): VieSearchResult<R> {
  const stale = parts.filter((p) => p.stale);
  return {
    count,
    items: parts.flatMap((p) => p.items),
    stale: stale.length > 0,
    since: stale.map((p) => p.since ?? '').sort()[0],
    // An empty list of values asks nothing: it was "read" now.
    retrievedAt: parts.map((p) => p.retrievedAt).sort()[0] ?? new Date().toISOString(),
  };
}

function parseSearch<R>(body: unknown, parseItem: ItemParser<R>): { count: number; items: R[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Error(`expected a JSON object, got ${describe(body)}`);
  const { count, result } = body as Record<string, unknown>;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new Error(`count must be a non-negative integer, got ${describe(count)}`);
  }
  if (!Array.isArray(result)) throw new Error(`result must be an array, got ${describe(result)}`);
  const items = result.map((raw, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new Error(`result[${index}] must be an object, got ${describe(raw)}`);
    return parseItem(raw as Record<string, unknown>, index);
  });
  return { count, items };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
