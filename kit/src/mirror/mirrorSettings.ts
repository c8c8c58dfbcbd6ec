// The mirror's settings, read by a service's config module (or a script's) from the environment it
// is given: where the store lives and when it syncs. Library code reads no environment.
import { ConfigError, readBool, readString } from '../env.js';
import { DEFAULT_MIRROR_FILE } from './openMirror.js';

type Env = Record<string, string | undefined>;

/** Where the mirror lives and how often it is synced. */
export interface MirrorSettings {
  /** A postgres:// URL: the mirror is that PostgreSQL database. Wins over `file`. */
  databaseUrl?: string;
  /** PostgreSQL schema to live in (MIRROR_SCHEMA); the connection's default when absent. */
  schema?: string;
  /** The embedded SQLite file, used when no databaseUrl is set. */
  file: string;
  /** Time between two scheduled syncs of every source; 0 = never on a schedule. */
  syncIntervalMs: number;
  /** Sync a source at start-up when it has never been synced (or is older than the interval). */
  syncOnStart: boolean;
}

/** The default SYNC_INTERVAL: the open datasets change at most daily. */
export const DEFAULT_SYNC_INTERVAL = '24h';

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a duration such as `24h`, `30m`, `45s`, `500ms`, `2d` or `0`; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const match = /^(\d+)\s*(ms|s|m|h|d)$/.exec(trimmed);
  if (!match) return undefined;
  return Number(match[1]) * UNITS[match[2]!]!;
}

/**
 * Reads DATABASE_URL (wins), MIRROR_SCHEMA, MIRROR_FILE (default data/mirror/mirror.sqlite),
 * SYNC_INTERVAL (default 24h; `0` = never) and SYNC_ON_START (default true).
 */
export function readMirrorSettings(env: Env): MirrorSettings {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      `DATABASE_URL must be a postgres:// (or postgresql://) URL; got "${redact(databaseUrl)}". Leave it unset to use the embedded SQLite file (MIRROR_FILE).`,
    );
  }
  const schema = env.MIRROR_SCHEMA?.trim() || undefined;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new ConfigError(`MIRROR_SCHEMA must be a lower-case SQL identifier; got "${schema}".`);
  }
  const syncIntervalMs = readDuration(env, 'SYNC_INTERVAL', DEFAULT_SYNC_INTERVAL);
  return {
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(schema ? { schema } : {}),
    file: readString(env, 'MIRROR_FILE', DEFAULT_MIRROR_FILE),
    syncIntervalMs,
    syncOnStart: readBool(env, 'SYNC_ON_START', true),
  };
}

/** Reads a duration variable (`24h`, `30m`, `45s`, `500ms`, `2d`, `0`); ConfigError when malformed. */
export function readDuration(env: Env, name: string, fallback: string): number {
  const text = readString(env, name, fallback);
  const ms = parseDuration(text);
  if (ms === undefined) {
    throw new ConfigError(
      `${name} must be a duration such as 24h, 30m, 45s or 2d, or 0 for never; got "${text}".`,
    );
  }
  return ms;
}

/** Where the settings put the mirror, for logs and messages (no password). */
export function describeMirrorLocation(settings: MirrorSettings): string {
  if (!settings.databaseUrl) return `SQLite file ${settings.file}`;
  return `PostgreSQL ${redact(settings.databaseUrl)}${settings.schema ? ` (schema ${settings.schema})` : ''}`;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
