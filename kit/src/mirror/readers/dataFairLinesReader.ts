// data-fair `lines` paging (`{total, results, next}`, the `next` URL carrying `after`), as ADEME
// publishes its aids. Pages are fetched one at a time as the runner consumes them.
import { CodedError, ErrorCode } from '../../errors.js';
import type { ReadContext, SourcedRow, UpstreamAnswer } from '../sourceDefinition.js';
import { expectOk } from './httpBody.js';

/** Which data-fair dataset to page through. */
export interface DataFairLinesOptions {
  /** Portal root, e.g. https://data.ademe.fr */
  baseUrl: string;
  /** The dataset id; ADEME's contains an apostrophe, sent as %27. */
  datasetId: string;
  /** Lines per page (data-fair allows up to 10,000). */
  pageSize?: number;
}

/** `encodeURIComponent` leaves `'` alone; data-fair clients send it as %27. */
export function dataFairDatasetPath(datasetId: string): string {
  return `/data-fair/api/v1/datasets/${encodeURIComponent(datasetId).replace(/'/g, '%27')}`;
}

interface LinesPage {
  total?: number;
  results?: unknown;
  next?: string;
}

/** A reader for a data-fair dataset's lines; unchanged when its `dataUpdatedAt` has not moved. */
export function dataFairLinesReader(
  options: DataFairLinesOptions,
): (context: ReadContext) => Promise<UpstreamAnswer> {
  return async ({ cursor, fetch, signal }) => {
    const datasetUrl = new URL(dataFairDatasetPath(options.datasetId), options.baseUrl).toString();
    // The dataset's metadata says when its data last changed: one small request instead of
    // every page when nothing did.
    const meta = await fetch(datasetUrl, { signal });
    await expectOk(meta, datasetUrl);
    const info = (await meta.json()) as { dataUpdatedAt?: unknown; updatedAt?: unknown };
    const updatedAt =
      typeof info.dataUpdatedAt === 'string'
        ? info.dataUpdatedAt
        : typeof info.updatedAt === 'string'
          ? info.updatedAt
          : undefined;
    if (updatedAt && cursor?.lastModified === updatedAt) return { unchanged: true };
    const first = new URL(`${datasetUrl}/lines`);
    first.searchParams.set('size', String(options.pageSize ?? 1000));
    async function* pages(): AsyncIterable<SourcedRow> {
      let url: string | undefined = first.toString();
      let index = 0;
      while (url) {
        const response = await fetch(url, { signal });
        await expectOk(response, url);
        const page = (await response.json()) as LinesPage;
        if (!Array.isArray(page.results)) {
          throw new CodedError(ErrorCode.UPSTREAM_BAD_RESPONSE, `${url} has no "results" array`);
        }
        for (const line of page.results) {
          index++;
          const ref = `line ${index}`;
          if (line && typeof line === 'object' && !Array.isArray(line))
            yield { raw: line as Record<string, unknown>, ref };
          else
            yield {
              raw: {},
              ref,
              malformed: `expected an object, got ${JSON.stringify(line)?.slice(0, 80)}`,
            };
        }
        // An empty page ends the paging even if a `next` is given (seen on the real portal).
        url = page.results.length > 0 && typeof page.next === 'string' ? page.next : undefined;
      }
    }
    return { mode: 'full', rows: pages(), cursor: () => (updatedAt ? { lastModified: updatedAt } : {}) };
  };
}
