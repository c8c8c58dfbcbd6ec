// Per-request DataLoaders of the apec subgraph, made by one factory. Keys are department codes:
// every territory of a query asks in the same tick, and one search (every page) reads them all.
// While the APEC window (window.ts) is fresh, the programme's departments are read from the mirror
// instead (one SQL query per batch); only other departments reach apec.fr.
import DataLoader from 'dataloader';
import { describeSource, type SourceInfo } from '../../../kit/src/provenance.js';
import { windowedBatch, windowSource, type RequestWindow } from '../../../kit/src/mirror/windowReads.js';
import type { StaleCollector } from '../../../kit/src/upstream/stale.js';
import { DATASET, type ApecClient, type ApecOffer } from './apecClient.js';
import { OPERATOR_ID } from './config.js';

/** A department's offers, with the provenance of the search that read them. */
export interface DepartmentOffers {
  code: string;
  offers: ApecOffer[];
  source: SourceInfo;
}

/** The loaders one request uses. */
export interface Loaders {
  offersByDepartment: DataLoader<string, DepartmentOffers>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(
  client: ApecClient,
  stale: StaleCollector,
  requestId?: string,
  window?: RequestWindow,
): Loaders {
  const live = async (departments: readonly string[]): Promise<DepartmentOffers[]> => {
    const found = await client.offersInDepartments(departments, requestId);
    if (found.stale) stale.mark(OPERATOR_ID, found.since ?? new Date(0).toISOString());
    // Grouped in one pass (a filter per department read every offer 96 times for all 183
    // territories); each department keeps the search's order.
    const byDepartment = new Map<string, ApecOffer[]>();
    for (const offer of found.offers) {
      const list = byDepartment.get(offer.departmentCode);
      if (list) list.push(offer);
      else byDepartment.set(offer.departmentCode, [offer]);
    }
    return departments.map((code) => ({
      code,
      offers: byDepartment.get(code) ?? [],
      source: found.source,
    }));
  };
  const sourceAt = windowSource((syncedAt) => describeSource(DATASET, client.baseUrl, syncedAt));
  return {
    offersByDepartment: new DataLoader<string, DepartmentOffers>(
      windowedBatch(
        window,
        'offer',
        'department_code',
        (records: Parameters<ApecClient['placed']>[0][number][], syncedAt, code): DepartmentOffers => {
          const source = sourceAt(syncedAt);
          return { code, offers: client.placed(records, source), source };
        },
        live,
      ),
    ),
  };
}
