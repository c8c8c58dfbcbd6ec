// Opendatasoft Explore v2.1 bulk exports (`/api/explore/v2.1/catalog/datasets/{id}/exports/csv|json`):
// one streamed request for the whole dataset, or only the rows modified since the cursor.
import type { ReadContext, SourcedRow, UpstreamAnswer } from '../sourceDefinition.js';
import { csvRecords } from './csvRows.js';
import { conditionalHeaders, expectOk, textChunks, validatorsOf } from './httpBody.js';
import { jsonArrayItems } from './jsonArrayItems.js';

/** Which dataset to export, in which format, and the date field that makes it incremental. */
export interface OdsExportOptions {
  /** Portal root, e.g. https://data.economie.gouv.fr */
  baseUrl: string;
  datasetId: string;
  format: 'csv' | 'json';
  /** A date field (e.g. `mise_a_jour`): later syncs ask only `where=<field> > date'<cursor>'`. */
  modifiedField?: string;
}

/** The export URL for `options`, with the incremental filter when a cursor date is given. */
export function odsExportUrl(options: OdsExportOptions, modifiedSince?: string): string {
  const url = new URL(
    `/api/explore/v2.1/catalog/datasets/${encodeURIComponent(options.datasetId)}/exports/${options.format}`,
    options.baseUrl,
  );
  // CSV columns named as fields, not labels, so parsers see the same keys as in JSON.
  if (options.format === 'csv') url.searchParams.set('use_labels', 'false');
  if (options.modifiedField && modifiedSince) {
    url.searchParams.set('where', `${options.modifiedField} > date'${modifiedSince}'`);
  }
  return url.toString();
}

/** A reader for an Opendatasoft dataset export. */
export function odsExportReader(
  options: OdsExportOptions,
): (context: ReadContext) => Promise<UpstreamAnswer> {
  return async ({ cursor, fetch, signal }) => {
    const since = options.modifiedField ? cursor?.modifiedSince : undefined;
    const url = odsExportUrl(options, since);
    const response = await fetch(url, { headers: since ? {} : conditionalHeaders(cursor), signal });
    await expectOk(response, url);
    if (response.status === 304) return { unchanged: true };
    const rows =
      options.format === 'csv' ? csvRecords(textChunks(response), ';') : jsonRows(textChunks(response));
    return { mode: since ? 'changes' : 'full', rows, cursor: () => validatorsOf(response) };
  };
}

async function* jsonRows(chunks: AsyncIterable<string>): AsyncIterable<SourcedRow> {
  let index = 0;
  for await (const item of jsonArrayItems(chunks)) {
    index++;
    const ref = `record ${index}`;
    if (item && typeof item === 'object' && !Array.isArray(item))
      yield { raw: item as Record<string, unknown>, ref };
    else yield { raw: {}, ref, malformed: `expected an object, got ${JSON.stringify(item)?.slice(0, 80)}` };
  }
}
