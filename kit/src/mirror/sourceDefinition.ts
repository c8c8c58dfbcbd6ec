// What a mirrored source is to the sync runner: how to read its upstream, how to parse a row,
// and which table it fills. Readers do I/O; parsers are pure.
import type { Insertable } from 'kysely';
import type { ParseResult, RawRow } from './parsers/parseResult.js';
import type { SourceTableName, SourceTables, SyncCursor } from './schema.js';

/** One upstream row and where it was (line or record number), for reject reports. */
export interface SourcedRow {
  raw: RawRow;
  ref: string;
  /** Set by a reader when the row cannot even be split into fields (e.g. wrong column count). */
  malformed?: string;
}

/** What a reader hands back when the upstream has rows to give. */
export interface UpstreamRows {
  /** `full`: every row, replacing the table; `changes`: rows changed since the cursor, merged by key. */
  mode: 'full' | 'changes';
  /** Rows as they stream in; an error thrown while iterating aborts the sync. */
  rows: AsyncIterable<SourcedRow>;
  /** Expected row count when the upstream says it (progress only). */
  total?: number;
  /** Cursor parts the upstream gave (ETag, Last-Modified…), read once rows are drained. */
  cursor(): SyncCursor;
}

/** A reader's answer: rows, or "nothing changed since the cursor" (HTTP 304, no newer record). */
export type UpstreamAnswer = UpstreamRows | { unchanged: true; cursor?: SyncCursor };

/** What the runner passes a reader. */
export interface ReadContext {
  /** The cursor saved by the last successful sync, or null for a first or full sync. */
  cursor: SyncCursor | null;
  fetch: typeof fetch;
  signal: AbortSignal;
}

/** A mirrored source: its upstream reader, its pure row parser and its table. */
export interface SourceDefinition<T extends SourceTableName = SourceTableName> {
  /** Key in sync_state and sync_lock, and what `npm run sync <name>` takes. */
  name: string;
  table: T;
  read(context: ReadContext): Promise<UpstreamAnswer>;
  parse(raw: RawRow): ParseResult<Insertable<SourceTables[T]>>;
  /** The record's modification date, when the source has one: it advances `modifiedSince`. */
  modifiedAt?(record: Insertable<SourceTables[T]>): string | null | undefined;
  /** Fill unlocated records' commune, department and EPCI from company_location by SIREN. */
  locateBySiren?: boolean;
  /**
   * Its own time between scheduled syncs, for a source that changes within the day (France
   * Travail's offer window); the scheduler's interval (SYNC_INTERVAL) when absent. 0: never.
   */
  intervalMs?: number;
}
