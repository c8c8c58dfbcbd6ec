// Client of Opendatasoft's Explore API v2.1 `records` endpoint, shared by every subgraph whose
// operator publishes on an Opendatasoft portal (Caisse des Dépôts, the economy ministry). It knows
// the portal's rules so callers never hit them: pages of at most 100 records, never past
// offset + limit = 10,000, `where` lists built from quoted literals.
import { CodedError, ErrorCode } from '../errors.js';
import type { UpstreamClient } from './upstreamClient.js';

/** Values per `in (…)` list: keeps request URLs far below server limits (≈ 12 bytes a value). */
export const ODS_VALUES_PER_CALL = 200;
/** Largest page the records endpoint serves. */
export const ODS_MAX_LIMIT = 100;
/** Deepest `offset + limit` the records endpoint serves. */
export const ODS_MAX_WINDOW = 10_000;

/** What to ask of one dataset. */
export interface OdsQuery {
  /** ODSQL `where` clause; build lists with {@link odsqlIn}. */
  where?: string;
  select?: string;
  orderBy?: string;
}

/** Records of one or more pages, parsed, and whether any page was a stale cached copy. */
export interface OdsRecords<R> {
  totalCount: number;
  records: R[];
  stale: boolean;
  /** When the oldest stale page was fetched. */
  since?: string;
}

/** Options of {@link OpendatasoftClient}. */
export interface OpendatasoftClientOptions {
  /** Opendatasoft API key, sent as `Authorization: Apikey …` (anonymous calls when absent). */
  apiKey?: string;
}

/** Turns one raw record into the caller's type; throws a plain Error on a wrong or missing field. */
export type RecordParser<R> = (raw: Record<string, unknown>, index: number) => R;

/** Reads datasets of one Opendatasoft portal through a resilient {@link UpstreamClient}. */
export class OpendatasoftClient {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly options: OpendatasoftClientOptions = {},
  ) {}

  /** One page: `limit` 0-100 records from `offset`, within the 10,000 window. */
  async page<R>(
    dataset: string,
    query: OdsQuery & { limit: number; offset: number },
    parseRecord: RecordParser<R>,
    requestId?: string,
  ): Promise<OdsRecords<R>> {
    const { limit, offset } = query;
    if (
      !Number.isInteger(limit) ||
      limit < 0 ||
      limit > ODS_MAX_LIMIT ||
      offset < 0 ||
      offset + limit > ODS_MAX_WINDOW
    ) {
      // A programming error of the caller, caught before the portal refuses it.
      throw new RangeError(
        `Opendatasoft pages hold 0-${ODS_MAX_LIMIT} records within ${ODS_MAX_WINDOW}; got offset ${offset}, limit ${limit}.`,
      );
    }
    const result = await this.upstream.request({
      method: 'GET',
      path: `/api/explore/v2.1/catalog/datasets/${encodeURIComponent(dataset)}/records`,
      params: {
        where: query.where || undefined,
        select: query.select,
        order_by: query.orderBy,
        limit,
        offset,
      },
      headers: this.options.apiKey ? { authorization: `Apikey ${this.options.apiKey}` } : undefined,
      requestId,
      parse: (body) => parsePage(body, parseRecord),
    });
    return { ...result.value, stale: result.stale, since: result.stale ? result.since : undefined };
  }

  /**
   * Every record matching the query: a first page of 100, then the remaining pages at once (the
   * upstream client paces them). More matches than the 10,000 window is an error, never a
   * silently truncated list.
   */
  async all<R>(
    dataset: string,
    query: OdsQuery,
    parseRecord: RecordParser<R>,
    requestId?: string,
  ): Promise<OdsRecords<R>> {
    const first = await this.page(
      dataset,
      { ...query, limit: ODS_MAX_LIMIT, offset: 0 },
      parseRecord,
      requestId,
    );
    if (first.totalCount > ODS_MAX_WINDOW) {
      throw new CodedError(
        ErrorCode.UPSTREAM_REJECTED,
        `Opendatasoft dataset ${dataset} has ${first.totalCount} matching records, more than the ${ODS_MAX_WINDOW} it pages through; narrow the filter.`,
        { dataset, totalCount: first.totalCount },
      );
    }
    const offsets: number[] = [];
    for (let offset = ODS_MAX_LIMIT; offset < first.totalCount; offset += ODS_MAX_LIMIT) offsets.push(offset);
    const rest = await Promise.all(
      offsets.map((offset) =>
        this.page(dataset, { ...query, limit: ODS_MAX_LIMIT, offset }, parseRecord, requestId),
      ),
    );
    const pages = [first, ...rest];
    const records = pages.flatMap((p) => p.records);
    // total_count moving between pages means the dataset changed under us: the union is unreliable.
    if (records.length !== first.totalCount || pages.some((p) => p.totalCount !== first.totalCount)) {
      throw new CodedError(
        ErrorCode.UPSTREAM_BAD_RESPONSE,
        `Opendatasoft dataset ${dataset} announced ${first.totalCount} records but its pages held ${records.length}.`,
        { dataset },
      );
    }
    const stalePages = pages.filter((p) => p.stale);
    const since = stalePages.map((p) => p.since ?? '').sort()[0];
    return { totalCount: first.totalCount, records, stale: stalePages.length > 0, since };
  }

  /**
   * Every record whose `field` is one of `values` (and that matches `query.where`, if given): the
   * values are deduplicated and cut into `in (…)` lists of {@link ODS_VALUES_PER_CALL}, each read
   * through {@link all}. Calls grow with the records found, not with the number of values.
   */
  async allIn<R>(
    dataset: string,
    list: { field: string; values: readonly string[] },
    query: OdsQuery,
    parseRecord: RecordParser<R>,
    requestId?: string,
  ): Promise<OdsRecords<R>> {
    const unique = [...new Set(list.values)].sort();
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += ODS_VALUES_PER_CALL)
      chunks.push(unique.slice(i, i + ODS_VALUES_PER_CALL));
    const parts = await Promise.all(
      chunks.map((chunk) => {
        const inList = odsqlIn(list.field, chunk);
        const where = query.where ? `(${query.where}) and ${inList}` : inList;
        return this.all(dataset, { ...query, where }, parseRecord, requestId);
      }),
    );
    const stale = parts.filter((p) => p.stale);
    return {
      totalCount: parts.reduce((sum, p) => sum + p.totalCount, 0),
      records: parts.flatMap((p) => p.records),
      stale: stale.length > 0,
      since: stale.map((p) => p.since ?? '').sort()[0],
    };
  }
}

function parsePage<R>(body: unknown, parseRecord: RecordParser<R>): { totalCount: number; records: R[] } {
  if (typeof body !== 'object' || body === null)
    throw new Error(`expected a JSON object, got ${describe(body)}`);
  const { total_count: totalCount, results } = body as Record<string, unknown>;
  if (typeof totalCount !== 'number' || !Number.isInteger(totalCount) || totalCount < 0) {
    throw new Error(`total_count must be a non-negative integer, got ${describe(totalCount)}`);
  }
  if (!Array.isArray(results)) throw new Error(`results must be an array, got ${describe(results)}`);
  const records = results.map((raw, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new Error(`results[${index}] must be an object, got ${describe(raw)}`);
    }
    return parseRecord(raw as Record<string, unknown>, index);
  });
  return { totalCount, records };
}

/** Quotes a string as an ODSQL string literal. */
export function odsqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `field in ("a", "b")`, or a clause matching nothing when the list is empty. */
export function odsqlIn(field: string, values: readonly string[]): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw new RangeError(`Not an ODSQL field name: "${field}"`);
  if (values.length === 0) return 'false';
  return `${field} in (${values.map(odsqlString).join(', ')})`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
