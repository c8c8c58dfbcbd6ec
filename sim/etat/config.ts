// Configuration of the État simulator (static.data.gouv.fr, simulated): the only place it reads the environment.
import { readPort, readString } from '../../kit/src/env.js';
import { readSimFaults, type SimFaults } from '../kit/faults.js';

/** Settings of the État simulator. */
export interface EtatSimulatorConfig {
  port: number;
  host: string;
  faults: SimFaults;
}

/** Reads SIM_ETAT_PORT, HOST and the SIM_* faults. */
export function readEtatSimulatorConfig(
  env: Record<string, string | undefined> = process.env,
): EtatSimulatorConfig {
  return {
    port: readPort(env, 'SIM_ETAT_PORT', 4108),
    host: readString(env, 'HOST', '127.0.0.1'),
    faults: readSimFaults(env),
  };
}
