// The records endpoint of Opendatasoft's Explore API v2.1 over in-memory datasets, with the
// portal's limits and error bodies: `limit` at most 100, `offset + limit` at most 10,000, a
// malformed or unknown-field ODSQL clause refused with 400 `ODSQLError`. Pure: no port, no clock.
import {
  compareRecords,
  OdsqlError,
  parseOrderBy,
  parseSelect,
  parseWhere,
  type OdsField,
  type OdsRecord,
} from './odsql.js';

/** One dataset the simulated portal publishes. */
export interface OdsDataset {
  id: string;
  fields: readonly OdsField[];
  records: readonly OdsRecord[];
}

/** An answer of the simulated portal. */
export interface OdsAnswer {
  status: number;
  body: unknown;
}

/** Largest `limit` the records endpoint accepts. */
export const MAX_LIMIT = 100;
/** Largest `offset + limit` the records endpoint accepts (deeper pages need the export endpoint). */
export const MAX_WINDOW = 10_000;
const DEFAULT_LIMIT = 10;

/** Path prefix of a dataset's records: `/api/explore/v2.1/catalog/datasets/{id}/records`. */
export const RECORDS_PATH = /^\/api\/explore\/v2\.1\/catalog\/datasets\/([^/]+)\/records\/?$/;

/** Answers `GET …/datasets/{id}/records` with its query parameters. */
export function answerRecords(
  datasets: ReadonlyMap<string, OdsDataset>,
  datasetId: string,
  params: URLSearchParams,
): OdsAnswer {
  const dataset = datasets.get(datasetId);
  if (!dataset) {
    return { status: 404, body: { error_code: 'NotFound', message: `Unknown dataset: ${datasetId}` } };
  }
  const limit = readInteger(params, 'limit', DEFAULT_LIMIT);
  if (typeof limit === 'object') return limit;
  const offset = readInteger(params, 'offset', 0);
  if (typeof offset === 'object') return offset;
  if (limit < -1 || limit > MAX_LIMIT) {
    return rest(
      `Invalid value for limit API parameter: ${limit} was found but -1 <= limit <= ${MAX_LIMIT} is expected.`,
    );
  }
  // -1 asks for "as many as allowed", which on this endpoint is one full page.
  const size = limit === -1 ? MAX_LIMIT : limit;
  if (offset < 0)
    return rest(`Invalid value for offset API parameter: ${offset} was found but offset >= 0 is expected.`);
  if (offset + size > MAX_WINDOW) {
    return rest(
      `Invalid value for offset API parameter: offset (${offset}) + limit (${size}) must be lower than or equal to ${MAX_WINDOW}; use the exports endpoint for deeper pages.`,
    );
  }
  try {
    const where = parseWhere(params.get('where') ?? undefined, dataset.fields);
    const select = parseSelect(params.get('select') ?? undefined, dataset.fields);
    const order = parseOrderBy(params.get('order_by') ?? undefined, dataset.fields);
    const matching = dataset.records.filter(where);
    if (order.length > 0) matching.sort(compareRecords(order));
    const results = matching.slice(offset, offset + size).map((record) => pick(record, select));
    return { status: 200, body: { total_count: matching.length, results } };
  } catch (error) {
    if (!(error instanceof OdsqlError)) throw error;
    return {
      status: 400,
      body: {
        error_code: 'ODSQLError',
        message: `ODSQL query is malformed: ${error.message}. Clause(s) containing the error(s): ${error.clause}.`,
      },
    };
  }
}

function readInteger(params: URLSearchParams, name: string, fallback: number): number | OdsAnswer {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw))
    return rest(`Invalid value for ${name} API parameter: "${raw}" is not an integer.`);
  return Number(raw);
}

function rest(message: string): OdsAnswer {
  return { status: 400, body: { error_code: 'InvalidRESTParameterError', message } };
}

function pick(record: OdsRecord, names: readonly string[]): OdsRecord {
  const out: OdsRecord = {};
  for (const name of names) out[name] = record[name] ?? null;
  return out;
}
