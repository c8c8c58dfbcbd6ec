// Second migration: one table per mirrored source, each with a staging twin of the same shape
// that a sync fills before swapping it in. The column list lives here, frozen with this version;
// a later change of shape is a new migration, never an edit of this one.
import type { ColumnDataType, Kysely } from 'kysely';

type Column = readonly [name: string, type: ColumnDataType, notNull?: 'not null'];

const LOCATED: readonly Column[] = [
  ['commune_code', 'text'],
  ['department_code', 'text'],
  ['epci_siren', 'text'],
  ['axis', 'text'],
];

const TABLES: Record<string, { columns: readonly Column[]; indexes: readonly string[] }> = {
  cdc_subsidy: {
    columns: [
      ['nomattribuant', 'text'],
      ['idattribuant', 'text'],
      ['dateconvention', 'text'],
      ['referencedecision', 'text'],
      ['idbeneficiaire', 'text'],
      ['siren', 'text'],
      ['nombeneficiaire', 'text'],
      ['objet', 'text'],
      ['montant_cents', 'bigint'],
      ['nature', 'text'],
      ['conditionsversement', 'text'],
      ['datesversement_debut', 'text'],
      ['datesversement_fin', 'text'],
      ['idrae', 'text'],
      ['notificationue', 'text'],
      ['pourcentagesubvention', 'double precision'],
      ...LOCATED,
    ],
    indexes: ['commune_code', 'department_code', 'siren', 'idbeneficiaire', 'epci_siren'],
  },
  france_relance_project: {
    columns: [
      ['entreprise', 'text'],
      ['type_entreprise', 'text'],
      ['siren_raw', 'text'],
      ['siren', 'text'],
      ['siret', 'text'],
      ['volet_relance', 'text'],
      ['mesure', 'text'],
      ['nom_departement', 'text'],
      ['nom_commune', 'text'],
      ['code_postal', 'text'],
      ['latitude', 'double precision'],
      ['longitude', 'double precision'],
      ['description_projet', 'text'],
      ['mesure_light', 'text'],
      ['mise_a_jour', 'text'],
      ['filiere', 'text'],
      ['tonnes_equivalent_co2_pour_les_projets_decarbonation', 'double precision'],
      ['code_departement_raw', 'text'],
      ['nom_region', 'text'],
      ...LOCATED,
    ],
    indexes: ['commune_code', 'department_code', 'siren', 'siret', 'epci_siren', 'mise_a_jour'],
  },
  ademe_aid: {
    columns: [
      ['nom_attribuant', 'text'],
      ['idattribuant', 'text'],
      ['dateconvention', 'text'],
      ['referencedecision', 'text'],
      ['nombeneficiaire', 'text'],
      ['idbeneficiaire', 'text'],
      ['siren', 'text'],
      ['objet', 'text'],
      ['montant_cents', 'bigint'],
      ['nature', 'text'],
      ['conditionsversement', 'text'],
      ['versement_debut', 'text'],
      ['versement_fin', 'text'],
      ['idrae', 'text'],
      ['notificationue', 'text'],
      ['pourcentagesubvention', 'double precision'],
      ['dispositifaide', 'text'],
      ...LOCATED,
    ],
    indexes: ['commune_code', 'department_code', 'siren', 'idbeneficiaire', 'epci_siren'],
  },
  fonds_vert_project: {
    columns: [
      ['nom_region', 'text'],
      ['nom_departement', 'text'],
      ['code_commune', 'text'],
      ['nom_commune', 'text'],
      ['axe', 'text'],
      ['numero_demarche_ds', 'text'],
      ['nom_demarche_ds', 'text'],
      ['numero_dossier_ds', 'text'],
      ['nom_du_projet', 'text'],
      ['nom_beneficiaire_principal', 'text'],
      ['siren_raw', 'text'],
      ['siren', 'text'],
      ['siret', 'text'],
      ['montant_engage_cents', 'bigint'],
      ...LOCATED,
    ],
    indexes: ['commune_code', 'department_code', 'siren', 'epci_siren'],
  },
  bmo_row: {
    columns: [
      ['annee', 'integer', 'not null'],
      ['code_metier_bmo', 'text', 'not null'],
      ['nom_metier_bmo', 'text'],
      ['famille_met', 'text'],
      ['lbl_fam_met', 'text'],
      ['reg', 'text'],
      ['nom_reg', 'text'],
      ['nom_dept', 'text'],
      ['bassin_code', 'text'],
      ['bassin_nom', 'text'],
      ['met', 'integer'],
      ['xmet', 'integer'],
      ['smet', 'integer'],
      ['met_secret', 'integer', 'not null'],
      ['xmet_secret', 'integer', 'not null'],
      ['smet_secret', 'integer', 'not null'],
      ...LOCATED,
    ],
    indexes: ['department_code', 'bassin_code', 'code_metier_bmo'],
  },
  company_location: {
    columns: [
      ['siren', 'text', 'not null'],
      ['siret_siege', 'text'],
      ['nom_complet', 'text'],
      ['commune_code', 'text'],
      ['code_postal', 'text'],
      ['epci_siren', 'text'],
      ['department_code', 'text'],
      ['region_code', 'text'],
      ['latitude', 'double precision'],
      ['longitude', 'double precision'],
      ['etat_administratif', 'text'],
    ],
    indexes: ['siren', 'siret_siege', 'commune_code', 'department_code', 'epci_siren'],
  },
};

/** Creates every source table, its staging twin and its indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, { columns, indexes }] of Object.entries(TABLES)) {
    for (const name of [table, `${table}_staging`]) {
      // Staging has no index at all, not even on the key: the runner already refuses duplicate
      // keys while reading, and an index on random hash keys would slow the bulk load.
      const staging = name !== table;
      let create = db.schema
        .createTable(name)
        .addColumn('record_key', 'text', (c) => (staging ? c.notNull() : c.primaryKey()));
      for (const [column, type, notNull] of columns) {
        create = create.addColumn(column, type, (c) => (notNull ? c.notNull() : c));
      }
      await create.execute();
    }
    // Only the live table is read by the graph; the staging one is written once and copied.
    for (const column of indexes) {
      await db.schema.createIndex(`${table}_${column}`).on(table).column(column).execute();
    }
  }
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of Object.keys(TABLES)) {
    await db.schema.dropTable(`${table}_staging`).execute();
    await db.schema.dropTable(table).execute();
  }
}
