// Starts the État simulator (the static open-data file host) on a port: used by index.ts and by
// the whole-stack launcher.
import type { RunningServer } from '../../kit/src/listen.js';
import { listenSimulator } from '../kit/simulator.js';
import { createEtatSimulator } from './etatSimulator.js';
import type { EtatSimulatorConfig } from './config.js';

/** Builds the simulated Fonds Vert file and serves it. */
export function startEtatSimulator(config: EtatSimulatorConfig): Promise<RunningServer> {
  return listenSimulator(createEtatSimulator({ faults: config.faults }), config.port, config.host);
}
