// Configuration of the API Recherche d'entreprises simulator: the only place it reads the environment.
import { readPort, readString } from '../../kit/src/env.js';
import { readSimFaults, type SimFaults } from '../kit/faults.js';

/** Settings of the simulator. */
export interface RechercheEntreprisesSimulatorConfig {
  port: number;
  host: string;
  faults: SimFaults;
  /** Where the shared world is built from. */
  programmeFile?: string;
  geoDir?: string;
}

/** Reads SIM_RECHERCHE_ENTREPRISES_PORT, HOST, PROGRAMME_FILE, GEO_DIR and the SIM_* faults. */
export function readRechercheEntreprisesSimulatorConfig(
  env: Record<string, string | undefined> = process.env,
): RechercheEntreprisesSimulatorConfig {
  return {
    port: readPort(env, 'SIM_RECHERCHE_ENTREPRISES_PORT', 4120),
    host: readString(env, 'HOST', '127.0.0.1'),
    faults: readSimFaults(env),
    programmeFile: env.PROGRAMME_FILE || undefined,
    geoDir: env.GEO_DIR || undefined,
  };
}
