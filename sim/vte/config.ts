// Configuration of the VTE backend simulator: the only place it reads the environment.
import { readPort, readString } from '../../kit/src/env.js';
import { readSimFaults, type SimFaults } from '../kit/faults.js';

/** Settings of the VTE simulator. */
export interface VteSimConfig {
  port: number;
  host: string;
  faults: SimFaults;
}

/** Reads SIM_VTE_PORT, HOST and the SIM_* faults. */
export function readVteSimConfig(env: Record<string, string | undefined> = process.env): VteSimConfig {
  return {
    port: readPort(env, 'SIM_VTE_PORT', 4107),
    host: readString(env, 'HOST', '127.0.0.1'),
    faults: readSimFaults(env),
  };
}
