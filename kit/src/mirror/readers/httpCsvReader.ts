// Plain CSV files over HTTP (the national open-data portal's static files): streamed, with a
// conditional GET so an unchanged file answers 304 and is not read again.
import type { ReadContext, UpstreamAnswer } from '../sourceDefinition.js';
import { csvRecords } from './csvRows.js';
import { conditionalHeaders, expectOk, textChunks, validatorsOf } from './httpBody.js';

/** Where the CSV file is and how it is separated (guessed from the header when not given). */
export interface HttpCsvOptions {
  url: string;
  separator?: ';' | ',';
}

/** A reader for one CSV file over HTTP. */
export function httpCsvReader(options: HttpCsvOptions): (context: ReadContext) => Promise<UpstreamAnswer> {
  return async ({ cursor, fetch, signal }) => {
    const response = await fetch(options.url, { headers: conditionalHeaders(cursor), signal });
    await expectOk(response, options.url);
    if (response.status === 304) return { unchanged: true };
    return {
      mode: 'full',
      rows: csvRecords(textChunks(response), options.separator ?? null),
      cursor: () => validatorsOf(response),
    };
  };
}
