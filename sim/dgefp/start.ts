// Starts the Dgefp simulator on a port: used by index.ts and by the whole-stack launcher.
import type { RunningServer } from '../../kit/src/listen.js';
import { listenSimulator } from '../kit/simulator.js';
import { createDgefpSimulator } from './dgefpSimulator.js';
import type { DgefpSimulatorConfig } from './config.js';

/** Builds the simulated records and serves them. */
export function startDgefpSimulator(config: DgefpSimulatorConfig): Promise<RunningServer> {
  return listenSimulator(createDgefpSimulator({ faults: config.faults }), config.port, config.host);
}
