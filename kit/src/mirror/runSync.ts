// The sync runner: takes the source's lease, streams its upstream through the pure parser into
// the staging table, then swaps staging in with ONE transaction. Until that commit the previous
// copy keeps serving untouched, so a cut download, an upstream error or a crash changes nothing.
import { sql, type Kysely } from 'kysely';
import { CodedError, ErrorCode } from '../errors.js';
import { isMirrorUnavailable } from './mirrorError.js';
import type { MirrorStore } from './openMirror.js';
import type { RawRow, Rejection } from './parsers/parseResult.js';
import type { SourceTableName, SyncCursor, SyncRejectTable, SyncStateTable } from './schema.js';
import type { SourceDefinition, UpstreamRows } from './sourceDefinition.js';
import { acquireLease, newHolderId, releaseLease, renewLease } from './syncLock.js';

/** Where a running sync is, for a progress bar or a log line. */
export interface SyncProgress {
  source: string;
  phase: 'reading' | 'swapping' | 'done';
  read: number;
  loaded: number;
  rejected: number;
  /** Rows the upstream announced, when it did. */
  total?: number;
}

/** How to run one sync; everything is optional. */
export interface SyncOptions {
  /** HTTP client for the readers (default: the global fetch). */
  fetch?: typeof fetch;
  /** Lease holder name (default: host, pid and a random part). */
  holder?: string;
  /** Lease length; the runner renews it every third of it (default 60 s). */
  leaseMs?: number;
  /** Rows per insert into staging (default 1,000; PostgreSQL binds at most 65,535 parameters per statement). */
  batchSize?: number;
  /** Ignore the saved cursor and read the whole dataset. */
  full?: boolean;
  /** Rejected rows stored with their detail (all are counted; default 1,000). */
  maxStoredRejects?: number;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
}

/** What a sync did. `locked`: another sync of the source holds the lease, nothing was done. */
export interface SyncResult {
  source: string;
  status: 'loaded' | 'unchanged' | 'locked' | 'failed';
  mode?: 'full' | 'changes';
  /** Rows read from the upstream in this sync. */
  read: number;
  /** Records written by this sync. */
  loaded: number;
  rejected: number;
  /** Records in the live table after the sync, and how many of them are unlocated. */
  recordCount: number;
  unlocatedCount: number;
  error?: { code: ErrorCode; message: string };
}

// The column that says a record is located: BMO rows sit in a department, the rest in a commune.
// An operator's window is read by place, so every record it holds is placed by that read: none.
const LOCATED_COLUMN: Record<SourceTableName, 'commune_code' | 'department_code' | null> = {
  cdc_subsidy: 'commune_code',
  france_relance_project: 'commune_code',
  france_2030_laureate: 'commune_code',
  ademe_aid: 'commune_code',
  fonds_vert_project: 'commune_code',
  bmo_row: 'department_code',
  france_travail_offer: 'commune_code',
  company_location: 'commune_code',
  vte_window: null,
  business_france_window: null,
  dgefp_window: null,
  apec_window: null,
  action_logement_window: null,
};

/** The column whose null means "unlocated" in `table`; null when its records are never unlocated. */
export function locatedColumnOf(table: SourceTableName): 'commune_code' | 'department_code' | null {
  return LOCATED_COLUMN[table];
}

type Row = Record<string, unknown>;
// The runner works on any source table by name; Kysely's static types cannot follow a table
// chosen at run time, so row writes go through this loosely typed view of the same database.
type LooseDb = Kysely<Record<string, Row>>;

/** Syncs one source into the mirror; never throws for upstream or data faults, it reports them. */
export async function runSync<T extends SourceTableName>(
  store: MirrorStore,
  source: SourceDefinition<T>,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const holder = options.holder ?? newHolderId();
  const leaseMs = options.leaseMs ?? 60_000;
  const result: SyncResult = {
    source: source.name,
    status: 'locked',
    read: 0,
    loaded: 0,
    rejected: 0,
    recordCount: 0,
    unlocatedCount: 0,
  };
  try {
    if (!(await acquireLease(store, source.name, holder, leaseMs))) return result;
  } catch (error) {
    // The database itself is not there: nothing was touched, say so with a code.
    const coded = asSyncError(error);
    return { ...result, status: 'failed', error: { code: coded.code, message: coded.message } };
  }

  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  // Renewing keeps a long sync's lease; failing to renew means someone took it over: stop.
  const renewal = setInterval(
    () => {
      renewLease(store, source.name, holder, leaseMs).then(
        (held) => held || abort.abort(new Error('the sync lease was lost')),
        (error: unknown) => abort.abort(error),
      );
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  const startedAt = new Date().toISOString();
  try {
    await markRunning(store, source.name, startedAt);
    const previous = options.full ? null : await savedCursor(store, source.name);
    const answer = await source.read({
      cursor: previous,
      fetch: options.fetch ?? fetch,
      signal: abort.signal,
    });
    if ('unchanged' in answer) {
      await finishUnchanged(store, source.name, startedAt, { ...previous, ...answer.cursor });
      return { ...result, status: 'unchanged', ...(await counts(store.db, source.table)) };
    }
    const loaded = await loadStaging(store, source, answer, abort.signal, options, result);
    if (answer.mode === 'changes' && result.read === 0) {
      await finishUnchanged(store, source.name, startedAt, { ...previous, ...answer.cursor() });
      return { ...result, status: 'unchanged', mode: 'changes', ...(await counts(store.db, source.table)) };
    }
    const modifiedSince = maxOf(
      answer.mode === 'changes' ? previous?.modifiedSince : undefined,
      loaded.maxModified,
    );
    const cursor: SyncCursor = { ...answer.cursor(), ...(modifiedSince ? { modifiedSince } : {}) };
    options.onProgress?.({
      source: source.name,
      phase: 'swapping',
      read: result.read,
      loaded: result.loaded,
      rejected: result.rejected,
    });
    const after = await swapIn(store, source, answer.mode, holder, {
      startedAt,
      cursor,
      rejects: loaded.rejects,
      rejectedCount: result.rejected,
    });
    options.onProgress?.({
      source: source.name,
      phase: 'done',
      read: result.read,
      loaded: result.loaded,
      rejected: result.rejected,
    });
    return { ...result, status: 'loaded', mode: answer.mode, ...after };
  } catch (error) {
    const coded = asSyncError(error);
    await recordFailure(store, source.name, source.table, startedAt, coded).catch(() => undefined);
    return { ...result, status: 'failed', error: { code: coded.code, message: coded.message } };
  } finally {
    clearInterval(renewal);
    options.signal?.removeEventListener('abort', onOuterAbort);
    await releaseLease(store, source.name, holder).catch(() => undefined);
  }
}

async function loadStaging<T extends SourceTableName>(
  store: MirrorStore,
  source: SourceDefinition<T>,
  answer: UpstreamRows,
  signal: AbortSignal,
  options: SyncOptions,
  result: SyncResult,
): Promise<{ rejects: SyncRejectTable[]; maxModified: string | undefined }> {
  const db = store.db as unknown as LooseDb;
  const staging = `${source.table}_staging`;
  const batchSize = options.batchSize ?? 1000;
  const maxStored = options.maxStoredRejects ?? 1000;
  await db.deleteFrom(staging).execute();
  const rejects: SyncRejectTable[] = [];
  const keys = new Set<string>();
  let batch: Row[] = [];
  let maxModified: string | undefined;
  const progress = () =>
    options.onProgress?.({
      source: source.name,
      phase: 'reading',
      read: result.read,
      loaded: result.loaded,
      rejected: result.rejected,
      total: answer.total,
    });
  const flush = async () => {
    if (batch.length === 0) return;
    await store.bulkInsert(staging, batch);
    result.loaded += batch.length;
    batch = [];
    progress();
  };
  const rejectRow = (ref: string, raw: RawRow, rejection: Rejection) => {
    result.rejected++;
    if (rejects.length < maxStored) {
      rejects.push({
        source: source.name,
        ref,
        reason: rejection.reason,
        detail: rejection.detail,
        excerpt: JSON.stringify(raw).slice(0, 500),
      });
    }
  };

  for await (const row of answer.rows) {
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('sync aborted');
    result.read++;
    if (row.malformed) {
      rejectRow(row.ref, row.raw, { reason: 'MALFORMED_ROW', detail: row.malformed });
      continue;
    }
    const parsed = source.parse(row.raw);
    if ('rejected' in parsed) {
      rejectRow(row.ref, row.raw, parsed.rejected);
      continue;
    }
    const record = parsed.ok as Row & { record_key: string };
    if (keys.has(record.record_key)) {
      rejectRow(row.ref, row.raw, {
        reason: 'DUPLICATE_RECORD',
        detail: `record key ${record.record_key} already read in this sync`,
      });
      continue;
    }
    keys.add(record.record_key);
    maxModified = maxOf(maxModified, source.modifiedAt?.(parsed.ok) ?? undefined);
    batch.push(record);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return { rejects, maxModified };
}

async function swapIn<T extends SourceTableName>(
  store: MirrorStore,
  source: SourceDefinition<T>,
  mode: 'full' | 'changes',
  holder: string,
  state: { startedAt: string; cursor: SyncCursor; rejects: SyncRejectTable[]; rejectedCount: number },
): Promise<{ recordCount: number; unlocatedCount: number }> {
  const live = sql.table(source.table);
  const staging = sql.table(`${source.table}_staging`);
  return store.db.transaction().execute(async (trx) => {
    // A sync whose lease expired and was taken over must not overwrite the newer one's work.
    const lock = await trx
      .selectFrom('sync_lock')
      .select('holder')
      .where('source', '=', source.name)
      .executeTakeFirst();
    if (lock?.holder !== holder) throw new Error('the sync lease was lost before the swap');
    if (source.locateBySiren)
      await locateFromCompanies(trx as unknown as Kysely<unknown>, `${source.table}_staging`);
    if (mode === 'full') await sql`delete from ${live}`.execute(trx);
    else await sql`delete from ${live} where record_key in (select record_key from ${staging})`.execute(trx);
    // Staging and live are created by the same migration, so their columns are in the same order.
    await sql`insert into ${live} select * from ${staging}`.execute(trx);
    await sql`delete from ${staging}`.execute(trx);
    const after = await counts(trx, source.table);
    await trx.deleteFrom('sync_reject').where('source', '=', source.name).execute();
    for (let i = 0; i < state.rejects.length; i += 200) {
      await trx
        .insertInto('sync_reject')
        .values(state.rejects.slice(i, i + 200))
        .execute();
    }
    await upsertState(trx, source.name, {
      last_sync_at: state.startedAt,
      last_success_at: state.startedAt,
      record_count: after.recordCount,
      rejected_count: state.rejectedCount,
      unlocated_count: after.unlocatedCount,
      cursor: JSON.stringify(state.cursor),
      status: 'loaded',
      last_error: null,
    });
    return after;
  });
}

// Records with a SIREN and no commune take their company's head office from company_location.
async function locateFromCompanies(db: Kysely<unknown>, table: string): Promise<void> {
  const t = sql.table(table);
  const from = (column: string) =>
    sql`(select c.${sql.ref(column)} from company_location c where c.siren = ${t}.siren)`;
  await sql`update ${t} set
      commune_code = ${from('commune_code')},
      epci_siren = coalesce(${t}.epci_siren, ${from('epci_siren')}),
      department_code = coalesce(${t}.department_code, ${from('department_code')})
    where ${t}.commune_code is null and ${t}.siren is not null
      and exists (select 1 from company_location c where c.siren = ${t}.siren and c.commune_code is not null)`.execute(
    db,
  );
}

async function counts(
  kysely: MirrorStore['db'],
  table: SourceTableName,
): Promise<{ recordCount: number; unlocatedCount: number }> {
  const located = locatedColumnOf(table);
  const unlocated = located ? sql`sum(case when ${sql.ref(located)} is null then 1 else 0 end)` : sql`0`;
  const row = await sql<{ total: number | string; unlocated: number | string | null }>`
    select count(*) as total, ${unlocated} as unlocated from ${sql.table(table)}`.execute(kysely);
  const first = row.rows[0];
  return { recordCount: Number(first?.total ?? 0), unlocatedCount: Number(first?.unlocated ?? 0) };
}

type StateUpdate = Partial<Omit<SyncStateTable, 'source'>>;

async function upsertState(db: MirrorStore['db'], source: string, update: StateUpdate): Promise<void> {
  await db
    .insertInto('sync_state')
    .values({ source, record_count: 0, rejected_count: 0, unlocated_count: 0, status: 'never', ...update })
    .onConflict((oc) => oc.column('source').doUpdateSet(update))
    .execute();
}

async function markRunning(store: MirrorStore, source: string, startedAt: string): Promise<void> {
  await upsertState(store.db, source, { status: 'running', last_sync_at: startedAt });
}

async function finishUnchanged(
  store: MirrorStore,
  source: string,
  at: string,
  cursor: SyncCursor,
): Promise<void> {
  await upsertState(store.db, source, {
    status: 'unchanged',
    last_sync_at: at,
    last_success_at: at,
    last_error: null,
    cursor: JSON.stringify(cursor),
  });
}

async function recordFailure(
  store: MirrorStore,
  source: string,
  table: SourceTableName,
  at: string,
  error: CodedError,
): Promise<void> {
  await (store.db as unknown as LooseDb).deleteFrom(`${table}_staging`).execute();
  await upsertState(store.db, source, {
    status: 'failed',
    last_sync_at: at,
    last_error: `${error.code}: ${error.message}`,
  });
}

async function savedCursor(store: MirrorStore, source: string): Promise<SyncCursor | null> {
  const row = await store.db
    .selectFrom('sync_state')
    .select('cursor')
    .where('source', '=', source)
    .executeTakeFirst();
  if (!row?.cursor) return null;
  try {
    return JSON.parse(row.cursor) as SyncCursor;
  } catch {
    return null;
  }
}

function asSyncError(error: unknown): CodedError {
  if (error instanceof CodedError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = isMirrorUnavailable(error) ? ErrorCode.MIRROR_UNAVAILABLE : ErrorCode.MIRROR_SYNC_FAILED;
  return new CodedError(code, message);
}

function maxOf(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}
