// Per-request DataLoaders of the ademe subgraph, made by one factory. Aid is keyed by commune
// and by company, Fonds Vert data by region: every territory of a query asks in the same tick,
// and one batch reads them all with `_in` lists, whatever the number of territories.
import DataLoader from 'dataloader';
import type { StaleCollector } from '../../../kit/src/upstream/stale.js';
import type { AdemeAid, AdemeClient, FondsVertEnvelope, FondsVertProject } from './ademeClient.js';
import { OPERATOR_ID } from './config.js';

/** Fonds Vert data of one region. */
export interface RegionFondsVert {
  envelopes: FondsVertEnvelope[];
  projects: FondsVertProject[];
}

/** The loaders one request uses. */
export interface Loaders {
  aidsByCommune: DataLoader<string, AdemeAid[]>;
  aidsByCompany: DataLoader<string, AdemeAid[]>;
  fondsVertByRegion: DataLoader<string, RegionFondsVert>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(client: AdemeClient, stale: StaleCollector, requestId?: string): Loaders {
  const note = (since: string | undefined) => {
    if (since !== undefined) stale.mark(OPERATOR_ID, since);
  };
  return {
    aidsByCommune: new DataLoader(async (communes) => {
      const found = await client.aidsInCommunes(communes, requestId);
      note(found.staleSince);
      return group(communes, found.records, (aid) => aid.communeCode);
    }),
    aidsByCompany: new DataLoader(async (sirens) => {
      const found = await client.aidsOfCompanies(sirens, requestId);
      note(found.staleSince);
      return group(sirens, found.records, (aid) => aid.siren);
    }),
    fondsVertByRegion: new DataLoader(async (regions) => {
      const found = await client.fondsVertOfRegions(regions, requestId);
      note(found.staleSince);
      const all = found.records[0] ?? { envelopes: [], projects: [] };
      return regions.map((region) => ({
        envelopes: all.envelopes.filter((e) => e.regionCode === region),
        projects: all.projects.filter((p) => p.regionCode === region),
      }));
    }),
  };
}

/** Results in key order. */
function group<T>(keys: readonly string[], items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(keyOf(item));
    if (list) list.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
