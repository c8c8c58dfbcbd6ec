// Configuration of the VTE backend simulator: the only place it reads the environment.
import { readPort, readString } from '../../kit/src/env.js';
import { readSimFaults, type SimFaults } from '../kit/faults.js';

/** Settings of the VTE simulator. */
export interface VteSimulatorConfig {
  port: number;
  host: string;
  faults: SimFaults;
}

/** Reads SIM_VTE_PORT, HOST and the SIM_* faults. */
export function readVteSimulatorConfig(
  env: Record<string, string | undefined> = process.env,
): VteSimulatorConfig {
  return {
    port: readPort(env, 'SIM_VTE_PORT', 4107),
    host: readString(env, 'HOST', '127.0.0.1'),
    faults: readSimFaults(env),
  };
}
