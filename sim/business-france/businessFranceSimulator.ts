// The simulated Business France backend (no port): its routes, rate limit and records.
// Business France publishes no public API; this serves its data the way its VIE offers backend
// serves offers: the recorded search body (`{limit, skip, studiesLevelId, …, geographicZones,
// countriesIds, …, entreprisesIds}`) posted to `…/search` → `{count, result}`, and `…/details/{id}`.
// Only the protocol is modelled on that backend: projects and sites have no recorded counterpart.
import { createSimulator, type Simulator } from '../kit/simulator.js';
import { vieRateLimited, vieSearchRoutes } from '../protocols/vieSearch.js';
import { loadWorld } from '../world.js';
import type { BusinessFranceSimulatorConfig } from './config.js';
import { buildBusinessFranceRecords, type ProjectItem, type SiteItem } from './records.js';

/** Requests per second the simulated backend serves before answering 429. */
export const BUSINESS_FRANCE_RATE_LIMIT = 10;
/** Largest page the search accepts. */
export const BUSINESS_FRANCE_MAX_LIMIT = 100;

/** Builds the simulator (no port). */
export function createBusinessFranceSimulator(config: BusinessFranceSimulatorConfig): Simulator {
  const world = loadWorld({ programmeFile: config.programmeFile, geoDir: config.geoDir });
  const { projects, sites } = buildBusinessFranceRecords(world, config.programmeFile);
  return createSimulator({
    name: 'business-france',
    rateLimitPerSecond: BUSINESS_FRANCE_RATE_LIMIT,
    faults: config.faults,
    rateLimited: vieRateLimited,
    routes: [
      // Zones are INSEE commune codes and company ids SIRENs as integers (see README.md).
      ...vieSearchRoutes<ProjectItem>('projects', '/api/Projects', {
        records: projects,
        maxLimit: BUSINESS_FRANCE_MAX_LIMIT,
        idOf: (p) => p.id,
        filters: {
          geographicZones: (p) => p.cityInseeCode,
          entreprisesIds: (p) => (p.siren === null ? null : Number(p.siren)),
          countriesIds: (p) => p.investorCountryCode,
        },
      }),
      ...vieSearchRoutes<SiteItem>('sites', '/api/Sites', {
        records: sites,
        maxLimit: BUSINESS_FRANCE_MAX_LIMIT,
        idOf: (s) => s.id,
        filters: { geographicZones: (s) => s.cityInseeCode },
      }),
    ],
  });
}
