// Per-request DataLoaders of the action-logement subgraph, made by one factory. Keys are commune
// codes, SIRENs or EPCI SIRENs: every territory (or company) of a query asks in the same tick, and
// one batch per kind reads them all in lists, every page.
import DataLoader from 'dataloader';
import type { SourceInfo } from '../../../kit/src/provenance.js';
import type { StaleCollector } from '../../../kit/src/upstream/stale.js';
import type {
  ActionLogementClient,
  HousingAgreement,
  HousingAid,
  ReadResult,
} from './actionLogementClient.js';
import { OPERATOR_ID } from './config.js';

/** A key's items, with the provenance of the batch that read them. */
export interface KeyItems<T> {
  items: T[];
  source: SourceInfo;
}

/** The loaders one request uses. */
export interface Loaders {
  aidsByCommune: DataLoader<string, KeyItems<HousingAid>>;
  aidsByCompany: DataLoader<string, KeyItems<HousingAid>>;
  agreementsByEpci: DataLoader<string, KeyItems<HousingAgreement>>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(
  client: ActionLogementClient,
  stale: StaleCollector,
  requestId?: string,
): Loaders {
  const loader = <T>(read: (keys: readonly string[]) => Promise<ReadResult<T>>, keyOf: (item: T) => string) =>
    new DataLoader<string, KeyItems<T>>(async (keys) => {
      const found = await read(keys);
      if (found.stale) stale.mark(OPERATOR_ID, found.since ?? new Date(0).toISOString());
      const groups = new Map<string, T[]>();
      for (const item of found.items) {
        const list = groups.get(keyOf(item));
        if (list) list.push(item);
        else groups.set(keyOf(item), [item]);
      }
      return keys.map((key) => ({ items: groups.get(key) ?? [], source: found.source }));
    });
  return {
    aidsByCommune: loader(
      (keys) => client.aidsInCommunes(keys, requestId),
      (a) => a.communeCode,
    ),
    aidsByCompany: loader(
      (keys) => client.aidsOfCompanies(keys, requestId),
      (a) => a.siren,
    ),
    agreementsByEpci: loader(
      (keys) => client.agreementsOfEpcis(keys, requestId),
      (a) => a.epciSiren,
    ),
  };
}
