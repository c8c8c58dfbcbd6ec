// Sixth migration: a covering index for the France Travail offer window's lists. A territory's
// offers are read by commune with the few columns a list sorts, counts and pages on (the rest of
// an offer is read by id for the offers a page shows). With the commune alone indexed, each of
// those rows was read from the table, past the offer's JSON text; with the listed columns in the
// index, the read never leaves it, already in (commune, id) order. It replaces the index on the
// commune alone, of which it is an extension. Frozen with this version.
import type { Kysely } from 'kysely';

const TABLE = 'france_travail_offer';
const INDEX = `${TABLE}_listing`;

/** Creates the listing index and drops the commune index it extends. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex(INDEX)
    .on(TABLE)
    .columns(['commune_code', 'record_key', 'created_at', 'positions', 'rome_code', 'contract_type'])
    .execute();
  await db.schema.dropIndex(`${TABLE}_commune_code`).execute();
}

/** Puts the commune index back and drops the listing index. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex(`${TABLE}_commune_code`).on(TABLE).column('commune_code').execute();
  await db.schema.dropIndex(INDEX).execute();
}
