// Configuration of the ademe subgraph: the only place it reads the environment.
import { ConfigError, readBool, readString, readSubgraphBasics } from '../../../kit/src/env.js';
import { REAL_DATASETS } from '../../../kit/src/mirror/index.js';

/** The operator id this subgraph answers for, in errors. */
export const OPERATOR_ID = 'ademe';

/** ADEME's real data-fair portal: the default, and what makes `source.illustrative` false. */
export const REAL_BASE_URL = 'https://data.ademe.fr';

/** Settings of the ademe subgraph. */
export interface AdemeConfig {
  port: number;
  host: string;
  /** The data-fair portal the aids are synced from (data.ademe.fr; the simulator under `npm start`). */
  baseUrl: string;
  /** The aid dataset id, apostrophe included. */
  datasetId: string;
  /** The mirror: a PostgreSQL URL, else the embedded SQLite file (the kit's default when unset). */
  databaseUrl?: string;
  mirrorFile?: string;
  /** Sync the aids in the background at start when the mirror has never loaded them. */
  syncOnStart: boolean;
  gatewaySecret?: string;
  production: boolean;
}

/** Reads ADEME_PORT, ADEME_API_URL, ADEME_AIDS_DATASET, DATABASE_URL, MIRROR_FILE, SYNC_ON_START. */
export function readAdemeConfig(env: Record<string, string | undefined> = process.env): AdemeConfig {
  const baseUrl = readString(env, 'ADEME_API_URL', REAL_BASE_URL);
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigError(`ADEME_API_URL must be a URL such as ${REAL_BASE_URL}; got "${baseUrl}".`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must be a postgres:// URL; got "${databaseUrl}".`);
  }
  return {
    ...readSubgraphBasics(env, 'ADEME_PORT', 4004),
    baseUrl,
    datasetId: readString(env, 'ADEME_AIDS_DATASET', REAL_DATASETS.ademeAids),
    databaseUrl,
    mirrorFile: env.MIRROR_FILE || undefined,
    syncOnStart: readBool(env, 'SYNC_ON_START', true),
  };
}
