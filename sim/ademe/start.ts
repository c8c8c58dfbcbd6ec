// Starts the ADEME simulator on a port: used by index.ts and by the whole-stack launcher.
import type { RunningServer } from '../../kit/src/listen.js';
import { listenSimulator } from '../kit/simulator.js';
import { createAdemeSimulator } from './ademeSimulator.js';
import type { AdemeSimConfig } from './config.js';

/** Builds the simulated datasets and serves them. */
export function startAdemeSim(config: AdemeSimConfig): Promise<RunningServer> {
  return listenSimulator(createAdemeSimulator({ faults: config.faults }), config.port, config.host);
}
