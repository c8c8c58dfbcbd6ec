// Configuration of the bpifrance subgraph: the only place it reads the environment.
import { join } from 'node:path';
import { ConfigError, readBool, readString, readSubgraphBasics } from '../../../kit/src/env.js';
import { REAL_DATASETS } from '../../../kit/src/mirror/index.js';
import { REPO_ROOT } from '../../../kit/src/paths.js';
import { readRegistrySettings, type RegistrySettings } from '../../../kit/src/registry/registrySettings.js';
import { readUpstreamSettings, type UpstreamSettings } from '../../../kit/src/upstreamSettings.js';

/** The operator id this subgraph answers for, in errors, stale notices and its cache namespace. */
export const OPERATOR_ID = 'bpifrance';

/** The economy ministry's real Opendatasoft portal: the default, and what makes `source.illustrative` false. */
export const REAL_BASE_URL = 'https://data.economie.gouv.fr';

/** The illustrative France 2030 laureates only a simulated portal serves (no real dataset exists). */
export const ILLUSTRATIVE_FRANCE_2030_DATASET = 'illustratif-laureats-france-2030';

/** Settings of the bpifrance subgraph. */
export interface BpifranceConfig {
  port: number;
  host: string;
  /** The economy ministry's portal: France Relance (and France 2030 on a simulator) are synced from it. */
  upstream: UpstreamSettings;
  /** The France Relance dataset id (`plan-de-relance`). */
  franceRelanceDataset: string;
  /** The illustrative France 2030 dataset, mirrored; undefined (nothing synced or read) against the real portal. */
  france2030Dataset?: string;
  /** API Recherche d'entreprises, which places projects the postcode cannot. */
  registry: RegistrySettings;
  /** The mirror: a PostgreSQL URL, else the embedded SQLite file (the kit's default when unset). */
  databaseUrl?: string;
  mirrorFile?: string;
  /** Sync France Relance (and France 2030) in the background at start when the mirror has never loaded them. */
  syncOnStart: boolean;
  /** The geography that places projects by postcode and commune name. */
  geoDir: string;
  gatewaySecret?: string;
  production: boolean;
}

/**
 * Reads BPIFRANCE_PORT, ECONOMIE_API_URL, BPIFRANCE_FRANCE_RELANCE_DATASET, BPIFRANCE_FRANCE_2030_DATASET, RECHERCHE_ENTREPRISES_*,
 * DATABASE_URL, MIRROR_FILE, SYNC_ON_START, GEO_DIR, CACHE_URL.
 */
export function readBpifranceConfig(env: Record<string, string | undefined> = process.env): BpifranceConfig {
  const upstream = readUpstreamSettings(env, 'ECONOMIE', {
    baseUrl: REAL_BASE_URL,
    cacheTtlMs: 3_600_000,
    // The simulated portal allows 20 calls a second; stay just under it.
    minIntervalMs: 55,
  });
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must be a postgres:// URL; got "${databaseUrl}".`);
  }
  const onRealPortal = new URL(upstream.baseUrl).origin === new URL(REAL_BASE_URL).origin;
  // The real portal publishes no France 2030 laureates: nothing to sync there unless told otherwise.
  const france2030 = readString(
    env,
    'BPIFRANCE_FRANCE_2030_DATASET',
    onRealPortal ? '' : ILLUSTRATIVE_FRANCE_2030_DATASET,
  );
  return {
    ...readSubgraphBasics(env, 'BPIFRANCE_PORT', 4003),
    upstream,
    franceRelanceDataset: readString(env, 'BPIFRANCE_FRANCE_RELANCE_DATASET', REAL_DATASETS.franceRelance),
    france2030Dataset: france2030 === '' || france2030 === 'none' ? undefined : france2030,
    registry: readRegistrySettings(env),
    databaseUrl,
    mirrorFile: env.MIRROR_FILE || undefined,
    syncOnStart: readBool(env, 'SYNC_ON_START', true),
    geoDir: readString(env, 'GEO_DIR', join(REPO_ROOT, 'data/geo')),
  };
}
