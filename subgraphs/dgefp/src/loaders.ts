// Per-request DataLoaders of the dgefp subgraph, made by one factory. Keys are commune codes or
// SIRENs: every territory (or company) of a query asks in the same tick, and one batch reads them
// all in lists, every page. While the DGEFP window (window.ts) is fresh, the communes of the
// programme are read from the mirror instead (one SQL query per batch); only other communes and
// company lookups reach the API.
import DataLoader from 'dataloader';
import { valuesLoader } from '../../../kit/src/keysLoader.js';
import { describeSource } from '../../../kit/src/provenance.js';
import {
  windowedBatch,
  windowSource,
  withSource,
  type RequestWindow,
} from '../../../kit/src/mirror/windowReads.js';
import type { SourceInfo } from '../../../kit/src/provenance.js';
import type { StaleCollector } from '../../../kit/src/upstream/stale.js';
import { DATASET, type ActionsResult, type DgefpAction, type DgefpClient } from './dgefpClient.js';
import { OPERATOR_ID } from './config.js';

/** A key's actions, with the provenance of the batch that read them. */
export interface KeyActions {
  actions: DgefpAction[];
  source: SourceInfo;
}

/** The loaders one request uses. */
export interface Loaders {
  /** Keyed by a territory's communes: each commune's actions, in commune order. */
  actionsByCommune: DataLoader<readonly string[], KeyActions[], readonly string[]>;
  actionsByCompany: DataLoader<string, KeyActions>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(
  client: DgefpClient,
  stale: StaleCollector,
  requestId?: string,
  window?: RequestWindow,
): Loaders {
  const batch =
    (read: (keys: readonly string[]) => Promise<ActionsResult>, keyOf: (a: DgefpAction) => string | null) =>
    async (keys: readonly string[]): Promise<KeyActions[]> => {
      const found = await read(keys);
      if (found.stale) stale.mark(OPERATOR_ID, found.since ?? new Date(0).toISOString());
      const groups = new Map<string, DgefpAction[]>();
      for (const action of found.actions) {
        const key = keyOf(action);
        if (!key) continue;
        const list = groups.get(key);
        if (list) list.push(action);
        else groups.set(key, [action]);
      }
      return keys.map((key) => ({ actions: groups.get(key) ?? [], source: found.source }));
    };
  const sourceAt = windowSource((syncedAt) => describeSource(DATASET, client.baseUrl, syncedAt));
  return {
    actionsByCommune: valuesLoader(
      windowedBatch(
        window,
        'action',
        'commune_code',
        (records: Omit<DgefpAction, 'source'>[], syncedAt): KeyActions => {
          const source = sourceAt(syncedAt);
          return { actions: withSource(records, source), source };
        },
        batch(
          (keys) => client.actionsInCommunes(keys, requestId),
          (a) => a.communeCode,
        ),
      ),
    ),
    actionsByCompany: new DataLoader(
      batch(
        (keys) => client.actionsOfCompanies(keys, requestId),
        (a) => a.siren,
      ),
    ),
  };
}
