// Starts the simulated Business France backend on a port: used by index.ts and by the whole-stack launcher.
import type { RunningServer } from '../../kit/src/listen.js';
import { listenSimulator } from '../kit/simulator.js';
import { createBusinessFranceSimulator } from './businessFranceSimulator.js';
import type { BusinessFranceSimulatorConfig } from './config.js';

/** Serves the simulator on its port. */
export function startBusinessFranceSimulator(config: BusinessFranceSimulatorConfig): Promise<RunningServer> {
  return listenSimulator(createBusinessFranceSimulator(config), config.port, config.host);
}
