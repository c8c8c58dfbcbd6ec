// Per-request DataLoaders of the territories subgraph, made by one factory.
import DataLoader from 'dataloader';
import type { ProgrammeStore } from './programmeStore.js';
import type { TerritoryRecord } from '../../../kit/src/reference/programme.js';

/** The loaders one request uses. */
export interface Loaders {
  territory: DataLoader<string, TerritoryRecord | null>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(store: ProgrammeStore): Loaders {
  return {
    territory: new DataLoader(async (ids) => ids.map((id) => store.territory(id) ?? null)),
  };
}
