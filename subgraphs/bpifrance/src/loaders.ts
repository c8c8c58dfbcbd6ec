// Per-request DataLoaders of the bpifrance subgraph, made by one factory. Territories ask by
// commune, `company(siren:)` by SIREN; each batch is read with `in (…)` lists, pages of 100.
import DataLoader from 'dataloader';
import type { StaleCollector } from '../../../kit/src/upstream/stale.js';
import type { OdsRecords } from '../../../kit/src/upstream/opendatasoftClient.js';
import type { AidRecord, BpifranceClient } from './bpifranceClient.js';
import { OPERATOR_ID } from './config.js';

/** The loaders one request uses. */
export interface Loaders {
  aidsByCommune: DataLoader<string, AidRecord[]>;
  aidsBySiren: DataLoader<string, AidRecord[]>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(client: BpifranceClient, stale: StaleCollector, requestId?: string): Loaders {
  return {
    aidsByCommune: new DataLoader((codes) =>
      client
        .aidsInCommunes(codes, requestId)
        .then((found) => groupBy(codes, found, (a) => a.communeCode, stale)),
    ),
    aidsBySiren: new DataLoader((sirens) =>
      client
        .aidsOfCompanies(sirens, requestId)
        .then((found) => groupBy(sirens, found, (a) => a.siren, stale)),
    ),
  };
}

function groupBy(
  keys: readonly string[],
  found: OdsRecords<AidRecord>,
  keyOf: (a: AidRecord) => string,
  stale: StaleCollector,
): AidRecord[][] {
  if (found.stale) stale.mark(OPERATOR_ID, found.since ?? new Date(0).toISOString());
  const groups = new Map<string, AidRecord[]>();
  for (const aid of found.records) {
    const key = keyOf(aid);
    const list = groups.get(key);
    if (list) list.push(aid);
    else groups.set(key, [aid]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
