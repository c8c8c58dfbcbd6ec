// The companies API Recherche d'entreprises knows, built from the shared world: one `results[]`
// entry per world company, with exactly the keys of the recorded real answer
// (data/samples/real/recherche_entreprises_search_response.json in the shared material). What
// the world does not know is null (no coordinates, addresses, activity codes or managers), never
// invented; Paris, Lyon and Marseille head offices carry an arrondissement code (75107), as the
// real API gives them.
import { join } from 'node:path';
import { loadGeography } from '../../kit/src/reference/geography.js';
import { REPO_ROOT } from '../../kit/src/paths.js';
import type { World, WorldCompany, WorldEstablishment } from '../world.js';

/** One company entry of `results[]`. */
export type RegistryCompany = Record<string, unknown> & { siren: string; nom_complet: string };

/** The simulated registry: entries by SIREN and establishments by SIRET. */
export interface RegistryRecords {
  bySiren: ReadonlyMap<string, RegistryCompany>;
  /** Every entry, in world order (name searches scan it). */
  all: readonly RegistryCompany[];
  companyOfSiret: ReadonlyMap<string, { company: RegistryCompany; establishment: Record<string, unknown> }>;
}

/** Builds the registry from the world (and the real EPCI membership of its communes). */
export function buildRegistryRecords(world: World, geoDir = join(REPO_ROOT, 'data/geo')): RegistryRecords {
  const geography = loadGeography(geoDir);
  const epciOf = (commune: string) => geography.communes.get(commune)?.epciSiren ?? null;
  const bySiren = new Map<string, RegistryCompany>();
  const companyOfSiret = new Map<
    string,
    { company: RegistryCompany; establishment: Record<string, unknown> }
  >();
  const all: RegistryCompany[] = [];
  for (const company of world.companies) {
    const establishments = company.establishments.map((e) => establishment(e, epciOf(e.commune.code)));
    const entry = companyEntry(company, establishments);
    bySiren.set(company.siren, entry);
    all.push(entry);
    company.establishments.forEach((e, i) =>
      companyOfSiret.set(e.siret, { company: entry, establishment: matching(establishments[i]!) }),
    );
  }
  return { bySiren, all, companyOfSiret };
}

/** The establishment as `siege` / `matching_etablissements[]` show it. */
function establishment(e: WorldEstablishment, epci: string | null): Record<string, unknown> {
  const commune = registryCommune(e.commune.code, e.siret);
  return {
    activite_principale: null,
    activite_principale_registre_metier: null,
    annee_tranche_effectif_salarie: null,
    adresse: `${e.commune.postalCode} ${e.commune.name.toUpperCase()}`,
    caractere_employeur: null,
    cedex: null,
    code_pays_etranger: null,
    code_postal: e.commune.postalCode,
    commune,
    complement_adresse: null,
    coordonnees: null,
    date_creation: null,
    date_debut_activite: null,
    date_fermeture: null,
    date_mise_a_jour: null,
    date_mise_a_jour_insee: null,
    departement: e.commune.departmentCode,
    distribution_speciale: null,
    epci,
    est_siege: e.headOffice,
    etat_administratif: 'A',
    geo_adresse: null,
    geo_id: null,
    indice_repetition: null,
    latitude: null,
    libelle_cedex: null,
    libelle_commune: e.commune.name.toUpperCase(),
    libelle_commune_etranger: null,
    libelle_pays_etranger: null,
    libelle_voie: null,
    liste_enseignes: null,
    liste_finess: null,
    liste_id_bio: null,
    liste_idcc: null,
    liste_id_organisme_formation: null,
    liste_rge: null,
    liste_uai: null,
    longitude: null,
    nom_commercial: null,
    numero_voie: null,
    region: e.commune.regionCode,
    siret: e.siret,
    statut_diffusion_etablissement: 'O',
    tranche_effectif_salarie: null,
    type_voie: null,
  };
}

// The keys a `matching_etablissements[]` entry has in the recorded answer (a subset of siege's,
// plus `ancien_siege`).
const MATCHING_KEYS = [
  'activite_principale',
  'annee_tranche_effectif_salarie',
  'adresse',
  'caractere_employeur',
  'code_postal',
  'commune',
  'date_creation',
  'date_debut_activite',
  'date_fermeture',
  'epci',
  'est_siege',
  'etat_administratif',
  'geo_id',
  'latitude',
  'libelle_commune',
  'liste_enseignes',
  'liste_finess',
  'liste_id_bio',
  'liste_idcc',
  'liste_id_organisme_formation',
  'liste_rge',
  'liste_uai',
  'longitude',
  'nom_commercial',
  'region',
  'siret',
  'statut_diffusion_etablissement',
  'tranche_effectif_salarie',
] as const;

function matching(siege: Record<string, unknown>): Record<string, unknown> {
  // Same key order as the recording: ancien_siege second.
  const out: Record<string, unknown> = {
    activite_principale: siege.activite_principale,
    ancien_siege: false,
  };
  for (const key of MATCHING_KEYS) out[key] = siege[key];
  return out;
}

function companyEntry(company: WorldCompany, establishments: Record<string, unknown>[]): RegistryCompany {
  const name = company.name.toUpperCase();
  return {
    siren: company.siren,
    nom_complet: name,
    nom_raison_sociale: name,
    sigle: null,
    nombre_etablissements: establishments.length,
    nombre_etablissements_ouverts: establishments.length,
    siege: establishments[0]!,
    activite_principale: null,
    categorie_entreprise: company.headcount >= 250 ? 'ETI' : 'PME',
    caractere_employeur: null,
    annee_categorie_entreprise: null,
    date_creation: null,
    date_fermeture: null,
    date_mise_a_jour: null,
    date_mise_a_jour_insee: null,
    date_mise_a_jour_rne: null,
    dirigeants: [],
    etat_administratif: 'A',
    nature_juridique: null,
    section_activite_principale: null,
    tranche_effectif_salarie: null,
    annee_tranche_effectif_salarie: null,
    statut_diffusion: 'O',
    matching_etablissements: [],
    finances: {},
    complements: {
      collectivite_territoriale: null,
      convention_collective_renseignee: false,
      liste_idcc: null,
      egapro_renseignee: false,
      est_association: false,
      est_bio: false,
      est_entrepreneur_individuel: false,
      est_entrepreneur_spectacle: false,
      est_ess: false,
      est_finess: false,
      est_organisme_formation: false,
      est_qualiopi: false,
      liste_id_organisme_formation: null,
      est_rge: false,
      est_service_public: false,
      est_siae: false,
      est_societe_mission: false,
      est_uai: false,
      identifiant_association: null,
      statut_entrepreneur_spectacle: null,
      type_siae: null,
    },
  };
}

/**
 * The commune code the registry gives: Paris, Lyon and Marseille establishments sit in an
 * arrondissement (drawn from the SIRET so it is stable), everything else in its commune.
 */
export function registryCommune(code: string, siret: string): string {
  const n = Number(siret.slice(-5));
  if (code === '75056') return `751${String((n % 20) + 1).padStart(2, '0')}`;
  if (code === '69123') return `6938${(n % 9) + 1}`;
  if (code === '13055') return `132${String((n % 16) + 1).padStart(2, '0')}`;
  return code;
}
