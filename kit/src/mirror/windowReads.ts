// The query side of an operator's window (operatorWindow.ts): a request reads the window while
// its last sync is at most `maxAgeMs` old, one SQL query per DataLoader batch; keys the window does
// not cover (places outside the programme, company lookups) and every key while the window is off,
// too old or unreadable are read live, as before the window existed.
import type { Kysely } from 'kysely';
import type { SourceInfo } from '../provenance.js';
import type { ProgrammeScope } from '../reference/programmeCommunes.js';
import { guardMirror } from './mirrorError.js';
import { MANY_PLACES } from './queries.js';
import { freshSyncTime } from './freshness.js';
import type { WindowTableName } from './schema.js';
import type { MirrorHandle } from './sharedMirror.js';

/** A window: its source name (sync_state, /ready, `npm run sync`) and its table. */
export interface WindowName {
  source: string;
  table: WindowTableName;
}

/** The place columns a window is read by. */
export type WindowColumn = 'commune_code' | 'department_code' | 'epci_siren';

type Row = { position: number; payload: string } & Record<WindowColumn, string | null>;

/** One request's view of a window: its freshness is read once, its records one query per batch. */
export class WindowReads {
  private synced?: Promise<string | null>;

  constructor(
    private readonly mirror: MirrorHandle,
    private readonly name: WindowName,
    /** The oldest sync still read; older, the live API answers. */
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** When the window was synced, if that is recent enough to answer from; null otherwise. Never rejects. */
  syncedAt(): Promise<string | null> {
    return (this.synced ??= freshSyncTime(this.mirror.store(), this.name.source, this.maxAgeMs, this.now));
  }

  /** The records of `kind` at each key of `column` (JSON parsed), each list in the sync's order. */
  async byPlace<T>(kind: string, column: WindowColumn, keys: readonly string[]): Promise<T[][]> {
    const { table } = this.name;
    const store = await this.mirror.store();
    const db = store.db as unknown as Kysely<Record<string, Row & { kind: string }>>;
    const found = new Map<string, T[]>();
    const unique = [...new Set(keys)];
    await guardMirror(`reading ${table} by ${column}`, async () => {
      let query = db.selectFrom(table).select([column, 'payload']).where('kind', '=', kind);
      // A window holds the programme's places only, a few thousand records: for a batch of many
      // places (a region, the national picture) reading the kind whole and keeping the asked places
      // costs a third of probing the index once per place.
      const asked = unique.length > MANY_PLACES ? new Set(unique) : undefined;
      if (!asked) query = query.where(column, 'in', unique);
      for (const row of await query.orderBy('position').execute()) {
        const key = row[column];
        if (key === null || (asked && !asked.has(key))) continue;
        const record = JSON.parse(row.payload) as T;
        const list = found.get(key);
        if (list) list.push(record);
        else found.set(key, [record]);
      }
    });
    return keys.map((key) => found.get(key) ?? []);
  }
}

/** What a request's loaders know of the window: their view of it and the places it covers. */
export interface RequestWindow {
  reads: WindowReads;
  scope: ProgrammeScope;
}

/**
 * The `source` of a window's records, as a live batch gives one per read: made once per sync
 * time; `onSync` hears each new time (for a request's `retrievedAt`).
 */
export function windowSource(
  sourceOf: (syncedAt: string) => SourceInfo,
  onSync?: (syncedAt: string) => void,
): (syncedAt: string) => SourceInfo {
  let made: { at: string; source: SourceInfo } | undefined;
  return (syncedAt) => {
    if (made?.at !== syncedAt) {
      onSync?.(syncedAt);
      made = { at: syncedAt, source: sourceOf(syncedAt) };
    }
    return made.source;
  };
}

/** A window's records as the live client returns them: each with `source`. */
export function withSource<R, T>(records: R[], source: SourceInfo): T[] {
  return records.map((record) => ({ ...record, source }) as T);
}

/**
 * A batch of records by commune for a client whose records each carry their `source` (VTE,
 * Business France): from the window while it is fresh, each record given the source of the
 * window's sync (`sourceOf`, made once per sync time; `onSync` hears the time), live otherwise.
 */
export function sourcedCommuneBatch<T extends { source: SourceInfo }>(
  window: RequestWindow | undefined,
  kind: string,
  sourceOf: (syncedAt: string) => SourceInfo,
  onSync: (syncedAt: string) => void,
  live: (communes: readonly string[]) => Promise<T[][]>,
): (communes: readonly string[]) => Promise<T[][]> {
  const sourceAt = windowSource(sourceOf, onSync);
  return windowedBatch(
    window,
    kind,
    'commune_code',
    (records: Omit<T, 'source'>[], syncedAt) => withSource<Omit<T, 'source'>, T>(records, sourceAt(syncedAt)),
    live,
  );
}

/** The set of places of the programme a column's keys are checked against. */
const COVERED: Record<WindowColumn, (scope: ProgrammeScope) => ReadonlySet<string>> = {
  commune_code: (scope) => scope.communeSet,
  department_code: (scope) => scope.departmentSet,
  epci_siren: (scope) => scope.epciSet,
};

/**
 * A DataLoader batch function by place: while the window is fresh, the keys it covers (places of
 * the programme) are answered from it — the records of `kind` at each key, shaped by `shape` with
 * the window's sync time — and the other keys live; while it is off, too old or unreadable, every
 * key is read live. Values come in key order.
 */
export function windowedBatch<R, V>(
  window: RequestWindow | undefined,
  kind: string,
  column: WindowColumn,
  shape: (records: R[], syncedAt: string, key: string) => V,
  live: (keys: readonly string[]) => Promise<V[]>,
): (keys: readonly string[]) => Promise<V[]> {
  return async (keys) => {
    const syncedAt = window ? await window.reads.syncedAt() : null;
    if (!window || syncedAt === null) return live(keys);
    const covered = COVERED[column](window.scope);
    const inWindow = keys.filter((key) => covered.has(key));
    const outside = keys.filter((key) => !covered.has(key));
    const fromWindow = async () => {
      const lists = await window.reads.byPlace<R>(kind, column, inWindow);
      return lists.map((records, i) => shape(records, syncedAt, inWindow[i]!));
    };
    const [windowed, lived] = await Promise.all([
      inWindow.length === 0 ? [] : fromWindow().catch(() => live(inWindow)),
      outside.length === 0 ? [] : live(outside),
    ]);
    if (outside.length === 0) return windowed;
    const values = new Map<string, V>();
    inWindow.forEach((key, i) => values.set(key, windowed[i]!));
    outside.forEach((key, i) => values.set(key, lived[i]!));
    return keys.map((key) => values.get(key)!);
  };
}
