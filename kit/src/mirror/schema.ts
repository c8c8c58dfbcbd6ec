// The mirror's tables as Kysely sees them. Both engines store the same columns: dates and
// timestamps are ISO 8601 text (UTC, so text order is time order), money is integer cents
// (sums stay exact), flags are 0/1 integers (SQLite has no boolean type).

/** Freshness and counts of one mirrored source, one row per source. */
export interface SyncStateTable {
  source: string;
  last_sync_at: string | null;
  last_success_at: string | null;
  record_count: number;
  rejected_count: number;
  unlocated_count: number;
  /** JSON of {@link SyncCursor}: what the next incremental sync asks for. */
  cursor: string | null;
  status: SyncStatus;
  last_error: string | null;
}

/** Outcome of the latest sync of a source. */
export type SyncStatus = 'never' | 'running' | 'loaded' | 'unchanged' | 'failed';

/** One rejected upstream row of the latest sync that read rows. */
export interface SyncRejectTable {
  source: string;
  /** Where the row was: line number, record number or upstream id. */
  ref: string;
  reason: string;
  detail: string;
  excerpt: string;
}

/** A lease: one sync per source at a time, across processes; a crashed holder's lease expires. */
export interface SyncLockTable {
  source: string;
  holder: string;
  acquired_at: string;
  expires_at: string;
}

/** Where a mirrored record sits, filled by its parser or from the company registry. */
export interface LocatedColumns {
  /** Commune INSEE code; null when the record could not be located ("unlocated"). */
  commune_code: string | null;
  department_code: string | null;
  epci_siren: string | null;
  /** Programme axis this record counts for, when a mapping says so. */
  axis: string | null;
}

/** Caisse des Dépôts subsidies (SCDL), Opendatasoft dataset subventions-attribuees-par-la-caisse-des-depots-depuis-01012018. */
export interface CdcSubsidyTable extends LocatedColumns {
  record_key: string;
  nomattribuant: string | null;
  idattribuant: string | null;
  /** `YYYY-MM` as published. */
  dateconvention: string | null;
  referencedecision: string | null;
  /** Beneficiary SIRET as published. */
  idbeneficiaire: string | null;
  /** First 9 digits of idbeneficiaire, when it is a SIRET or SIREN. */
  siren: string | null;
  nombeneficiaire: string | null;
  objet: string | null;
  montant_cents: number | null;
  nature: string | null;
  conditionsversement: string | null;
  datesversement_debut: string | null;
  datesversement_fin: string | null;
  idrae: string | null;
  notificationue: string | null;
  pourcentagesubvention: number | null;
}

/** France Relance industrial projects, Opendatasoft dataset plan-de-relance (data.economie.gouv.fr). */
export interface FranceRelanceProjectTable extends LocatedColumns {
  record_key: string;
  entreprise: string | null;
  type_entreprise: string | null;
  /** The `siren` column as published: a SIREN or a SIRET. */
  siren_raw: string | null;
  siren: string | null;
  siret: string | null;
  volet_relance: string | null;
  mesure: string | null;
  nom_departement: string | null;
  nom_commune: string | null;
  /** Five digits, leading zero restored. */
  code_postal: string | null;
  latitude: number | null;
  longitude: number | null;
  description_projet: string | null;
  mesure_light: string | null;
  /** ISO date: the incremental cursor of this source. */
  mise_a_jour: string | null;
  filiere: string | null;
  tonnes_equivalent_co2_pour_les_projets_decarbonation: number | null;
  /** `code_departement` as published ("40.0"); the normalised code is department_code. */
  code_departement_raw: string | null;
  nom_region: string | null;
}

/**
 * France 2030 laureates operated by Bpifrance (AMI « Rebond industriel » included). No open
 * dataset of them exists: only the simulated portal serves the illustrative
 * `illustratif-laureats-france-2030`, whose rows carry their commune.
 */
export interface France2030LaureateTable extends LocatedColumns {
  /** The published `identifiant`. */
  record_key: string;
  entreprise: string;
  siren: string;
  siret: string | null;
  mesure: string;
  programme: string | null;
  description_projet: string | null;
  filiere: string | null;
  code_region: string | null;
  nom_commune: string | null;
  code_postal: string | null;
  latitude: number | null;
  longitude: number | null;
  annee: number | null;
  montant_investissement_cents: number | null;
  montant_aide_cents: number | null;
  /** ISO date: the incremental cursor of this source. */
  mise_a_jour: string | null;
}

/** ADEME aids, data-fair dataset les-aides-financieres-de-l'ademe. */
export interface AdemeAidTable extends LocatedColumns {
  record_key: string;
  nom_attribuant: string | null;
  idattribuant: string | null;
  dateconvention: string | null;
  referencedecision: string | null;
  nombeneficiaire: string | null;
  /** Beneficiary SIRET, leading zeros restored. */
  idbeneficiaire: string | null;
  siren: string | null;
  objet: string | null;
  montant_cents: number | null;
  nature: string | null;
  conditionsversement: string | null;
  /** The two halves of `datesPeriodeVersement` ("start_end"). */
  versement_debut: string | null;
  versement_fin: string | null;
  idrae: string | null;
  notificationue: string | null;
  pourcentagesubvention: number | null;
  dispositifaide: string | null;
}

/** Fonds Vert 2023 projects, national open-data portal CSV (DGALN). */
export interface FondsVertProjectTable extends LocatedColumns {
  record_key: string;
  nom_region: string | null;
  nom_departement: string | null;
  /** `code_commune` as published (beneficiary seat; null for the literal NULL). */
  code_commune: string | null;
  nom_commune: string | null;
  axe: string | null;
  numero_demarche_ds: string | null;
  nom_demarche_ds: string | null;
  numero_dossier_ds: string | null;
  nom_du_projet: string | null;
  nom_beneficiaire_principal: string | null;
  siren_raw: string | null;
  siren: string | null;
  siret: string | null;
  montant_engage_cents: number | null;
}

/** France Travail BMO rows (Besoins en main-d'œuvre), one per métier and bassin d'emploi. */
export interface BmoRowTable extends LocatedColumns {
  record_key: string;
  annee: number;
  code_metier_bmo: string;
  nom_metier_bmo: string | null;
  famille_met: string | null;
  lbl_fam_met: string | null;
  reg: string | null;
  nom_reg: string | null;
  nom_dept: string | null;
  /** Bassin d'emploi code (BE24 in 2024): not a Territoire d'industrie id. */
  bassin_code: string | null;
  bassin_nom: string | null;
  /** Counts; null with the matching *_secret = 1 where the file says `*`. */
  met: number | null;
  xmet: number | null;
  smet: number | null;
  met_secret: number;
  xmet_secret: number;
  smet_secret: number;
}

/**
 * France Travail's offer window: one row per job offer of the programme's departments, as the
 * last search of each department returned it (Offres d'emploi v2, re-read every few minutes).
 */
export interface FranceTravailOfferTable extends LocatedColumns {
  /** The offer id (e.g. `201WLXK`). */
  record_key: string;
  rome_code: string;
  /** typeContrat as published (CDI, CDD, MIS…). */
  contract_type: string;
  /** dateCreation, ISO 8601: newest first is `created_at desc, record_key`. */
  created_at: string;
  positions: number;
  /** First 9 digits of the establishment's SIRET, when published. */
  siren: string | null;
  /** The checked offer as JSON: what a page shows, parsed only for the offers shown. */
  payload: string;
}

/**
 * An operator's window (VTE, Business France, DGEFP, APEC, Action Logement): one checked record
 * of its live API, read by the place it sits in during the window's last sync.
 */
export interface OperatorWindowTable extends LocatedColumns {
  /** `<kind>:<the record's id>`. */
  record_key: string;
  /** The record family (`offer`, `aid`…), one per kind of read the subgraph makes. */
  kind: string;
  /** Its rank in the sync's read, so reads keep the upstream's order. */
  position: number;
  siren: string | null;
  /** The checked record as JSON, as the operator's client returns it (without `source`). */
  payload: string;
}

/** Company head-office locations from API Recherche d'entreprises, keyed by SIREN. */
export interface CompanyLocationTable {
  record_key: string;
  siren: string;
  siret_siege: string | null;
  nom_complet: string | null;
  commune_code: string | null;
  code_postal: string | null;
  epci_siren: string | null;
  department_code: string | null;
  region_code: string | null;
  latitude: number | null;
  longitude: number | null;
  etat_administratif: string | null;
}

/** Every mirrored source table, each with a `<name>_staging` twin of the same shape. */
export interface SourceTables {
  cdc_subsidy: CdcSubsidyTable;
  france_relance_project: FranceRelanceProjectTable;
  france_2030_laureate: France2030LaureateTable;
  ademe_aid: AdemeAidTable;
  fonds_vert_project: FondsVertProjectTable;
  bmo_row: BmoRowTable;
  france_travail_offer: FranceTravailOfferTable;
  company_location: CompanyLocationTable;
  vte_window: OperatorWindowTable;
  business_france_window: OperatorWindowTable;
  dgefp_window: OperatorWindowTable;
  apec_window: OperatorWindowTable;
  action_logement_window: OperatorWindowTable;
}

/** The tables of the operators' windows. */
export type WindowTableName =
  'vte_window' | 'business_france_window' | 'dgefp_window' | 'apec_window' | 'action_logement_window';

/** The name of a mirrored source table. */
export type SourceTableName = keyof SourceTables;

/** The whole mirror database, as typed for Kysely. */
export interface MirrorDatabase extends SourceTables {
  sync_state: SyncStateTable;
  sync_reject: SyncRejectTable;
  sync_lock: SyncLockTable;
  cdc_subsidy_staging: CdcSubsidyTable;
  france_relance_project_staging: FranceRelanceProjectTable;
  france_2030_laureate_staging: France2030LaureateTable;
  ademe_aid_staging: AdemeAidTable;
  fonds_vert_project_staging: FondsVertProjectTable;
  bmo_row_staging: BmoRowTable;
  france_travail_offer_staging: FranceTravailOfferTable;
  company_location_staging: CompanyLocationTable;
  vte_window_staging: OperatorWindowTable;
  business_france_window_staging: OperatorWindowTable;
  dgefp_window_staging: OperatorWindowTable;
  apec_window_staging: OperatorWindowTable;
  action_logement_window_staging: OperatorWindowTable;
}

/** What an incremental sync asks the upstream for next time; every part is optional. */
export interface SyncCursor {
  /** Highest modification date seen (e.g. plan-de-relance `mise_a_jour`). */
  modifiedSince?: string;
  /** Highest record id seen, for sources numbered in order. */
  lastId?: string;
  etag?: string;
  lastModified?: string;
}
