// Starts the simulated economy ministry Opendatasoft portal: used by index.ts and the stack launcher.
import type { RunningServer } from '../../kit/src/listen.js';
import { listenSimulator, type Simulator } from '../kit/simulator.js';
import { createOpendatasoftSimulator } from '../protocols/opendatasoftSimulator.js';
import { loadWorld } from '../world.js';
import type { EconomieSimConfig } from './config.js';
import { buildEconomieDatasets } from './records.js';

/** Requests per second the simulated portal serves before answering 429. */
export const ECONOMIE_RATE_LIMIT = 20;

/** Builds the simulator (no port): the portal with the laureates dataset. */
export function createEconomieSimulator(config: EconomieSimConfig): Simulator {
  const world = loadWorld({ programmeFile: config.programmeFile, geoDir: config.geoDir });
  return createOpendatasoftSimulator({
    name: 'economie',
    datasets: buildEconomieDatasets(world),
    rateLimitPerSecond: ECONOMIE_RATE_LIMIT,
    faults: config.faults,
  });
}

/** Serves the simulator on its port. */
export function startEconomieSimulator(config: EconomieSimConfig): Promise<RunningServer> {
  return listenSimulator(createEconomieSimulator(config), config.port, config.host);
}
