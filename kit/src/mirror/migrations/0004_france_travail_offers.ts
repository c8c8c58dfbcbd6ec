// Fourth migration: France Travail's offer window, the job offers of the programme's departments
// as the last search of each read them. A live table and its staging twin of the same shape; the
// columns the graph filters and counts on are columns, the rest of the checked offer is one JSON
// text (`payload`) parsed only for the offers a page shows. Indexed by commune (a territory's
// offers), by department and by SIREN. Frozen with this version; a later change is a new migration.
import type { ColumnDataType, Kysely } from 'kysely';

const TABLE = 'france_travail_offer';

const COLUMNS: readonly (readonly [name: string, type: ColumnDataType, notNull?: 'not null'])[] = [
  ['rome_code', 'text', 'not null'],
  ['contract_type', 'text', 'not null'],
  ['created_at', 'text', 'not null'],
  ['positions', 'integer', 'not null'],
  ['siren', 'text'],
  ['payload', 'text', 'not null'],
  ['commune_code', 'text'],
  ['department_code', 'text'],
  ['epci_siren', 'text'],
  ['axis', 'text'],
];

const INDEXES = ['commune_code', 'department_code', 'siren'];

/** Creates the offer window's table, its staging twin and the live table's indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const name of [TABLE, `${TABLE}_staging`]) {
    // Staging has no index, not even on the key: the runner refuses duplicate keys while reading.
    const staging = name !== TABLE;
    let create = db.schema
      .createTable(name)
      .addColumn('record_key', 'text', (c) => (staging ? c.notNull() : c.primaryKey()));
    for (const [column, type, notNull] of COLUMNS) {
      create = create.addColumn(column, type, (c) => (notNull ? c.notNull() : c));
    }
    await create.execute();
  }
  for (const column of INDEXES) {
    await db.schema.createIndex(`${TABLE}_${column}`).on(TABLE).column(column).execute();
  }
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable(`${TABLE}_staging`).execute();
  await db.schema.dropTable(TABLE).execute();
}
