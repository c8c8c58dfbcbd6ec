// Starts the Action Logement simulator on a port: used by index.ts and by the whole-stack launcher.
import type { RunningServer } from '../../kit/src/listen.js';
import { listenSimulator } from '../kit/simulator.js';
import { createActionLogementSimulator } from './actionLogementSimulator.js';
import type { ActionLogementSimulatorConfig } from './config.js';

/** Builds the simulated records and serves them. */
export function startActionLogementSimulator(config: ActionLogementSimulatorConfig): Promise<RunningServer> {
  return listenSimulator(createActionLogementSimulator({ faults: config.faults }), config.port, config.host);
}
