// Per-request DataLoaders of the business-france subgraph, made by one factory. Territories ask
// by commune, `company(siren:)` by SIREN; each batch is one search per list of 1,000 values, pages
// of 100, whatever the number of territories. Each batch notes when its data was read. While the
// Business France window (window.ts) is fresh, the communes of the programme are read from the
// mirror instead (one SQL query per batch) and only other communes reach the backend.
import DataLoader from 'dataloader';
import type { SourceInfo } from '../../../kit/src/provenance.js';
import { sourcedCommuneBatch, type RequestWindow } from '../../../kit/src/mirror/windowReads.js';
import { keysLoader } from '../../../kit/src/keysLoader.js';
import type { StaleCollector } from '../../../kit/src/upstream/stale.js';
import type { Retrievals, VieSearchResult } from '../../../kit/src/upstream/vieSearchClient.js';
import type { BusinessFranceClient, ProjectRecord, PromotedSiteRecord } from './businessFranceClient.js';
import { OPERATOR_ID } from './config.js';

/** The loaders one request uses. */
export interface Loaders {
  /** Keyed by a territory's communes: their projects (sites), in commune order. */
  projectsInCommunes: DataLoader<readonly string[], ProjectRecord[], readonly string[]>;
  projectsBySiren: DataLoader<string, ProjectRecord[]>;
  sitesInCommunes: DataLoader<readonly string[], PromotedSiteRecord[], readonly string[]>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(
  client: BusinessFranceClient,
  stale: StaleCollector,
  retrievals: Retrievals,
  requestId?: string,
  window?: RequestWindow,
): Loaders {
  const group = <R>(keys: readonly string[], found: VieSearchResult<R>, keyOf: (r: R) => string) => {
    retrievals.note(found.retrievedAt);
    return groupBy(keys, found, keyOf, stale);
  };
  /** A commune batch: the window's communes from the mirror while it is fresh, the others live. */
  const inCommunes = <R extends { source: SourceInfo }>(
    kind: 'project' | 'site',
    sourceKind: 'projects' | 'sites',
    live: (codes: readonly string[]) => Promise<R[][]>,
  ) =>
    sourcedCommuneBatch<R>(
      window,
      kind,
      (syncedAt) => client.source(sourceKind, syncedAt),
      (syncedAt) => retrievals.note(syncedAt),
      live,
    );
  return {
    projectsInCommunes: keysLoader(
      inCommunes('project', 'projects', (codes) =>
        client
          .projectsInCommunes(codes, requestId)
          .then((found) => group(codes, found, (p) => p.communeCode)),
      ),
    ),
    projectsBySiren: new DataLoader((sirens) =>
      client
        .projectsOfCompanies(sirens, requestId)
        .then((found) => group(sirens, found, (p) => p.siren ?? '')),
    ),
    sitesInCommunes: keysLoader(
      inCommunes('site', 'sites', (codes) =>
        client.sitesInCommunes(codes, requestId).then((found) => group(codes, found, (s) => s.communeCode)),
      ),
    ),
  };
}

function groupBy<R>(
  keys: readonly string[],
  found: VieSearchResult<R>,
  keyOf: (r: R) => string,
  stale: StaleCollector,
): R[][] {
  if (found.stale) stale.mark(OPERATOR_ID, found.since ?? new Date(0).toISOString());
  const groups = new Map<string, R[]>();
  for (const item of found.items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
