// The simulated VTE backend. The VTE programme publishes no API; this serves its offers the way
// Business France's VIE offers backend serves VIE offers (the recorded `POST /api/Offers/search`
// body → `{count, result: [...]}`, and `GET /api/Offers/details/{id}`), and the aid granted through
// the same protocol at a path of our own (`/api/Aids/…`: no recorded counterpart).
import type { SimFaults } from '../kit/faults.js';
import { createSimulator, type Simulator } from '../kit/simulator.js';
import { vieRateLimited, vieSearchRoutes } from '../protocols/vieSearch.js';
import { loadWorld, type World } from '../world.js';
import { buildVteRecords, type VteAidItem, type VteOfferItem } from './records.js';

/** Requests per second served before answering 429. */
export const VTE_RATE_LIMIT = 10;
/** Largest page the search accepts. */
export const VTE_MAX_LIMIT = 100;
/** The recorded offers search path. */
export const OFFERS_PATH = '/api/Offers/search';
/** The recorded offer details path (`/{id}` follows). */
export const OFFER_DETAILS_PATH = '/api/Offers/details';
/** The aid search: our own path (the VIE backend has no aid). */
export const AIDS_PATH = '/api/Aids/search';

/** SIREN of an establishment's SIRET, as the integer `entreprisesIds` carries. */
const companyOf = (siret: string) => Number(siret.slice(0, 9));

/** Builds the VTE simulator (no port). */
export function createVteSimulator(options: { faults?: SimFaults; world?: World } = {}): Simulator {
  const { offers, aids } = buildVteRecords(options.world ?? loadWorld());
  return createSimulator({
    name: 'vte',
    rateLimitPerSecond: VTE_RATE_LIMIT,
    faults: options.faults,
    rateLimited: vieRateLimited,
    routes: [
      ...vieSearchRoutes<VteOfferItem>('offers', '/api/Offers', {
        records: offers,
        maxLimit: VTE_MAX_LIMIT,
        idOf: (o) => o.id,
        filters: {
          // This backend's zones are INSEE commune codes (the VIE backend's are world zones).
          geographicZones: (o) => o.cityInseeCode,
          entreprisesIds: (o) => companyOf(o.siret),
          missionsDurations: (o) => String(o.missionDuration),
        },
      }),
      ...vieSearchRoutes<VteAidItem>('aids', '/api/Aids', {
        records: aids,
        maxLimit: VTE_MAX_LIMIT,
        filters: {
          geographicZones: (a) => a.cityInseeCode,
          entreprisesIds: (a) => companyOf(a.siret),
        },
      }),
    ],
  });
}
