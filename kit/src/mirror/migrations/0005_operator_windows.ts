// Fifth migration: the windows of the operators whose upstreams are live APIs without a bulk
// export (VTE, Business France, DGEFP, APEC, Action Logement). Each operator's window holds the
// records of the programme's places as its last sync read them, one table per operator (the sync
// runner swaps a whole table) with its staging twin. A record is one checked upstream item as JSON
// (`payload`) with the place it was read by; `kind` tells an operator's record families apart
// (offers and aids…) and `position` keeps the upstream's order. Indexed for the reads the graph
// makes: a kind by commune, by department, by EPCI. Frozen with this version.
import type { ColumnDataType, Kysely } from 'kysely';

/** The window tables this migration creates. */
export const WINDOW_TABLES = [
  'vte_window',
  'business_france_window',
  'dgefp_window',
  'apec_window',
  'action_logement_window',
] as const;

const COLUMNS: readonly (readonly [name: string, type: ColumnDataType, notNull?: 'not null'])[] = [
  ['kind', 'text', 'not null'],
  ['position', 'integer', 'not null'],
  ['siren', 'text'],
  ['payload', 'text', 'not null'],
  ['commune_code', 'text'],
  ['department_code', 'text'],
  ['epci_siren', 'text'],
  ['axis', 'text'],
];

const INDEXED = ['commune_code', 'department_code', 'epci_siren'];

/** Creates every window table, its staging twin and the live tables' indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of WINDOW_TABLES) {
    for (const name of [table, `${table}_staging`]) {
      // Staging has no index, not even on the key: the runner refuses duplicate keys while reading.
      const staging = name !== table;
      let create = db.schema
        .createTable(name)
        .addColumn('record_key', 'text', (c) => (staging ? c.notNull() : c.primaryKey()));
      for (const [column, type, notNull] of COLUMNS) {
        create = create.addColumn(column, type, (c) => (notNull ? c.notNull() : c));
      }
      await create.execute();
    }
    for (const column of INDEXED) {
      await db.schema.createIndex(`${table}_kind_${column}`).on(table).columns(['kind', column]).execute();
    }
  }
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of WINDOW_TABLES) {
    await db.schema.dropTable(`${table}_staging`).execute();
    await db.schema.dropTable(table).execute();
  }
}
