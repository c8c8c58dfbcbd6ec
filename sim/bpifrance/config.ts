// Configuration of the economy ministry portal simulator (France Relance `plan-de-relance`, illustrative France 2030 laureates): the only place it reads the environment.
import { readPort, readString } from '../../kit/src/env.js';
import { readSimFaults, type SimFaults } from '../kit/faults.js';

/** Settings of the simulator. */
export interface BpifranceSimulatorConfig {
  port: number;
  host: string;
  /** Faults at start-up (SIM_LATENCY_MS, SIM_FAIL_RATE, SIM_GARBAGE, SIM_DOWN). */
  faults: SimFaults;
  /** Where the shared world is built from. */
  programmeFile?: string;
  geoDir?: string;
}

/** Reads SIM_ECONOMIE_PORT, HOST, PROGRAMME_FILE, GEO_DIR and the SIM_* faults. */
export function readBpifranceSimulatorConfig(
  env: Record<string, string | undefined> = process.env,
): BpifranceSimulatorConfig {
  return {
    port: readPort(env, 'SIM_ECONOMIE_PORT', 4103),
    host: readString(env, 'HOST', '127.0.0.1'),
    faults: readSimFaults(env),
    programmeFile: env.PROGRAMME_FILE || undefined,
    geoDir: env.GEO_DIR || undefined,
  };
}
