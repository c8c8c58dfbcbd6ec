// Starts the simulated Caisse des Dépôts Opendatasoft portal: used by index.ts and the stack launcher.
import { fileURLToPath } from 'node:url';
import type { RunningServer } from '../../kit/src/listen.js';
import { listenSimulator, type Simulator } from '../kit/simulator.js';
import { createOpendatasoftSimulator } from '../protocols/opendatasoftSimulator.js';
import { loadWorld } from '../world.js';
import type { CaisseDesDepotsSimConfig } from './config.js';
import { buildCaisseDesDepotsDatasets } from './records.js';

const DEFAULT_GEO_DIR = fileURLToPath(new URL('../../data/geo', import.meta.url));

/** Requests per second the simulated portal serves before answering 429. */
export const CAISSE_DES_DEPOTS_RATE_LIMIT = 20;

/** Builds the simulator (no port): the portal with its two datasets. */
export function createCaisseDesDepotsSimulator(config: CaisseDesDepotsSimConfig): Simulator {
  const world = loadWorld({ programmeFile: config.programmeFile, geoDir: config.geoDir });
  return createOpendatasoftSimulator({
    name: 'caisse-des-depots',
    datasets: buildCaisseDesDepotsDatasets(world, config.geoDir ?? DEFAULT_GEO_DIR),
    rateLimitPerSecond: CAISSE_DES_DEPOTS_RATE_LIMIT,
    faults: config.faults,
  });
}

/** Serves the simulator on its port. */
export function startCaisseDesDepotsSimulator(config: CaisseDesDepotsSimConfig): Promise<RunningServer> {
  return listenSimulator(createCaisseDesDepotsSimulator(config), config.port, config.host);
}
