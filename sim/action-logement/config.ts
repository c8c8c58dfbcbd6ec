// Configuration of the Action Logement simulator: the only place it reads the environment.
import { readPort, readString } from '../../kit/src/env.js';
import { readSimFaults, type SimFaults } from '../kit/faults.js';

/** Settings of the Action Logement simulator. */
export interface ActionLogementSimulatorConfig {
  port: number;
  host: string;
  faults: SimFaults;
}

/** Reads SIM_ACTION_LOGEMENT_PORT, HOST and the SIM_* faults. */
export function readActionLogementSimulatorConfig(
  env: Record<string, string | undefined> = process.env,
): ActionLogementSimulatorConfig {
  return {
    port: readPort(env, 'SIM_ACTION_LOGEMENT_PORT', 4110),
    host: readString(env, 'HOST', '127.0.0.1'),
    faults: readSimFaults(env),
  };
}
