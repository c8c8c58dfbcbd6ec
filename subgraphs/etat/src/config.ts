// Configuration of the etat subgraph: the only place it reads the environment.
import { readMirrorSettings } from '../../../kit/src/mirror/mirrorSettings.js';
import { ConfigError, readBool, readInt, readSubgraphBasics } from '../../../kit/src/env.js';
import { REAL_DATASETS } from '../../../kit/src/mirror/index.js';
import { readUpstreamSettings } from '../../../kit/src/upstreamSettings.js';

/** The operator id this subgraph answers for, in errors, stale notices and logs. */
export const OPERATOR_ID = 'etat';
/** The operator as callers read it in messages. */
export const OPERATOR_LABEL = 'État (préfecture de région)';

/** The real host of the national open-data portal's files, and the Fonds Vert 2023 file on it. */
export const REAL_STATIC_HOST = 'https://static.data.gouv.fr';
export const FONDS_VERT_2023_PATH = new URL(REAL_DATASETS.fondsVert2023).pathname;

/** Settings of the etat subgraph. */
export interface EtatConfig {
  port: number;
  host: string;
  gatewaySecret?: string;
  production: boolean;
  /** Base URL of the static open-data host: its simulator by default, static.data.gouv.fr for real. */
  staticBaseUrl: string;
  /** Path of the Fonds Vert 2023 export on that host. */
  fondsVertPath: string;
  /** The mirror: PostgreSQL when set, else the embedded SQLite file (`mirrorFile` or the default). */
  databaseUrl?: string;
  /** PostgreSQL schema of the mirror (created if missing); the search_path default otherwise. */
  databaseSchema?: string;
  mirrorFile?: string;
  /** How often the file is synced again (a conditional GET: 304 when unchanged). */
  syncIntervalMs: number;
  /** Longest a sync may take before it is abandoned (the live copy keeps serving). */
  syncTimeoutMs: number;
  /**
   * Sync the file itself at start and every syncIntervalMs (SYNC_ON_START, default true: a
   * subgraph started alone gets data). The stack turns it off and syncs every source in one scheduler.
   */
  syncOnStart: boolean;
}

/**
 * Reads ETAT_PORT, ETAT_API_URL (the static file host), ETAT_FONDS_VERT_PATH, DATABASE_URL,
 * MIRROR_SCHEMA, MIRROR_FILE, ETAT_SYNC_INTERVAL_MS, ETAT_SYNC_TIMEOUT_MS and SYNC_ON_START.
 */
export function readEtatConfig(env: Record<string, string | undefined> = process.env): EtatConfig {
  const upstream = readUpstreamSettings(env, 'ETAT', { baseUrl: 'http://localhost:4108', cacheTtlMs: 0 });
  const fondsVertPath = env.ETAT_FONDS_VERT_PATH || FONDS_VERT_2023_PATH;
  if (!fondsVertPath.startsWith('/'))
    throw new ConfigError(`ETAT_FONDS_VERT_PATH must be a path starting with "/"; got "${fondsVertPath}".`);
  // Where the mirror lives is read as every other service reads it (DATABASE_URL, MIRROR_SCHEMA, MIRROR_FILE).
  const mirror = readMirrorSettings(env);
  return {
    ...readSubgraphBasics(env, 'ETAT_PORT', 4008),
    staticBaseUrl: upstream.baseUrl,
    fondsVertPath,
    databaseUrl: mirror.databaseUrl,
    databaseSchema: mirror.schema,
    mirrorFile: mirror.file,
    syncIntervalMs: readInt(env, 'ETAT_SYNC_INTERVAL_MS', 6 * 3_600_000, 1_000),
    syncTimeoutMs: readInt(env, 'ETAT_SYNC_TIMEOUT_MS', 120_000, 100),
    syncOnStart: readBool(env, 'SYNC_ON_START', true),
  };
}
