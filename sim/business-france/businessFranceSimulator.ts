// The simulated Business France backend (no port): its routes, rate limit and records.
// Business France publishes no public API; this serves its data the way its VIE offers backend
// serves offers (`POST …/search` with `{limit, skip, query, …}` → `{count, result}`).
import { createSimulator, type Simulator } from '../kit/simulator.js';
import { vieRateLimited, vieSearchRoute } from '../protocols/vieSearch.js';
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
      vieSearchRoute<ProjectItem>('projects/search', '/api/Projects/search', {
        records: projects,
        maxLimit: BUSINESS_FRANCE_MAX_LIMIT,
        text: (p) => `${p.projectTitle} ${p.investorName} ${p.sectorName} ${p.cityName}`,
        filters: {
          communesIds: (p) => p.cityInseeCode,
          sirens: (p) => p.siren,
          departmentsIds: (p) => p.departmentCode,
          countriesIds: (p) => p.investorCountryCode,
        },
        sorts: { '0': (a, b) => b.announcementDate.localeCompare(a.announcementDate) || a.id - b.id },
      }),
      vieSearchRoute<SiteItem>('sites/search', '/api/Sites/search', {
        records: sites,
        maxLimit: BUSINESS_FRANCE_MAX_LIMIT,
        text: (s) => `${s.siteName} ${s.cityName} ${s.sectors.join(' ')}`,
        filters: { communesIds: (s) => s.cityInseeCode, departmentsIds: (s) => s.departmentCode },
      }),
    ],
  });
}
