// The simulated Caisse des Dépôts Opendatasoft portal (no port): its routes, rate limit and the
// subsidies dataset in its real shape.
import { fileURLToPath } from 'node:url';
import type { Simulator } from '../kit/simulator.js';
import { createOpendatasoftSimulator } from '../protocols/opendatasoftSimulator.js';
import { loadWorld } from '../world.js';
import type { BanqueDesTerritoiresSimulatorConfig } from './config.js';
import { buildBanqueDesTerritoiresRecords } from './records.js';

const DEFAULT_GEO_DIR = fileURLToPath(new URL('../../data/geo', import.meta.url));

/** Requests per second the simulated portal serves before answering 429. */
export const BANQUE_DES_TERRITOIRES_RATE_LIMIT = 20;

/** Builds the simulator (no port): the portal with the subsidies dataset, on `records` and `exports`. */
export function createBanqueDesTerritoiresSimulator(config: BanqueDesTerritoiresSimulatorConfig): Simulator {
  const world = loadWorld({ programmeFile: config.programmeFile, geoDir: config.geoDir });
  return createOpendatasoftSimulator({
    name: 'caisse-des-depots',
    datasets: buildBanqueDesTerritoiresRecords(world, config.geoDir ?? DEFAULT_GEO_DIR),
    rateLimitPerSecond: BANQUE_DES_TERRITOIRES_RATE_LIMIT,
    faults: config.faults,
  });
}
