// Per-request DataLoaders of the vte subgraph, made by one factory. Keys are commune codes or
// SIRENs: every territory (or company) of a query asks in the same tick, and one batch reads
// them all in lists, pages of 100, whatever their number. Each batch notes when its data was read,
// so a block's `source.retrievedAt` is the oldest read behind it. While the VTE window
// (window.ts) is fresh, the communes of the programme are read from the mirror instead — one SQL
// query per batch, `retrievedAt` the window's sync — and only other communes reach the backend.
import DataLoader from 'dataloader';
import type { SourceInfo } from '../../../kit/src/provenance.js';
import { sourcedCommuneBatch, type RequestWindow } from '../../../kit/src/mirror/windowReads.js';
import { keysLoader } from '../../../kit/src/keysLoader.js';
import type { StaleCollector } from '../../../kit/src/upstream/stale.js';
import type { Retrievals, VieSearchResult } from '../../../kit/src/upstream/vieSearchClient.js';
import type { VteAid, VteClient, VteOffer } from './vteClient.js';
import { OPERATOR_ID } from './config.js';

/** The loaders one request uses. */
export interface Loaders {
  /** Keyed by a territory's communes: their offers (aid), in commune order. */
  offersInCommunes: DataLoader<readonly string[], VteOffer[], readonly string[]>;
  offersByCompany: DataLoader<string, VteOffer[]>;
  aidsInCommunes: DataLoader<readonly string[], VteAid[], readonly string[]>;
  aidsByCompany: DataLoader<string, VteAid[]>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(
  client: VteClient,
  stale: StaleCollector,
  retrievals: Retrievals,
  requestId?: string,
  window?: RequestWindow,
): Loaders {
  const batch =
    <T>(search: (keys: readonly string[]) => Promise<VieSearchResult<T>>, keyOf: (item: T) => string) =>
    async (keys: readonly string[]): Promise<T[][]> => {
      const found = await search(keys);
      if (found.stale) stale.mark(OPERATOR_ID, found.since ?? new Date(0).toISOString());
      retrievals.note(found.retrievedAt);
      const groups = new Map<string, T[]>();
      for (const item of found.items) {
        const list = groups.get(keyOf(item));
        if (list) list.push(item);
        else groups.set(keyOf(item), [item]);
      }
      return keys.map((key) => groups.get(key) ?? []);
    };
  const loader = <T>(
    search: (keys: readonly string[]) => Promise<VieSearchResult<T>>,
    keyOf: (item: T) => string,
  ) => new DataLoader<string, T[]>(batch(search, keyOf));
  /** A commune batch: the window's communes from the mirror while it is fresh, the others live. */
  const inCommunes = <T extends { source: SourceInfo }>(
    kind: 'offer' | 'aid',
    sourceKind: 'offers' | 'aids',
    search: (keys: readonly string[]) => Promise<VieSearchResult<T>>,
    communeOf: (item: T) => string,
  ) =>
    sourcedCommuneBatch<T>(
      window,
      kind,
      (syncedAt) => client.source(sourceKind, syncedAt),
      (syncedAt) => retrievals.note(syncedAt),
      batch(search, communeOf),
    );
  return {
    offersInCommunes: keysLoader(
      inCommunes(
        'offer',
        'offers',
        (keys) => client.offersInCommunes(keys, requestId),
        (o) => o.communeCode,
      ),
    ),
    offersByCompany: loader(
      (keys) => client.offersOfCompanies(keys, requestId),
      (o) => o.siren,
    ),
    aidsInCommunes: keysLoader(
      inCommunes(
        'aid',
        'aids',
        (keys) => client.aidsInCommunes(keys, requestId),
        (a) => a.communeCode,
      ),
    ),
    aidsByCompany: loader(
      (keys) => client.aidsOfCompanies(keys, requestId),
      (a) => a.siren,
    ),
  };
}
