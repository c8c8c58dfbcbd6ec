// Configuration of the Apec simulator: the only place it reads the environment.
import { readPort, readString } from '../../kit/src/env.js';
import { readSimFaults, type SimFaults } from '../kit/faults.js';

/** Settings of the Apec simulator. */
export interface ApecSimulatorConfig {
  port: number;
  host: string;
  faults: SimFaults;
}

/** Reads SIM_APEC_PORT, HOST and the SIM_* faults. */
export function readApecSimulatorConfig(
  env: Record<string, string | undefined> = process.env,
): ApecSimulatorConfig {
  return {
    port: readPort(env, 'SIM_APEC_PORT', 4109),
    host: readString(env, 'HOST', '127.0.0.1'),
    faults: readSimFaults(env),
  };
}
