// Test helpers that run one suite on both engines: a fresh SQLite file, or a fresh PostgreSQL
// schema (dropped at the end) on the test database. PostgreSQL is skipped only when it is
// unreachable and REQUIRE_POSTGRES is not set; CI sets it, so there a missing server fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogEvent } from 'kysely';
import pg from 'pg';
import { openMirror, type MirrorEngine, type MirrorStore } from '../../src/mirror/openMirror.js';

/** The test database (trust auth on this machine and in CI). */
export const POSTGRES_TEST_URL = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when the test PostgreSQL answers. */
export async function postgresReachable(url = POSTGRES_TEST_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The engines to run: both, or SQLite alone when PostgreSQL is away and not required. */
export async function enginesToTest(): Promise<MirrorEngine[]> {
  if (await postgresReachable()) return ['sqlite', 'postgres'];
  if (process.env.REQUIRE_POSTGRES) {
    throw new Error(`REQUIRE_POSTGRES is set but PostgreSQL at ${POSTGRES_TEST_URL} is unreachable`);
  }
  return ['sqlite'];
}

/** Where one test file's stores live, and how to open more stores on the same data. */
export interface TestMirror {
  engine: MirrorEngine;
  /** Opens another store on the same data (another "process"); closed by {@link TestMirror.cleanup}. */
  open(options?: {
    log?: (event: LogEvent) => void;
    busyTimeoutMs?: number;
    databaseUrl?: string;
  }): Promise<MirrorStore>;
  /** SQLite file path, or the PostgreSQL schema name. */
  location: string;
  cleanup(): Promise<void>;
}

/** A fresh, empty mirror location for one test file on `engine`. */
export function testMirror(engine: MirrorEngine, name: string): TestMirror {
  const stores: MirrorStore[] = [];
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `mirror-${name}-`));
    const file = join(dir, 'mirror.sqlite');
    return {
      engine,
      location: file,
      open: async (options = {}) => {
        const store = await openMirror({
          file,
          busyTimeoutMs: options.busyTimeoutMs ?? 5000,
          log: options.log,
        });
        stores.push(store);
        return store;
      },
      cleanup: async () => {
        for (const store of stores) await store.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `mirror_${name}_${process.pid}_${Date.now().toString(36)}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_');
  return {
    engine,
    location: schema,
    open: async (options = {}) => {
      const store = await openMirror({
        databaseUrl: options.databaseUrl ?? POSTGRES_TEST_URL,
        schema,
        log: options.log,
      });
      stores.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of stores) await store.close().catch(() => undefined);
      const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}
