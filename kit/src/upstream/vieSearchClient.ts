// Client of a search API shaped like Business France's VIE offers backend: `POST <path>` with
// `{limit, skip, query, <filter>: [ids…]}` answered with `{result: [...], count}`. Used by the
// business-france and vte subgraphs (neither operator publishes a public API; see the simulators).
// It reads whole result sets in pages of the largest accepted size, and never returns fewer items
// than the upstream counted.
import { CodedError, ErrorCode } from '../errors.js';
import type { UpstreamClient } from './upstreamClient.js';

/** Values per filter list in one search body (a JSON body has no URL-length limit). */
export const VIE_VALUES_PER_CALL = 1_000;

/** A search body without paging (`query`, `sort` and list filters). */
export type VieSearchBody = Record<string, unknown> & { query?: string | null; limit?: never; skip?: never };

/** Items found, parsed, and whether any page was a stale cached copy. */
export interface VieSearchResult<R> {
  count: number;
  items: R[];
  stale: boolean;
  /** When the oldest stale page was fetched. */
  since?: string;
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

/** Reads a VIE-like search API through a resilient {@link UpstreamClient}. */
export class VieSearchClient {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly options: VieSearchClientOptions,
  ) {}

  /** One page of `limit` items from `skip`. */
  async page<R>(
    path: string,
    body: VieSearchBody,
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
      data: { ...body, limit: paging.limit, skip: paging.skip },
      headers: { 'content-type': 'application/json', ...this.options.headers },
      // A search changes nothing upstream: safe to retry and to cache.
      idempotent: true,
      requestId,
      parse: (raw) => parseSearch(raw, parseItem),
    });
    return { ...result.value, stale: result.stale, since: result.stale ? result.since : undefined };
  }

  /** Every matching item: a first page, then the remaining pages at once (the upstream client paces them). */
  async all<R>(
    path: string,
    body: VieSearchBody,
    parseItem: ItemParser<R>,
    requestId?: string,
  ): Promise<VieSearchResult<R>> {
    const size = this.options.maxLimit;
    const first = await this.page(path, body, { limit: size, skip: 0 }, parseItem, requestId);
    const skips: number[] = [];
    for (let skip = size; skip < first.count; skip += size) skips.push(skip);
    const rest = await Promise.all(
      skips.map((skip) => this.page(path, body, { limit: size, skip }, parseItem, requestId)),
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
   * of {@link VIE_VALUES_PER_CALL}, each read through {@link all}.
   */
  async allIn<R>(
    path: string,
    list: { field: string; values: readonly string[] },
    body: VieSearchBody,
    parseItem: ItemParser<R>,
    requestId?: string,
  ): Promise<VieSearchResult<R>> {
    const unique = [...new Set(list.values)].sort();
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += VIE_VALUES_PER_CALL)
      chunks.push(unique.slice(i, i + VIE_VALUES_PER_CALL));
    const parts = await Promise.all(
      chunks.map((chunk) =>
        this.all(path, { ...body, [list.field]: chunk } as VieSearchBody, parseItem, requestId),
      ),
    );
    return merge(
      parts,
      parts.reduce((sum, p) => sum + p.count, 0),
    );
  }
}

function merge<R>(parts: VieSearchResult<R>[], count: number): VieSearchResult<R> {
  const stale = parts.filter((p) => p.stale);
  return {
    count,
    items: parts.flatMap((p) => p.items),
    stale: stale.length > 0,
    since: stale.map((p) => p.since ?? '').sort()[0],
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
