// Configuration of the banque-des-territoires subgraph: the only place it reads the environment.
import { fileURLToPath } from 'node:url';
import { readString, readSubgraphBasics, readUrl } from '../../../kit/src/env.js';
import { readMirrorSettings, type MirrorSettings } from '../../../kit/src/mirror/mirrorSettings.js';
import { REAL_DATASETS } from '../../../kit/src/mirror/sources.js';

/** The operator id this subgraph answers for, in errors and logs. */
export const OPERATOR_ID = 'banque-des-territoires';

/** The real Caisse des Dépôts open-data portal (Opendatasoft). */
export const CAISSE_DES_DEPOTS_PORTAL = 'https://opendata.caissedesdepots.fr';

const DEFAULT_GEO_DIR = fileURLToPath(new URL('../../../data/geo', import.meta.url));

/** Where the Caisse des Dépôts subsidies are read from when the mirror syncs them. */
export interface CaisseDesDepotsSourceSettings {
  /** Portal root: the real portal by default; `npm start` points it at the simulator. */
  baseUrl: string;
  /** Dataset id of the subsidies (SCDL), the real one by default. */
  subsidiesDataset: string;
  /** Opendatasoft API key (`Authorization: Apikey …`); anonymous calls when absent. */
  apiKey?: string;
}

/** Settings of the banque-des-territoires subgraph. */
export interface BanqueDesTerritoiresConfig {
  port: number;
  host: string;
  /** The source the mirror syncs: read here for provenance (`source`). */
  source: CaisseDesDepotsSourceSettings;
  /** Where the mirror lives. */
  mirror: MirrorSettings;
  /** The geography (data/geo): communes and EPCIs of a territory. */
  geoDir: string;
  gatewaySecret?: string;
  production: boolean;
}

/** Reads CAISSE_DES_DEPOTS_API_URL, CAISSE_DES_DEPOTS_SUBSIDIES_DATASET and CAISSE_DES_DEPOTS_API_KEY. */
export function readCaisseDesDepotsSource(
  env: Record<string, string | undefined> = process.env,
): CaisseDesDepotsSourceSettings {
  return {
    baseUrl: readUrl(env, 'CAISSE_DES_DEPOTS_API_URL', CAISSE_DES_DEPOTS_PORTAL) ?? CAISSE_DES_DEPOTS_PORTAL,
    subsidiesDataset: readString(env, 'CAISSE_DES_DEPOTS_SUBSIDIES_DATASET', REAL_DATASETS.cdcSubsidies),
    ...(env.CAISSE_DES_DEPOTS_API_KEY ? { apiKey: env.CAISSE_DES_DEPOTS_API_KEY } : {}),
  };
}

/** Reads BANQUE_DES_TERRITOIRES_PORT and the basics, the source settings, the mirror settings and GEO_DIR. */
export function readBanqueDesTerritoiresConfig(
  env: Record<string, string | undefined> = process.env,
): BanqueDesTerritoiresConfig {
  return {
    ...readSubgraphBasics(env, 'BANQUE_DES_TERRITOIRES_PORT', 4002),
    source: readCaisseDesDepotsSource(env),
    mirror: readMirrorSettings(env),
    geoDir: readString(env, 'GEO_DIR', DEFAULT_GEO_DIR),
  };
}
