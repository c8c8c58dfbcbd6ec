// Per-request DataLoaders of the banque-des-territoires subgraph, made by one factory. Keys are
// territories (their communes and groupements): every territory of a query asks in the same tick,
// and one SQL query answers the whole batch, whatever the number of territories.
import DataLoader from 'dataloader';
import type { TerritoryScope } from '../../../kit/src/mirror/territoryQueries.js';
import type {
  BanqueDesTerritoiresClient,
  SubsidyRecord,
  SubsidyTotals,
} from './banqueDesTerritoiresClient.js';

/** The loaders one request uses. */
export interface Loaders {
  subsidies: DataLoader<TerritoryScope, SubsidyRecord[], string>;
  totals: DataLoader<TerritoryScope, SubsidyTotals, string>;
  /** When the subsidies were last confirmed current (one read of sync_state per request). */
  retrievedAt(): Promise<string>;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(client: BanqueDesTerritoiresClient): Loaders {
  let retrievedAt: Promise<string> | undefined;
  const byKey = { cacheKeyFn: (scope: TerritoryScope) => scope.key };
  return {
    subsidies: new DataLoader((scopes) => client.subsidiesOf(scopes), byKey),
    totals: new DataLoader((scopes) => client.totalsOf(scopes), byKey),
    retrievedAt: () => (retrievedAt ??= client.retrievedAt()),
  };
}
