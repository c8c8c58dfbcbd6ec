// Starts the simulated API Recherche d'entreprises on a port: used by index.ts and by the whole-stack launcher.
import type { RunningServer } from '../../kit/src/listen.js';
import { listenSimulator } from '../kit/simulator.js';
import type { RechercheEntreprisesSimulatorConfig } from './config.js';
import { createRechercheEntreprisesSimulator } from './rechercheEntreprisesSimulator.js';

/** Serves the simulator on its port. */
export function startRechercheEntreprisesSimulator(
  config: RechercheEntreprisesSimulatorConfig,
): Promise<RunningServer> {
  return listenSimulator(createRechercheEntreprisesSimulator(config), config.port, config.host);
}
