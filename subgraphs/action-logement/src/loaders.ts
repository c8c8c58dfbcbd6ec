// Per-request DataLoaders of the action-logement subgraph, made by one factory. Keys are commune
// codes, SIRENs or EPCI SIRENs: every territory (or company) of a query asks in the same tick, and
// one batch per kind reads them all in lists, every page. While the Action Logement window
// (window.ts) is fresh, the programme's communes and intercommunalités are read from the mirror
// instead (one SQL query per batch); only other keys and company lookups reach the API.
import type DataLoader from 'dataloader';
import { valuesLoader } from '../../../kit/src/keysLoader.js';
import { describeSource } from '../../../kit/src/provenance.js';
import {
  windowedBatch,
  windowSource,
  withSource,
  type RequestWindow,
  type WindowColumn,
} from '../../../kit/src/mirror/windowReads.js';
import type { SourceInfo } from '../../../kit/src/provenance.js';
import type { StaleCollector } from '../../../kit/src/upstream/stale.js';
import {
  DATASET,
  type ActionLogementClient,
  type HousingAgreement,
  type HousingAid,
  type ReadResult,
} from './actionLogementClient.js';
import { OPERATOR_ID } from './config.js';

/** A key's items, with the provenance of the batch that read them. */
export interface KeyItems<T> {
  items: T[];
  source: SourceInfo;
}

/** The loaders one request uses. */
export interface Loaders {
  /** Keyed by lists (a territory's communes, a company's SIREN, a territory's EPCIs): each key's items, in key order. */
  aidsByCommune: ListLoader<KeyItems<HousingAid>>;
  aidsByCompany: ListLoader<KeyItems<HousingAid>>;
  agreementsByEpci: ListLoader<KeyItems<HousingAgreement>>;
}

/** A loader asked for a list of keys at once, answering one value per key. */
export type ListLoader<V> = DataLoader<readonly string[], V[], readonly string[]>;

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(
  client: ActionLogementClient,
  stale: StaleCollector,
  requestId?: string,
  window?: RequestWindow,
): Loaders {
  const batch =
    <T>(read: (keys: readonly string[]) => Promise<ReadResult<T>>, keyOf: (item: T) => string) =>
    async (keys: readonly string[]): Promise<KeyItems<T>[]> => {
      const found = await read(keys);
      if (found.stale) stale.mark(OPERATOR_ID, found.since ?? new Date(0).toISOString());
      const groups = new Map<string, T[]>();
      for (const item of found.items) {
        const list = groups.get(keyOf(item));
        if (list) list.push(item);
        else groups.set(keyOf(item), [item]);
      }
      return keys.map((key) => ({ items: groups.get(key) ?? [], source: found.source }));
    };
  const sourceAt = windowSource((syncedAt) => describeSource(DATASET, client.baseUrl, syncedAt));
  /** A batch by place: the window's places from the mirror while it is fresh, the others live. */
  const byPlace = <T>(
    kind: string,
    column: WindowColumn,
    live: (keys: readonly string[]) => Promise<KeyItems<T>[]>,
  ) =>
    valuesLoader(
      windowedBatch(
        window,
        kind,
        column,
        (records: Omit<T, 'source'>[], syncedAt): KeyItems<T> => {
          const source = sourceAt(syncedAt);
          return { items: withSource(records, source), source };
        },
        live,
      ),
    );
  return {
    aidsByCommune: byPlace(
      'aid',
      'commune_code',
      batch(
        (keys) => client.aidsInCommunes(keys, requestId),
        (a) => a.communeCode,
      ),
    ),
    aidsByCompany: valuesLoader(
      batch(
        (keys) => client.aidsOfCompanies(keys, requestId),
        (a) => a.siren,
      ),
    ),
    agreementsByEpci: byPlace(
      'agreement',
      'epci_siren',
      batch(
        (keys) => client.agreementsOfEpcis(keys, requestId),
        (a) => a.epciSiren,
      ),
    ),
  };
}
