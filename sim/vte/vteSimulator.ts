// The simulated VTE backend. The VTE programme publishes no API; this serves its offers and the
// hiring aid granted the way Business France's VIE offers backend serves VIE offers
// (`POST /api/Offers/search` with `{limit, skip, query, …}` → `{count, result: [...]}`).
import type { SimFaults } from '../kit/faults.js';
import { createSimulator, type Simulator } from '../kit/simulator.js';
import { vieRateLimited, vieSearchRoute } from '../protocols/vieSearch.js';
import { loadWorld, type World } from '../world.js';
import { buildVteRecords, type VteAidItem, type VteOfferItem } from './records.js';

/** Requests per second served before answering 429. */
export const VTE_RATE_LIMIT = 10;
/** Largest page the search accepts. */
export const VTE_MAX_LIMIT = 100;
export const OFFERS_PATH = '/api/Offers/search';
export const AIDS_PATH = '/api/Aids/search';

/** Builds the VTE simulator (no port). */
export function createVteSimulator(options: { faults?: SimFaults; world?: World } = {}): Simulator {
  const { offers, aids } = buildVteRecords(options.world ?? loadWorld());
  return createSimulator({
    name: 'vte',
    rateLimitPerSecond: VTE_RATE_LIMIT,
    faults: options.faults,
    rateLimited: vieRateLimited,
    routes: [
      vieSearchRoute<VteOfferItem>('offers/search', OFFERS_PATH, {
        records: offers,
        maxLimit: VTE_MAX_LIMIT,
        text: (o) => `${o.missionTitle} ${o.organizationName} ${o.cityName} ${o.activitySectorName}`,
        filters: {
          communesIds: (o) => o.cityInseeCode,
          sirens: (o) => o.siren,
          departmentsIds: (o) => o.departmentCode,
        },
        sorts: { '0': (a, b) => b.creationDate.localeCompare(a.creationDate) || a.id - b.id },
      }),
      vieSearchRoute<VteAidItem>('aids/search', AIDS_PATH, {
        records: aids,
        maxLimit: VTE_MAX_LIMIT,
        text: (a) => `${a.organizationName} ${a.programName}`,
        filters: {
          communesIds: (a) => a.cityInseeCode,
          sirens: (a) => a.siren,
          departmentsIds: (a) => a.departmentCode,
        },
      }),
    ],
  });
}
