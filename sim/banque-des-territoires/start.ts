// Starts the simulated Caisse des Dépôts Opendatasoft portal on a port: used by index.ts and by the whole-stack launcher.
import type { RunningServer } from '../../kit/src/listen.js';
import { listenSimulator } from '../kit/simulator.js';
import { createBanqueDesTerritoiresSimulator } from './banqueDesTerritoiresSimulator.js';
import type { BanqueDesTerritoiresSimulatorConfig } from './config.js';

/** Serves the simulator on its port. */
export function startBanqueDesTerritoiresSimulator(
  config: BanqueDesTerritoiresSimulatorConfig,
): Promise<RunningServer> {
  return listenSimulator(createBanqueDesTerritoiresSimulator(config), config.port, config.host);
}
