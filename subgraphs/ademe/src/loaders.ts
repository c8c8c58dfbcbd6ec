// Per-request DataLoaders of the ademe subgraph, made by one factory. Every territory (or
// company) of a query asks in the same tick, and one batch is ONE SQL query on the mirror,
// whatever the number of territories.
import DataLoader from 'dataloader';
import { keysLoader } from '../../../kit/src/keysLoader.js';
import type { TerritoryCommunes, TerritorySummary } from '../../../kit/src/mirror/index.js';
import type { AdemeAidRow, AdemeMirror, AidsFreshness } from './ademeMirror.js';

/** The loaders one request uses. */
export interface Loaders {
  /** Keyed by a territory's communes: their aids, in commune order. */
  aidsInCommunes: DataLoader<readonly string[], AdemeAidRow[], readonly string[]>;
  aidsBySiren: DataLoader<string, AdemeAidRow[]>;
  /** Keyed by territory id; the communes travel with the key. */
  summaryByTerritory: DataLoader<TerritoryCommunes, TerritorySummary, string>;
  unlocatedByDepartment: DataLoader<string, number>;
  /** Read once per request: every `source` of the answer says the same sync. */
  freshness: () => Promise<AidsFreshness>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(mirror: AdemeMirror): Loaders {
  let freshness: Promise<AidsFreshness> | undefined;
  return {
    aidsInCommunes: keysLoader((communes) => mirror.aidsByCommune(communes)),
    aidsBySiren: new DataLoader((sirens) => mirror.aidsBySiren(sirens)),
    summaryByTerritory: new DataLoader((territories) => mirror.summaries(territories), {
      cacheKeyFn: (t) => t.key,
    }),
    unlocatedByDepartment: new DataLoader((departments) => mirror.unlocatedByDepartment(departments)),
    freshness: () => (freshness ??= mirror.freshness()),
  };
}
