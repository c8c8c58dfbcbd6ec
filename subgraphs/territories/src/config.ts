// Configuration of the territories subgraph: the only place it reads the environment.
import { fileURLToPath } from 'node:url';
import { readString, readSubgraphBasics } from '../../../kit/src/env.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Settings of the territories subgraph. */
export interface TerritoriesConfig {
  port: number;
  host: string;
  /** Folder of the INSEE/BANATIC geography CSVs. */
  geoDir: string;
  /** The generated programme dataset. */
  programmeFile: string;
  /** When set, load the real ANCT files from this folder instead of the generated dataset. */
  anctDir?: string;
  gatewaySecret?: string;
  production: boolean;
}

/** Reads TERRITORIES_PORT, GEO_DIR, PROGRAMME_FILE, ANCT_DIR, GATEWAY_SECRET, NODE_ENV. */
export function readTerritoriesConfig(
  env: Record<string, string | undefined> = process.env,
): TerritoriesConfig {
  return {
    ...readSubgraphBasics(env, 'TERRITORIES_PORT', 4001),
    geoDir: readString(env, 'GEO_DIR', `${repoRoot}data/geo`),
    programmeFile: readString(env, 'PROGRAMME_FILE', `${repoRoot}data/programme/programme.json`),
    anctDir: env.ANCT_DIR || undefined,
  };
}
