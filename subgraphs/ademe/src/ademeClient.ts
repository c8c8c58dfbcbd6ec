// The only code of this subgraph that talks to ADEME: the data-fair `lines` endpoint of its
// portal, read page after page by following `next` (an `after` cursor), with column filters
// taking lists (`<col>_in=a,b,c`) so one call covers many communes, companies or regions.
import type { UpstreamClient, UpstreamResult } from '../../../kit/src/upstream/upstreamClient.js';
import {
  checkAid,
  checkEnvelope,
  checkProject,
  type AdemeAid,
  type AidColumns,
  type FondsVertEnvelope,
  type FondsVertProject,
} from './ademeRecords.js';

export type { AdemeAid, FondsVertEnvelope, FondsVertProject };

/** Ids of the datasets read. */
export interface AdemeDatasets {
  aids: string;
  envelopes: string;
  projects: string;
}

/** What the client needs. */
export interface AdemeClientOptions {
  upstream: UpstreamClient;
  datasets: AdemeDatasets;
  aidColumns: AidColumns;
  /** Lines per call (data-fair allows up to 10,000). */
  pageSize: number;
  /** Values per `_in` filter, to keep URLs short. */
  valuesPerCall: number;
}

/** Lines found, and the oldest stale copy used to build them. */
export interface Fetched<T> {
  records: T[];
  staleSince?: string;
}

/** Fonds Vert envelopes and funded projects of some regions. */
export interface FondsVertOfRegions {
  envelopes: FondsVertEnvelope[];
  projects: FondsVertProject[];
}

/** ADEME's data-fair portal, as this subgraph uses it. */
export class AdemeClient {
  constructor(private readonly options: AdemeClientOptions) {}

  /** Aid to beneficiaries located in these communes. */
  aidsInCommunes(communes: readonly string[], requestId?: string): Promise<Fetched<AdemeAid>> {
    return this.inBatches(communes, (batch) =>
      this.aids({ [`${this.options.aidColumns.commune}_in`]: batch }, requestId),
    );
  }

  /** Aid to these companies (every establishment). */
  aidsOfCompanies(sirens: readonly string[], requestId?: string): Promise<Fetched<AdemeAid>> {
    return this.inBatches(sirens, (batch) =>
      this.aids({ [`${this.options.aidColumns.siren}_in`]: batch }, requestId),
    );
  }

  /** Every year's Fonds Vert envelopes and funded projects of these regions. */
  async fondsVertOfRegions(
    regions: readonly string[],
    requestId?: string,
  ): Promise<Fetched<FondsVertOfRegions>> {
    const [envelopes, projects] = await Promise.all([
      this.inBatches(regions, (batch) =>
        this.lines(this.options.datasets.envelopes, { codeRegion_in: batch }, checkEnvelope, requestId),
      ),
      this.inBatches(regions, (batch) =>
        this.lines(this.options.datasets.projects, { codeRegion_in: batch }, checkProject, requestId),
      ),
    ]);
    return {
      records: [{ envelopes: envelopes.records, projects: projects.records }],
      staleSince: oldest([envelopes.staleSince, projects.staleSince]),
    };
  }

  private aids(filter: Record<string, string>, requestId?: string): Promise<Fetched<AdemeAid>> {
    const columns = this.options.aidColumns;
    return this.lines(
      this.options.datasets.aids,
      filter,
      (line, where) => checkAid(line, columns, where),
      requestId,
    );
  }

  /** Runs `read` over slices of `values`, joined with commas, and merges the results. */
  private async inBatches<T>(
    values: readonly string[],
    read: (batch: string) => Promise<Fetched<T>>,
  ): Promise<Fetched<T>> {
    const batches: string[] = [];
    for (let i = 0; i < values.length; i += this.options.valuesPerCall) {
      batches.push(values.slice(i, i + this.options.valuesPerCall).join(','));
    }
    const parts = await Promise.all(batches.map(read));
    return { records: parts.flatMap((p) => p.records), staleSince: oldest(parts.map((p) => p.staleSince)) };
  }

  /** Every line matching the filter: one page, then the page its `next` names, until none. */
  private async lines<T>(
    dataset: string,
    filter: Record<string, string>,
    check: (line: Record<string, unknown>, where: string) => T,
    requestId?: string,
  ): Promise<Fetched<T>> {
    const records: T[] = [];
    const stale: (string | undefined)[] = [];
    let after: string | undefined;
    for (;;) {
      const page: UpstreamResult<Page<T>> = await this.options.upstream.request({
        method: 'GET',
        path: `/data-fair/api/v1/datasets/${encodeURIComponent(dataset)}/lines`,
        params: { ...filter, size: this.options.pageSize, after },
        requestId,
        parse: (body) => parsePage(body, check, this.options.pageSize),
      });
      records.push(...page.value.records);
      stale.push(page.stale ? page.since : undefined);
      if (page.value.after === undefined) break;
      if (page.value.after === after) throw new Error(`data-fair repeated the cursor "${after}"`);
      after = page.value.after;
    }
    return { records, staleSince: oldest(stale) };
  }
}

interface Page<T> {
  total: number;
  records: T[];
  /** The cursor of the next page, read from `next`; undefined on the last page. */
  after?: string;
}

function parsePage<T>(
  body: unknown,
  check: (line: Record<string, unknown>, where: string) => T,
  size: number,
): Page<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Error('expected {total, results, next}');
  const { total, results, next } = body as Record<string, unknown>;
  if (!Number.isInteger(total) || (total as number) < 0)
    throw new Error(`total must be a whole number; got ${JSON.stringify(total)}`);
  if (!Array.isArray(results)) throw new Error('results must be a list');
  if (results.length > size) throw new Error(`${results.length} results for a page of ${size}`);
  const records = results.map((line, i) => {
    if (typeof line !== 'object' || line === null || Array.isArray(line))
      throw new Error(`results[${i}] must be an object`);
    return check(line as Record<string, unknown>, `results[${i}]`);
  });
  if (next === undefined || next === null) return { total: total as number, records };
  if (typeof next !== 'string') throw new Error(`next must be a URL; got ${JSON.stringify(next)}`);
  let after: string | null;
  try {
    after = new URL(next).searchParams.get('after');
  } catch {
    throw new Error(`next is not a URL: "${next}"`);
  }
  if (!after) throw new Error(`next has no "after" cursor: "${next}"`);
  return { total: total as number, records, after };
}

function oldest(values: (string | undefined)[]): string | undefined {
  return values.filter((v): v is string => v !== undefined).sort()[0];
}
