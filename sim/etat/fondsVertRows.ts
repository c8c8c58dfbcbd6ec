// The Fonds Vert 2023 projects the simulator serves, drawn from the deterministic world: a few
// projects in the communes of each territory, carried by its intercommunalités and companies,
// with the quirks of the real file (the literal NULL commune, a project booked at the
// beneficiary's seat in another department, SIRETs and float strings in the "siren" column,
// amounts with decimals). Every value is illustrative; the démarches are the real ones seen in
// the recorded extract (data/samples/real/fondsvert_2023_projets_subventionnes_extract.csv), and
// no axe-1 démarche appears there, so none is made up here.
import { fileURLToPath } from 'node:url';
import { pick, randomFor, randomInt, type Random } from '../../kit/src/prng.js';
import { loadGeography } from '../../kit/src/reference/geography.js';
import type { World, WorldCommune, WorldTerritory } from '../world.js';

/** The real file's columns, in its order. */
export const FONDS_VERT_COLUMNS = [
  'nom_region',
  'code_departement',
  'nom_departement',
  'code_commune',
  'nom_commune',
  'axe',
  'numero_demarche_ds',
  'nom_demarche_ds',
  'numero_dossier_ds',
  'nom_du_projet',
  'nom_beneficiaire_principal',
  'siren',
  'montant_engage',
] as const;

/** One row as the file writes it; `null` is the unquoted literal NULL of the real file. */
export type FondsVertRow = Record<(typeof FONDS_VERT_COLUMNS)[number], string | null>;

// The démarches of the recorded extract, with the axe the file gives them and the kind of
// project titles one finds under them (titles paraphrased, not copied).
const DEMARCHES = [
  {
    axe: '3',
    numero: '69282',
    nom: 'Accompagnement de la stratégie nationale biodiversité 2030',
    titles: ['Restauration écologique de zones humides', 'Inventaire de la biodiversité communale'],
  },
  {
    axe: '3',
    numero: '69265',
    nom: 'Accompagnement du déploiement des zones à faibles émissions mobilité (ZFE)',
    titles: ['Aménagement d’un axe apaisé en entrée de ville', 'Création d’une voie verte'],
  },
  {
    axe: '3',
    numero: '69278',
    nom: 'Développement du covoiturage',
    titles: ['Aménagement d’une aire de covoiturage', 'Ligne de covoiturage vers la zone industrielle'],
  },
  {
    axe: '2',
    numero: '70885',
    nom: 'Ingénierie',
    titles: ['Schéma directeur énergie', 'Étude de récupération de chaleur fatale industrielle'],
  },
  {
    axe: '2',
    numero: '69280',
    nom: 'Renforcement des aides apportées par les PAPI et appui financier aux collectivités, gestionnaires de digues, dans le cadre de la compétence GEMAPI',
    titles: ['Animation du PAPI', 'Maîtrise foncière des ouvrages de protection'],
  },
] as const;

/** Dossier numbers start here: far above the real ones (11 to 15 million), never mistaken for them. */
export const FIRST_SIMULATED_DOSSIER = 90_000_000;

/** Builds the file's rows from the world, in a stable order (region, department, dossier). */
export function buildFondsVertRows(world: World): FondsVertRow[] {
  const geography = loadGeography(fileURLToPath(new URL('../../data/geo/', import.meta.url)));
  const rows: FondsVertRow[] = [];
  let dossier = FIRST_SIMULATED_DOSSIER;
  const communes = [...world.communes.values()];
  for (const territory of world.territories) {
    // Territories whose communes BANATIC does not list (Île-de-France EPTs) have nowhere to place a project.
    if (territory.communeCodes.length === 0) continue;
    const random = randomFor(`etat:fonds-vert:${territory.id}`);
    const count = randomInt(random, 2, 9);
    for (let i = 0; i < count; i++) {
      const commune = world.communes.get(pick(random, territory.communeCodes));
      if (!commune) continue;
      const demarche = pick(random, DEMARCHES);
      const beneficiary = chooseBeneficiary(random, world, territory, commune, geography.epcis);
      // About one project in twelve has no commune (NULL), one in fifteen is booked in another
      // department than the one it is listed under, as in the real file.
      const roll = random();
      const listedUnder = roll > 0.93 ? otherDepartmentCommune(random, communes, commune) : commune;
      const department = geography.departments.get(listedUnder.departmentCode);
      const region = geography.regions.get(listedUnder.regionCode);
      const amount =
        randomInt(random, 150, 80_000) * 10 + (random() < 0.3 ? randomInt(random, 1, 99) / 100 : 0);
      rows.push({
        nom_region: region?.name ?? '',
        code_departement: listedUnder.departmentCode,
        nom_departement: department?.name ?? '',
        code_commune: roll < 0.08 ? null : commune.code,
        nom_commune: roll < 0.08 ? null : fileCommuneName(commune),
        axe: demarche.axe,
        numero_demarche_ds: demarche.numero,
        nom_demarche_ds: demarche.nom,
        numero_dossier_ds: String(dossier++),
        nom_du_projet: `${pick(random, demarche.titles)} (${commune.name})`,
        nom_beneficiaire_principal: beneficiary.name,
        siren: beneficiary.id,
        montant_engage: formatAmount(amount),
      });
    }
  }
  return rows.sort(
    (a, b) =>
      (a.nom_region ?? '').localeCompare(b.nom_region ?? '') ||
      (a.code_departement ?? '').localeCompare(b.code_departement ?? '') ||
      Number(a.numero_dossier_ds) - Number(b.numero_dossier_ds),
  );
}

/** The file's bytes: a quoted header, every value double-quoted, NULL unquoted, LF line ends. */
export function fondsVertCsv(rows: readonly FondsVertRow[]): string {
  const quote = (value: string | null) => (value === null ? 'NULL' : `"${value.replace(/"/g, '""')}"`);
  const lines = [FONDS_VERT_COLUMNS.map(quote).join(',')];
  for (const row of rows) lines.push(FONDS_VERT_COLUMNS.map((c) => quote(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

// The file writes commune names upper-case, without accents or hyphens ("AMBERIEU EN BUGEY").
function fileCommuneName(commune: WorldCommune): string {
  return commune.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[-']/g, ' ')
    .toUpperCase();
}

function otherDepartmentCommune(
  random: Random,
  communes: readonly WorldCommune[],
  commune: WorldCommune,
): WorldCommune {
  for (let attempt = 0; attempt < 10; attempt++) {
    const other = pick(random, communes);
    if (other.departmentCode !== commune.departmentCode) return other;
  }
  return commune;
}

// "23828.9", "600092": the real file drops trailing zeros and the decimal point when it can.
function formatAmount(amount: number): string {
  return String(Math.round(amount * 100) / 100);
}

function chooseBeneficiary(
  random: Random,
  world: World,
  territory: WorldTerritory,
  commune: WorldCommune,
  epcis: ReadonlyMap<string, { name: string }>,
): { name: string; id: string } {
  const establishments = world.establishmentsByCommune.get(commune.code) ?? [];
  if (establishments.length > 0 && random() < 0.35) {
    const establishment = pick(random, establishments);
    const company = world.companyBySiren.get(establishment.siren);
    // Companies appear by SIREN, by SIRET (the column is named siren but holds both), or as a
    // float string, as in the real file.
    const form = random();
    const id =
      form < 0.2 ? establishment.siret : form < 0.3 ? `${establishment.siren}.0` : establishment.siren;
    return { name: (company?.name ?? establishment.siren).toUpperCase(), id };
  }
  const siren = pick(random, territory.epciSirens);
  const name = epcis.get(siren)?.name ?? siren;
  return { name: name.toUpperCase(), id: siren };
}
