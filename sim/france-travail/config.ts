// Configuration of the France Travail simulator: the only place it reads the environment.
import { readInt, readPort, readString } from '../../kit/src/env.js';
import {
  SIMULATED_CLIENT_ID,
  SIMULATED_CLIENT_SECRET,
} from '../../kit/src/reference/franceTravailCredentials.js';
import { readSimFaults, type SimFaults } from '../kit/faults.js';

/** Settings of the France Travail simulator. */
export interface FranceTravailSimulatorConfig {
  port: number;
  host: string;
  /** The credentials it accepts: the same variables the client sends. */
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  faults: SimFaults;
}

/** Reads SIM_FRANCE_TRAVAIL_PORT, HOST, FRANCE_TRAVAIL_CLIENT_ID/SECRET, SIM_FRANCE_TRAVAIL_TOKEN_TTL_S and SIM_* faults. */
export function readFranceTravailSimulatorConfig(
  env: Record<string, string | undefined> = process.env,
): FranceTravailSimulatorConfig {
  return {
    port: readPort(env, 'SIM_FRANCE_TRAVAIL_PORT', 4105),
    host: readString(env, 'HOST', '127.0.0.1'),
    clientId: readString(env, 'FRANCE_TRAVAIL_CLIENT_ID', SIMULATED_CLIENT_ID),
    clientSecret: readString(env, 'FRANCE_TRAVAIL_CLIENT_SECRET', SIMULATED_CLIENT_SECRET),
    tokenTtlSeconds: readInt(env, 'SIM_FRANCE_TRAVAIL_TOKEN_TTL_S', 1499, 1),
    faults: readSimFaults(env),
  };
}
