// The exports endpoint of Opendatasoft's Explore API v2.1 over in-memory datasets:
// `GET /api/explore/v2.1/catalog/datasets/{id}/exports/json|csv` answers the WHOLE dataset (no
// 100-row page, no 10,000-row window), filtered by `where`, reduced by `select`, ordered by
// `order_by`. JSON is an array of flat records; CSV is `;`-separated with a header of field names
// (`use_labels=false`, what the mirror asks) and quotes where needed. An ETag (a hash of the body)
// lets a client ask again with If-None-Match and get 304 when nothing changed; whether the real
// portal sends ETags on exports is not recorded anywhere we could find, so the mirror treats them
// as optional. Pure: no port, no clock.
import { createHash } from 'node:crypto';
import type { OdsDataset } from './exploreApi.js';
import {
  compareRecords,
  OdsqlError,
  parseOrderBy,
  parseSelect,
  parseWhere,
  type OdsRecord,
} from './odsql.js';

/** Path of a dataset export: `/api/explore/v2.1/catalog/datasets/{id}/exports/{format}`. */
export const EXPORTS_PATH = /^\/api\/explore\/v2\.1\/catalog\/datasets\/([^/]+)\/exports\/([^/]+)\/?$/;

/** An answer of the exports endpoint. */
export interface OdsExportAnswer {
  status: number;
  /** The body as text (JSON or CSV), absent on 304. */
  text?: string;
  headers: Record<string, string>;
}

/** Answers `GET …/datasets/{id}/exports/{format}` with its query and If-None-Match header. */
export function answerExport(
  datasets: ReadonlyMap<string, OdsDataset>,
  datasetId: string,
  format: string,
  params: URLSearchParams,
  ifNoneMatch: string | undefined,
): OdsExportAnswer {
  const json = { 'content-type': 'application/json; charset=utf-8' };
  const dataset = datasets.get(datasetId);
  if (!dataset) {
    return {
      status: 404,
      text: JSON.stringify({ error_code: 'NotFound', message: `Unknown dataset: ${datasetId}` }),
      headers: json,
    };
  }
  if (format !== 'json' && format !== 'csv') {
    return {
      status: 400,
      text: JSON.stringify({
        error_code: 'InvalidRESTParameterError',
        message: `Unknown export format "${format}"; this portal exports json and csv.`,
      }),
      headers: json,
    };
  }
  let rows: OdsRecord[];
  let names: string[];
  try {
    const where = parseWhere(params.get('where') ?? undefined, dataset.fields);
    names = parseSelect(params.get('select') ?? undefined, dataset.fields);
    const order = parseOrderBy(params.get('order_by') ?? undefined, dataset.fields);
    rows = dataset.records.filter(where);
    if (order.length > 0) rows.sort(compareRecords(order));
  } catch (error) {
    if (!(error instanceof OdsqlError)) throw error;
    return {
      status: 400,
      text: JSON.stringify({
        error_code: 'ODSQLError',
        message: `ODSQL query is malformed: ${error.message}. Clause(s) containing the error(s): ${error.clause}.`,
      }),
      headers: json,
    };
  }
  const text = format === 'json' ? jsonBody(rows, names) : csvBody(rows, names);
  const etag = `"${createHash('sha1').update(text).digest('hex').slice(0, 32)}"`;
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag)) {
    return { status: 304, headers: { etag } };
  }
  return {
    status: 200,
    text,
    headers: {
      etag,
      'content-type': format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${datasetId}.${format}"`,
    },
  };
}

function jsonBody(rows: readonly OdsRecord[], names: readonly string[]): string {
  // One record per line, as the portal streams it: still one JSON array.
  return `[${rows.map((row) => JSON.stringify(pick(row, names))).join(',\n')}]`;
}

function csvBody(rows: readonly OdsRecord[], names: readonly string[]): string {
  const lines = [names.join(';')];
  for (const row of rows) lines.push(names.map((name) => csvValue(row[name] ?? null)).join(';'));
  return `${lines.join('\r\n')}\r\n`;
}

function csvValue(value: OdsRecord[string]): string {
  if (value === null) return '';
  const text =
    typeof value === 'object'
      ? `${value.lat}, ${value.lon}`
      : typeof value === 'string'
        ? value
        : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function pick(record: OdsRecord, names: readonly string[]): OdsRecord {
  const out: OdsRecord = {};
  for (const name of names) out[name] = record[name] ?? null;
  return out;
}
