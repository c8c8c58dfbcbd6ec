// Configuration of the Caisse des Dépôts portal simulator: the only place it reads the environment.
import { readPort, readString } from '../../kit/src/env.js';
import { readSimFaults, type SimFaults } from '../kit/faults.js';

/** Settings of the simulator. */
export interface BanqueDesTerritoiresSimulatorConfig {
  port: number;
  host: string;
  /** Faults at start-up (SIM_LATENCY_MS, SIM_FAIL_RATE, SIM_GARBAGE, SIM_DOWN). */
  faults: SimFaults;
  /** Where the shared world is built from. */
  programmeFile?: string;
  geoDir?: string;
}

/** Reads SIM_CAISSE_DES_DEPOTS_PORT, HOST, PROGRAMME_FILE, GEO_DIR and the SIM_* faults. */
export function readBanqueDesTerritoiresSimulatorConfig(
  env: Record<string, string | undefined> = process.env,
): BanqueDesTerritoiresSimulatorConfig {
  return {
    port: readPort(env, 'SIM_CAISSE_DES_DEPOTS_PORT', 4102),
    host: readString(env, 'HOST', '127.0.0.1'),
    faults: readSimFaults(env),
    programmeFile: env.PROGRAMME_FILE || undefined,
    geoDir: env.GEO_DIR || undefined,
  };
}
