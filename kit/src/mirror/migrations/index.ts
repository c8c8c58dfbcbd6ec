// The ordered list of migrations. Listed by hand rather than read from the folder, so a bundle
// carries them and a typo is a build error.
import type { Migration, MigrationProvider } from 'kysely';
import * as syncTables from './0001_sync_tables.js';
import * as sourceTables from './0002_source_tables.js';
import * as france2030Laureates from './0003_france_2030_laureates.js';
import * as franceTravailOffers from './0004_france_travail_offers.js';
import * as operatorWindows from './0005_operator_windows.js';
import * as offerListingIndex from './0006_offer_listing_index.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001_sync_tables': syncTables,
  '0002_source_tables': sourceTables,
  '0003_france_2030_laureates': france2030Laureates,
  '0004_france_travail_offers': franceTravailOffers,
  '0005_operator_windows': operatorWindows,
  '0006_offer_listing_index': offerListingIndex,
};

/** Kysely migration provider over the static list above. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
