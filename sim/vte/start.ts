// Starts the VTE simulator on a port: used by index.ts and by the whole-stack launcher.
import type { RunningServer } from '../../kit/src/listen.js';
import { listenSimulator } from '../kit/simulator.js';
import type { VteSimulatorConfig } from './config.js';
import { createVteSimulator } from './vteSimulator.js';

/** Builds the simulated offers and aid and serves them. */
export function startVteSimulator(config: VteSimulatorConfig): Promise<RunningServer> {
  return listenSimulator(createVteSimulator({ faults: config.faults }), config.port, config.host);
}
