// Starts the simulated economy ministry Opendatasoft portal on a port: used by index.ts and by the whole-stack launcher.
import type { RunningServer } from '../../kit/src/listen.js';
import { listenSimulator } from '../kit/simulator.js';
import { createBpifranceSimulator } from './bpifranceSimulator.js';
import type { BpifranceSimulatorConfig } from './config.js';

/** Serves the simulator on its port. */
export function startBpifranceSimulator(config: BpifranceSimulatorConfig): Promise<RunningServer> {
  return listenSimulator(createBpifranceSimulator(config), config.port, config.host);
}
