// The only code of this subgraph that talks to the Dgefp API. It reads records in lists of
// communes (`GET /api/records?communes=…&limit=100&offset=…` → `{total, results}`), every page,
// and checks each record field by field: garbage becomes UPSTREAM_BAD_RESPONSE naming Dgefp.
import { describeSource, type DatasetDescription, type SourceInfo } from '../../../kit/src/provenance.js';
import { INSEE_COMMUNE } from '../../../kit/src/reference/companyIds.js';
import { FieldReader } from '../../../kit/src/upstream/fieldReader.js';
import type { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';

export const RECORDS_PATH = '/api/records';
/** Largest page the API serves. */
export const MAX_LIMIT = 100;
/** Communes per call, to keep URLs short. */
const COMMUNES_PER_CALL = 200;

/**
 * What `source` says of every record: replace with your publisher, dataset id and its page on the
 * REAL host. Values are marked illustrative unless the configured base URL is `realBaseUrl`.
 */
export const DATASET: DatasetDescription = {
  publisher: 'Dgefp',
  dataset: 'dgefp-records',
  url: 'https://example.org/dgefp/api/records',
  realBaseUrl: 'https://example.org/dgefp',
};

/** One record of the Dgefp API. */
export interface DgefpRecord {
  id: string;
  label: string;
  communeCode: string;
  amount: number;
  date: string;
  source: SourceInfo;
}

/** Records read for a list of communes, and whether any came from a stale copy. */
export interface RecordsResult {
  records: DgefpRecord[];
  stale: boolean;
  since?: string;
  /** Provenance of these records (the oldest read among the pages). */
  source: SourceInfo;
}

/** The Dgefp API, as this subgraph uses it. */
export class DgefpClient {
  constructor(
    private readonly upstream: UpstreamClient,
    /** Where the upstream is read from (`source.illustrative` unless it is the real host). */
    readonly baseUrl: string,
  ) {}

  /** Every record located in these communes. */
  async recordsInCommunes(communes: readonly string[], requestId?: string): Promise<RecordsResult> {
    let retrievedAt: string | undefined;
    const found: Omit<DgefpRecord, 'source'>[] = [];
    const result = { stale: false, since: undefined as string | undefined };
    const unique = [...new Set(communes)].sort();
    for (let i = 0; i < unique.length; i += COMMUNES_PER_CALL) {
      const list = unique.slice(i, i + COMMUNES_PER_CALL).join(',');
      for (let offset = 0; ; offset += MAX_LIMIT) {
        const page = await this.upstream.request({
          method: 'GET',
          path: RECORDS_PATH,
          params: { communes: list, limit: MAX_LIMIT, offset },
          requestId,
          parse: parsePage,
        });
        if (page.stale) {
          result.stale = true;
          if (page.since && (!result.since || page.since < result.since)) result.since = page.since;
        }
        // A cached page says when it was fetched; a fresh one was read just now.
        const readAt = page.since ?? new Date().toISOString();
        if (!retrievedAt || readAt < retrievedAt) retrievedAt = readAt;
        found.push(...page.value.records);
        if (offset + MAX_LIMIT >= page.value.total) break;
      }
    }
    const source = describeSource(DATASET, this.baseUrl, retrievedAt ?? null);
    return { ...result, source, records: found.map((r) => ({ ...r, source })) };
  }
}

function parsePage(body: unknown): { total: number; records: Omit<DgefpRecord, 'source'>[] } {
  if (typeof body !== 'object' || body === null) throw new Error('the answer is not a JSON object');
  const page = new FieldReader(body as Record<string, unknown>, 'answer');
  const total = page.integer('total');
  const results = (body as { results?: unknown }).results;
  if (!Array.isArray(results))
    throw new Error(`answer.results must be a list; got ${JSON.stringify(results)}`);
  return { total, records: results.map(parseRecord) };
}

function parseRecord(raw: unknown, index: number): Omit<DgefpRecord, 'source'> {
  if (typeof raw !== 'object' || raw === null) throw new Error(`results[${index}] is not an object`);
  const r = new FieldReader(raw as Record<string, unknown>, `results[${index}]`);
  return {
    id: r.text('id'),
    label: r.text('label'),
    communeCode: r.code('commune', INSEE_COMMUNE, 'an INSEE commune code'),
    amount: r.amount('amount'),
    date: r.date('date'),
  };
}
