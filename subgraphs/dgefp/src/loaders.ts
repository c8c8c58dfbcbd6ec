// Per-request DataLoaders of the dgefp subgraph, made by one factory. Keys are commune codes:
// every territory of a query asks in the same tick, and one batch reads them all.
import DataLoader from 'dataloader';
import type { StaleCollector } from '../../../kit/src/upstream/stale.js';
import type { DgefpClient, DgefpRecord } from './dgefpClient.js';
import { OPERATOR_ID } from './config.js';

/** The loaders one request uses. */
export interface Loaders {
  recordsByCommune: DataLoader<string, DgefpRecord[]>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(client: DgefpClient, stale: StaleCollector, requestId?: string): Loaders {
  return {
    recordsByCommune: new DataLoader<string, DgefpRecord[]>(async (communes) => {
      const found = await client.recordsInCommunes(communes, requestId);
      if (found.stale) stale.mark(OPERATOR_ID, found.since ?? new Date(0).toISOString());
      const groups = new Map<string, DgefpRecord[]>();
      for (const record of found.records)
        groups.set(record.communeCode, [...(groups.get(record.communeCode) ?? []), record]);
      return communes.map((code) => groups.get(code) ?? []);
    }),
  };
}
