// The economy ministry's France Relance dataset `plan-de-relance` (data.economie.gouv.fr), built
// from the shared world with exactly the columns and quirks of the real rows recorded in
// data/samples/real/francerelance_plan-de-relance_projets_industriels_extract.csv (shared
// material): no amount and no INSEE code; `siren` holds a SIREN, or a SIRET when the project is
// at a secondary establishment; `code_departement` is a float string ("51.0"); `code_postal`
// loses its leading zero; one row in twelve names the wrong commune. Values are illustrative.
// Not reproduced, because the geography has none: `coordonnees_gps` (empty here, filled in the
// real rows). The portal's field types are not published: text everywhere except the date, the
// postcode (an integer, hence the lost zero) and the CO2 tonnes.
import { join } from 'node:path';
import { REPO_ROOT } from '../../kit/src/paths.js';
import { pick, randomFor, randomInt, type Random } from '../../kit/src/prng.js';
import { loadGeography } from '../../kit/src/reference/geography.js';
import type { OdsDataset } from '../protocols/exploreApi.js';
import type { OdsField, OdsRecord } from '../protocols/odsql.js';
import type { World, WorldCompany } from '../world.js';

/** The real dataset id. */
export const PLAN_DE_RELANCE_DATASET_ID = 'plan-de-relance';

/** The columns of the real CSV export, in its order. */
export const PLAN_DE_RELANCE_FIELDS: readonly OdsField[] = [
  { name: 'entreprise', type: 'text' },
  { name: 'type_entreprise', type: 'text' },
  { name: 'siren', type: 'text' },
  { name: 'volet_relance', type: 'text' },
  { name: 'mesure', type: 'text' },
  { name: 'nom_departement', type: 'text' },
  { name: 'nom_commune', type: 'text' },
  { name: 'code_postal', type: 'int' },
  { name: 'coordonnees_gps', type: 'geo_point_2d' },
  { name: 'description_projet', type: 'text' },
  { name: 'mesure_light', type: 'text' },
  { name: 'mise_a_jour', type: 'date' },
  { name: 'filiere', type: 'text' },
  { name: 'tonnes_equivalent_co2_pour_les_projets_decarbonation', type: 'double' },
  { name: 'code_departement', type: 'text' },
  { name: 'nom_region', type: 'text' },
];

interface Measure {
  volet: string;
  mesure: string;
  light: string;
  /** The filière column: fixed for the sector plans, the company's sector otherwise. */
  filiere?: string;
  co2?: boolean;
  weight: number;
}

// Only measure labels seen in the real rows.
const MEASURES: readonly Measure[] = [
  {
    volet: 'Indépendance / Compétitivité',
    mesure: 'Soutien à l’investissement industriel dans les territoires',
    light: 'Projets territoriaux',
    weight: 6,
  },
  {
    volet: 'Indépendance / Compétitivité',
    mesure: '(Re)localisation dans les secteurs critiques',
    light: 'Relocalisation',
    filiere: "Intrants essentiels à l'industrie",
    weight: 2,
  },
  {
    volet: 'Verdissement',
    mesure: 'Modernisation de la filière automobile',
    light: 'Automobile',
    filiere: 'Automobile',
    weight: 1,
  },
  {
    volet: 'Verdissement',
    mesure: 'Modernisation de la filière aéronautique',
    light: 'Aéronautique',
    filiere: 'Aéronautique',
    weight: 1,
  },
  {
    volet: 'Verdissement',
    mesure: 'Soutien à la chaleur bas carbone',
    light: 'Soutien à la chaleur bas carbone',
    co2: true,
    weight: 1,
  },
];

const PROJECTS = [
  "L'entreprise modernise sa ligne de production et robotise ses postes les plus pénibles.",
  "Le projet porte sur l'extension du site et la création d'une nouvelle ligne de fabrication.",
  "L'entreprise relocalise la fabrication de composants jusqu'ici importés.",
  "Le projet industrialise un nouveau procédé mis au point par l'entreprise.",
  "L'entreprise numérise sa chaîne de production (industrie du futur).",
  'Le projet remplace une chaudière au gaz naturel par une chaudière biomasse sur le site.',
];

/** Builds the dataset from the world: about one company in three (two in three for binômes) has a project. */
export function buildPlanDeRelance(world: World, geoDir = join(REPO_ROOT, 'data/geo')): OdsDataset {
  const geography = loadGeography(geoDir);
  const departmentName = (code: string) => geography.departments.get(code)?.name.toUpperCase() ?? null;
  const regionName = (code: string) => geography.regions.get(code)?.name.toUpperCase() ?? null;
  const allCommunes = [...world.communes.values()];
  const records: OdsRecord[] = [];
  for (const company of world.companies) {
    const random = randomFor(`plan-de-relance:${company.siren}`);
    if (random() >= (company.binome ? 0.65 : 0.35)) continue;
    records.push(project(random, company, allCommunes, departmentName, regionName));
  }
  return { id: PLAN_DE_RELANCE_DATASET_ID, fields: PLAN_DE_RELANCE_FIELDS, records };
}

function project(
  random: Random,
  company: WorldCompany,
  allCommunes: readonly { name: string; departmentCode: string }[],
  departmentName: (code: string) => string | null,
  regionName: (code: string) => string | null,
): OdsRecord {
  const measure = weighted(random, MEASURES);
  const establishment = pick(random, company.establishments);
  const commune = establishment.commune;
  // The real file often names a commune the postcode contradicts (40100 → SAINT-MALO).
  const wrongName = random() < 1 / 12;
  const shownCommune = wrongName
    ? pick(
        random,
        allCommunes.filter((c) => c.departmentCode !== commune.departmentCode),
      ).name
    : commune.name;
  const month = randomInt(random, 0, 15);
  const day = randomInt(random, 1, 28);
  const year = 2021 + Math.floor(month / 12);
  return {
    entreprise: company.name.toUpperCase(),
    type_entreprise: company.headcount >= 250 ? 'GE' : 'TPE / PME',
    // A project at a secondary establishment is published under its SIRET.
    siren: establishment.headOffice ? company.siren : establishment.siret,
    volet_relance: measure.volet,
    mesure: measure.mesure,
    nom_departement: departmentName(commune.departmentCode),
    nom_commune: shownCommune.toUpperCase(),
    code_postal: /^\d{5}$/.test(commune.postalCode) ? Number(commune.postalCode) : null,
    coordonnees_gps: null,
    description_projet: pick(random, PROJECTS),
    mesure_light: measure.light,
    mise_a_jour: `${year}-${String((month % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    filiere: measure.filiere ?? company.sector.label,
    tonnes_equivalent_co2_pour_les_projets_decarbonation: measure.co2 ? 500 + random() * 9000 : null,
    code_departement: /^\d+$/.test(commune.departmentCode)
      ? `${Number(commune.departmentCode)}.0`
      : commune.departmentCode,
    nom_region: regionName(commune.regionCode),
  };
}

function weighted<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  const total = items.reduce((sum, i) => sum + i.weight, 0);
  let draw = random() * total;
  for (const item of items) {
    draw -= item.weight;
    if (draw < 0) return item;
  }
  return items[items.length - 1]!;
}
