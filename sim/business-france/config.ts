// Configuration of the Business France backend simulator: the only place it reads the environment.
import { fileURLToPath } from 'node:url';
import { readPort, readString } from '../../kit/src/env.js';
import { readSimFaults, type SimFaults } from '../kit/faults.js';

/** Settings of the simulator. */
export interface BusinessFranceSimulatorConfig {
  port: number;
  host: string;
  /** Faults at start-up (SIM_LATENCY_MS, SIM_FAIL_RATE, SIM_GARBAGE, SIM_DOWN). */
  faults: SimFaults;
  /** The programme dataset: its sites clés en main are what Business France promotes. */
  programmeFile: string;
  geoDir?: string;
}

/** Reads SIM_BUSINESS_FRANCE_PORT, HOST, PROGRAMME_FILE, GEO_DIR and the SIM_* faults. */
export function readBusinessFranceSimulatorConfig(
  env: Record<string, string | undefined> = process.env,
): BusinessFranceSimulatorConfig {
  return {
    port: readPort(env, 'SIM_BUSINESS_FRANCE_PORT', 4106),
    host: readString(env, 'HOST', '127.0.0.1'),
    faults: readSimFaults(env),
    programmeFile: readString(
      env,
      'PROGRAMME_FILE',
      fileURLToPath(new URL('../../data/programme/programme.json', import.meta.url)),
    ),
    geoDir: env.GEO_DIR || undefined,
  };
}
