// Third migration: the illustrative France 2030 laureates (Bpifrance), mirrored like France
// Relance: a live table and its staging twin of the same shape, indexed for the graph's questions
// (by SIREN for a company, by commune for a territory, by department for the unplaced). Frozen
// with this version; a later change of shape is a new migration.
import type { ColumnDataType, Kysely } from 'kysely';

const TABLE = 'france_2030_laureate';

const COLUMNS: readonly (readonly [name: string, type: ColumnDataType, notNull?: 'not null'])[] = [
  ['entreprise', 'text', 'not null'],
  ['siren', 'text', 'not null'],
  ['siret', 'text'],
  ['mesure', 'text', 'not null'],
  ['programme', 'text'],
  ['description_projet', 'text'],
  ['filiere', 'text'],
  ['code_region', 'text'],
  ['nom_commune', 'text'],
  ['code_postal', 'text'],
  ['latitude', 'double precision'],
  ['longitude', 'double precision'],
  ['annee', 'integer'],
  ['montant_investissement_cents', 'bigint'],
  ['montant_aide_cents', 'bigint'],
  ['mise_a_jour', 'text'],
  ['commune_code', 'text'],
  ['department_code', 'text'],
  ['epci_siren', 'text'],
  ['axis', 'text'],
];

const INDEXES = ['siren', 'commune_code', 'department_code', 'mise_a_jour'];

/** Creates the laureates' table, its staging twin and the live table's indexes. */
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
