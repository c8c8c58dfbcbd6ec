// Starts the France Travail simulator on a port: used by index.ts and by the whole-stack launcher.
import type { RunningServer } from '../../kit/src/listen.js';
import { listenSimulator } from '../kit/simulator.js';
import type { FranceTravailSimulatorConfig } from './config.js';
import { createFranceTravailSimulator } from './franceTravailSimulator.js';

/** Builds the simulated offers and serves them. */
export function startFranceTravailSimulator(config: FranceTravailSimulatorConfig): Promise<RunningServer> {
  const simulator = createFranceTravailSimulator(config);
  return listenSimulator(simulator, config.port, config.host);
}
