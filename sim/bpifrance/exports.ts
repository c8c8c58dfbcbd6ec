// Opendatasoft Explore v2.1 exports of an in-memory dataset:
// `GET /api/explore/v2.1/catalog/datasets/{id}/exports/{csv|json}` with `where` and `select`.
// CSV as the portal writes it: `;`-separated, a header of field names (`use_labels=false`),
// quotes only around values that need them, `\n` line ends, integral doubles with a `.0`,
// geo points as "lat, lon". JSON: one array of flat records. Pure: no port.
import type { OdsDataset, OdsAnswer } from '../protocols/exploreApi.js';
import { OdsqlError, parseSelect, parseWhere, type OdsField, type OdsRecord } from '../protocols/odsql.js';

/** Path of a dataset's exports. */
export const EXPORTS_PATH = /^\/api\/explore\/v2\.1\/catalog\/datasets\/([^/]+)\/exports\/([a-z]+)\/?$/;

/** An export answer: CSV text or a JSON body. */
export type ExportAnswer = OdsAnswer & { csv?: string };

/** Answers one export request. */
export function answerExport(
  datasets: ReadonlyMap<string, OdsDataset>,
  datasetId: string,
  format: string,
  params: URLSearchParams,
): ExportAnswer {
  const dataset = datasets.get(datasetId);
  if (!dataset)
    return { status: 404, body: { error_code: 'NotFound', message: `Unknown dataset: ${datasetId}` } };
  if (format !== 'csv' && format !== 'json') {
    return {
      status: 400,
      body: { error_code: 'InvalidRESTParameterError', message: `Unknown export format: ${format}` },
    };
  }
  try {
    const where = parseWhere(params.get('where') ?? undefined, dataset.fields);
    const select = parseSelect(params.get('select') ?? undefined, dataset.fields);
    const rows = dataset.records.filter(where);
    if (format === 'json') return { status: 200, body: rows.map((r) => pickFields(r, select)) };
    const fields = select.map((name) => dataset.fields.find((f) => f.name === name)!);
    const lines = [select.join(';'), ...rows.map((r) => fields.map((f) => csvValue(f, r[f.name])).join(';'))];
    return { status: 200, body: null, csv: `${lines.join('\n')}\n` };
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

function pickFields(record: OdsRecord, names: readonly string[]): OdsRecord {
  const out: OdsRecord = {};
  for (const name of names) out[name] = record[name] ?? null;
  return out;
}

function csvValue(field: OdsField, value: OdsRecord[string] | undefined): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'object') text = `${value.lat}, ${value.lon}`;
  else if (typeof value === 'number' && field.type === 'double' && Number.isInteger(value))
    text = `${value}.0`;
  else text = String(value);
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
