// The simulated economy ministry Opendatasoft portal (no port): its routes, rate limit and records.
import type { Simulator } from '../kit/simulator.js';
import { createOpendatasoftSimulator } from '../protocols/opendatasoftSimulator.js';
import { loadWorld } from '../world.js';
import type { BpifranceSimulatorConfig } from './config.js';
import { buildBpifranceRecords } from './records.js';

/** Requests per second the simulated portal serves before answering 429. */
export const BPIFRANCE_RATE_LIMIT = 20;

/** Builds the simulator (no port): the portal with the laureates dataset. */
export function createBpifranceSimulator(config: BpifranceSimulatorConfig): Simulator {
  const world = loadWorld({ programmeFile: config.programmeFile, geoDir: config.geoDir });
  return createOpendatasoftSimulator({
    name: 'economie',
    datasets: buildBpifranceRecords(world),
    rateLimitPerSecond: BPIFRANCE_RATE_LIMIT,
    faults: config.faults,
  });
}
