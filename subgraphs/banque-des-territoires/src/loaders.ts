// Per-request DataLoaders of the banque-des-territoires subgraph, made by one factory. Keys are
// commune codes: every territory of a query asks for its communes in the same tick, and one batch
// reads them all with `code_commune in (…)` lists, pages of 100, whatever the number of territories.
import DataLoader from 'dataloader';
import type { StaleCollector } from '../../../kit/src/upstream/stale.js';
import type { OdsRecords } from '../../../kit/src/upstream/opendatasoftClient.js';
import type {
  BanqueDesTerritoiresClient,
  FinancingRecord,
  SchoolRecord,
} from './banqueDesTerritoiresClient.js';
import { OPERATOR_ID } from './config.js';

/** The loaders one request uses. */
export interface Loaders {
  financingsByCommune: DataLoader<string, FinancingRecord[]>;
  schoolsByCommune: DataLoader<string, SchoolRecord[]>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(
  client: BanqueDesTerritoiresClient,
  stale: StaleCollector,
  requestId?: string,
): Loaders {
  return {
    financingsByCommune: new DataLoader((codes) =>
      client.financingsInCommunes(codes, requestId).then((found) => byCommune(codes, found, stale)),
    ),
    schoolsByCommune: new DataLoader((codes) =>
      client.schoolsInCommunes(codes, requestId).then((found) => byCommune(codes, found, stale)),
    ),
  };
}

function byCommune<R extends { communeCode: string }>(
  codes: readonly string[],
  found: OdsRecords<R>,
  stale: StaleCollector,
): R[][] {
  if (found.stale) stale.mark(OPERATOR_ID, found.since ?? new Date(0).toISOString());
  const groups = new Map<string, R[]>();
  for (const record of found.records) {
    const list = groups.get(record.communeCode);
    if (list) list.push(record);
    else groups.set(record.communeCode, [record]);
  }
  return codes.map((code) => groups.get(code) ?? []);
}
