// Per-request DataLoaders of the france-travail subgraph, made by one factory. Offers are keyed
// by commune: every territory of a query asks for its communes in the same tick, and one batch
// searches them all in comma-separated lists of communes, pages of 150, whatever the number of
// territories. Indicators are keyed by department, offers of companies by SIREN.
import DataLoader from 'dataloader';
import type { StaleCollector } from '../../../kit/src/upstream/stale.js';
import type { BmoRow, FranceTravailClient, Offer, OfferFilters } from './franceTravailClient.js';
import { OPERATOR_ID } from './config.js';

/** SIRENs per company search call. */
const SIRENS_PER_CALL = 50;

/** Filters that apply on top of the communes. */
export type OfferFilter = Pick<OfferFilters, 'romeCodes' | 'contractTypes'>;

/** The loaders one request uses. */
export interface Loaders {
  /** Offers by commune under a filter (one loader per distinct filter). */
  offersByCommune(filter: OfferFilter): DataLoader<string, Offer[]>;
  offersByCompany: DataLoader<string, Offer[]>;
  recruitmentByDepartment: DataLoader<string, BmoRow[]>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(
  client: FranceTravailClient,
  stale: StaleCollector,
  requestId?: string,
): Loaders {
  const note = (since: string | undefined) => {
    if (since !== undefined) stale.mark(OPERATOR_ID, since);
  };
  const byFilter = new Map<string, DataLoader<string, Offer[]>>();
  return {
    offersByCommune(filter) {
      const key = JSON.stringify([filter.romeCodes ?? [], filter.contractTypes ?? []]);
      let loader = byFilter.get(key);
      if (!loader) {
        loader = new DataLoader(async (communes) => {
          const found = await client.searchOffers({ ...filter, communes }, requestId);
          note(found.staleSince);
          return groupBy(communes, found.offers, (offer) => [offer.communeCode]);
        });
        byFilter.set(key, loader);
      }
      return loader;
    },
    offersByCompany: new DataLoader(
      async (sirens) => {
        const found = await client.searchOffers({ sirets: sirens }, requestId);
        note(found.staleSince);
        return groupBy(sirens, found.offers, (offer) => (offer.siret ? [offer.siret.slice(0, 9)] : []));
      },
      { maxBatchSize: SIRENS_PER_CALL },
    ),
    // One call per department (the indicator takes one territory); a failed department is an
    // error in its own slot, so the others still resolve.
    recruitmentByDepartment: new DataLoader(async (departments) => {
      const settled = await Promise.allSettled(
        departments.map((d) => client.recruitmentProjects(d, requestId)),
      );
      return settled.map((outcome) => {
        if (outcome.status === 'rejected') return toError(outcome.reason);
        note(outcome.value.staleSince);
        return outcome.value.rows;
      });
    }),
  };
}

/** Results in key order: each key gets the items whose keys include it. */
function groupBy<T>(keys: readonly string[], items: readonly T[], keysOf: (item: T) => string[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keysOf(item)) {
      const list = groups.get(key);
      if (list) list.push(item);
      else groups.set(key, [item]);
    }
  }
  return keys.map((key) => groups.get(key) ?? []);
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
