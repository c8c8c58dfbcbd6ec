// Opens the mirror: the embedded SQLite file by default, a real PostgreSQL when a URL is given.
// One Kysely query layer over both; migrations run here, so a store is always at the latest shape.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type LogEvent,
  type MigrationResult,
} from 'kysely';
import pg from 'pg';
import { guardMirror } from './mirrorError.js';
import { migrationProvider } from './migrations/index.js';
import type { MirrorDatabase } from './schema.js';

/** Where the embedded mirror lives unless told otherwise (gitignored). */
export const DEFAULT_MIRROR_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../data/mirror/mirror.sqlite',
);

/** Which engine a store runs on. */
export type MirrorEngine = 'sqlite' | 'postgres';

/** How to open the mirror; the caller's config module decides from the environment. */
export interface MirrorOptions {
  /** A postgres:// URL: use PostgreSQL. Without it, the embedded SQLite file is used. */
  databaseUrl?: string;
  /** SQLite file path (default {@link DEFAULT_MIRROR_FILE}); `:memory:` works for tests. */
  file?: string;
  /** PostgreSQL schema to live in (created if missing, put first on the search_path). */
  schema?: string;
  /** How long SQLite waits for another writer before giving up (default 5 s). */
  busyTimeoutMs?: number;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** Kysely log hook: sees every query (used to count queries per batch). */
  log?: (event: LogEvent) => void;
}

/** An open mirror: the typed query builder and how to close it. */
export interface MirrorStore {
  readonly db: Kysely<MirrorDatabase>;
  readonly engine: MirrorEngine;
  /** PostgreSQL schema the store lives in, when one was given. */
  readonly schema?: string;
  /** Appends rows to a table fast (the sync runner's staging load); rows share one set of keys. */
  bulkInsert(table: string, rows: readonly Record<string, unknown>[]): Promise<void>;
  close(): Promise<void>;
}

// PostgreSQL returns int8 and numeric as strings to avoid precision loss; our counts and cent
// sums stay far below 2^53, so numbers are exact and both engines answer the same types.
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
function pgTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === PG_INT8 || oid === PG_NUMERIC) return (value) => Number(value);
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
}

/** Opens (and migrates) the mirror store. */
export async function openMirror(options: MirrorOptions = {}): Promise<MirrorStore> {
  const store = options.databaseUrl ? await openPostgres(options.databaseUrl, options) : openSqlite(options);
  if (options.migrate !== false) {
    try {
      await migrateMirror(store);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

/** Applies pending migrations; returns what ran (empty when already up to date). */
export async function migrateMirror(store: MirrorStore): Promise<MigrationResult[]> {
  // Kysely looks for its migration tables in every schema unless told which one: a second store in
  // a fresh schema would find another schema's tables, skip creating its own, and fail.
  const migrator = new Migrator({
    db: store.db,
    provider: migrationProvider,
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
  });
  const { error, results } = await guardMirror('migrating', () => migrator.migrateToLatest());
  if (error) throw error instanceof Error ? error : new Error(`Mirror migration failed: ${String(error)}`);
  return results ?? [];
}

function openSqlite(options: MirrorOptions): MirrorStore {
  const file = options.file ?? DEFAULT_MIRROR_FILE;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  // WAL lets the subgraphs read the previous copy while a sync writes the next one.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  // SQLite's default 2 MB page cache thrashes once a 300,000-row table and its indexes outgrow
  // it (a full sync slowed 5x); 32 MB keeps a national load fast within the memory budget.
  database.pragma('cache_size = -32768');
  database.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  const db = new Kysely<MirrorDatabase>({ dialect: new SqliteDialect({ database }), log: options.log });
  const statements = new Map<string, Database.Statement>();
  const bulkInsert = async (table: string, rows: readonly Record<string, unknown>[]) => {
    const first = rows[0];
    if (!first) return;
    const columns = Object.keys(first);
    const key = `${table}(${columns.join(',')})`;
    let statement = statements.get(key);
    if (!statement) {
      const names = columns.map((c) => `"${c}"`).join(', ');
      statement = database.prepare(
        `insert into "${table}" (${names}) values (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      statements.set(key, statement);
    }
    const insert = statement;
    // Through Kysely's one connection, so the raw statements never land inside another caller's
    // open transaction; a prepared statement in one SQLite transaction is ~10x Kysely's multi-row
    // insert, which recompiles its SQL for every batch.
    await db.connection().execute(async () => {
      database.transaction(() => {
        for (const row of rows) insert.run(row);
      })();
    });
  };
  return { db, engine: 'sqlite', bulkInsert, close: () => db.destroy() };
}

async function openPostgres(url: string, options: MirrorOptions): Promise<MirrorStore> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`Mirror schema must be a lower-case SQL identifier, got "${schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    types: { getTypeParser: pgTypeParser },
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A server restart or a terminated backend kills idle clients; without a listener that error
  // would crash the process. The pool drops the dead client and the next query reconnects.
  pool.on('error', () => undefined);
  // Same for a client checked out when its connection drops between two queries: the running
  // query fails on its own (and becomes MIRROR_UNAVAILABLE); the event must not crash us.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<MirrorDatabase>({ dialect: new PostgresDialect({ pool }), log: options.log });
  const bulkInsert = async (table: string, rows: readonly Record<string, unknown>[]) => {
    if (rows.length === 0) return;
    await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto(table)
      .values([...rows])
      .execute();
  };
  const store: MirrorStore = { db, engine: 'postgres', schema, bulkInsert, close: () => db.destroy() };
  if (!schema) return store;
  try {
    await guardMirror('creating the schema', () =>
      sql`create schema if not exists ${sql.id(schema)}`.execute(db),
    );
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
