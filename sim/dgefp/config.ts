// Configuration of the Dgefp simulator: the only place it reads the environment.
import { readPort, readString } from '../../kit/src/env.js';
import { readSimFaults, type SimFaults } from '../kit/faults.js';

/** Settings of the Dgefp simulator. */
export interface DgefpSimulatorConfig {
  port: number;
  host: string;
  faults: SimFaults;
}

/** Reads SIM_DGEFP_PORT, HOST and the SIM_* faults. */
export function readDgefpSimulatorConfig(
  env: Record<string, string | undefined> = process.env,
): DgefpSimulatorConfig {
  return {
    port: readPort(env, 'SIM_DGEFP_PORT', 4111),
    host: readString(env, 'HOST', '127.0.0.1'),
    faults: readSimFaults(env),
  };
}
