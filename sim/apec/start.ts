// Starts the Apec simulator on a port: used by index.ts and by the whole-stack launcher.
import type { RunningServer } from '../../kit/src/listen.js';
import { listenSimulator } from '../kit/simulator.js';
import { createApecSimulator } from './apecSimulator.js';
import type { ApecSimulatorConfig } from './config.js';

/** Builds the simulated records and serves them. */
export function startApecSimulator(config: ApecSimulatorConfig): Promise<RunningServer> {
  return listenSimulator(createApecSimulator({ faults: config.faults }), config.port, config.host);
}
