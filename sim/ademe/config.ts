// Configuration of the ADEME data-fair simulator: the only place it reads the environment.
import { readPort, readString } from '../../kit/src/env.js';
import { readSimFaults, type SimFaults } from '../kit/faults.js';

/** Settings of the ADEME simulator. */
export interface AdemeSimulatorConfig {
  port: number;
  host: string;
  faults: SimFaults;
}

/** Reads SIM_ADEME_PORT, HOST and the SIM_* faults. */
export function readAdemeSimulatorConfig(
  env: Record<string, string | undefined> = process.env,
): AdemeSimulatorConfig {
  return {
    port: readPort(env, 'SIM_ADEME_PORT', 4104),
    host: readString(env, 'HOST', '127.0.0.1'),
    faults: readSimFaults(env),
  };
}
