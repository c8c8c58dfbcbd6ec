// Per-request DataLoaders of the etat subgraph, made by one factory. Every territory of a query
// asks in the same tick, and one batch answers them all with one SQL query per kind of read.
import DataLoader from 'dataloader';
import type { DepartmentUnlocated, EtatClient, FondsVertRecord, TerritoryTotals } from './etatClient.js';

/** A territory as the loaders key it: its id and its communes. */
export interface TerritoryKey {
  id: string;
  communeCodes: readonly string[];
}

/** The loaders one request uses. */
export interface Loaders {
  totals: DataLoader<TerritoryKey, TerritoryTotals, string>;
  projects: DataLoader<TerritoryKey, FondsVertRecord[], string>;
  unlocated: DataLoader<string, DepartmentUnlocated>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(client: EtatClient): Loaders {
  const asCommunes = (keys: readonly TerritoryKey[]) =>
    keys.map((k) => ({ key: k.id, communes: k.communeCodes }));
  const byId = { cacheKeyFn: (key: TerritoryKey) => key.id };
  return {
    totals: new DataLoader((keys) => client.totalsByAxe(asCommunes(keys)), byId),
    projects: new DataLoader((keys) => client.projects(asCommunes(keys)), byId),
    unlocated: new DataLoader((departments) => client.unlocatedByDepartment(departments)),
  };
}
