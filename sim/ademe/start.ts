// Starts the ADEME simulator on a port: used by index.ts and by the whole-stack launcher.
import type { RunningServer } from '../../kit/src/listen.js';
import { listenSimulator } from '../kit/simulator.js';
import { createAdemeSimulator } from './ademeSimulator.js';
import type { AdemeSimulatorConfig } from './config.js';

/** Builds the simulated datasets and serves them. */
export function startAdemeSimulator(config: AdemeSimulatorConfig): Promise<RunningServer> {
  return listenSimulator(createAdemeSimulator({ faults: config.faults }), config.port, config.host);
}
