// France 2030 laureates operated by Bpifrance, AMI « Rebond industriel » included. No open dataset
// of them exists (the shared samples README, row B: NOT FOUND), so this one is ILLUSTRATIVE from
// its id to its values: the simulator serves it beside the real `plan-de-relance` so the graph can
// show the programme's France 2030 offer; the mirror syncs it from the simulated portal's exports
// (incrementally on `mise_a_jour`, as France Relance). Built from the shared world (the same
// companies as every other simulator); deterministic.
import { pick, randomFor, randomInt, type Random } from '../../kit/src/prng.js';
import type { OdsDataset } from '../protocols/exploreApi.js';
import type { OdsField, OdsRecord } from '../protocols/odsql.js';
import type { World, WorldCompany } from '../world.js';

/** Made-up id, named so nobody takes it for a published dataset. */
export const FRANCE_2030_DATASET_ID = 'illustratif-laureats-france-2030';

interface Measure {
  mesure: string;
  programme: 'France 2030';
  /** Aid in euros, low and high. */
  aid: [number, number];
  /** Aid as a share of the project's investment, low and high. */
  share: [number, number];
  weight: number;
}

// The AMI « Rebond industriel » is a France 2030 call (the seed's fact); the Fonds d'accélération
// is France Relance and lives in `plan-de-relance`, not here.
const MEASURES: readonly Measure[] = [
  {
    mesure: 'AMI Rebond industriel',
    programme: 'France 2030',
    aid: [150_000, 2_500_000],
    share: [0.15, 0.35],
    weight: 2,
  },
  {
    mesure: 'France 2030 – Première usine',
    programme: 'France 2030',
    aid: [500_000, 4_000_000],
    share: [0.2, 0.4],
    weight: 1,
  },
  {
    mesure: 'France 2030 – Industrialisation de produits clés pour la transition écologique',
    programme: 'France 2030',
    aid: [300_000, 3_000_000],
    share: [0.2, 0.4],
    weight: 2,
  },
];

const PROJECTS = [
  'Modernisation de la ligne de production et robotisation',
  "Extension de l'usine et création d'une nouvelle ligne",
  'Relocalisation de la fabrication de composants',
  "Industrialisation d'un nouveau procédé",
  'Numérisation de la chaîne de production (industrie 4.0)',
  "Réduction des consommations d'énergie du site",
];

export const LAUREATE_FIELDS: readonly OdsField[] = [
  { name: 'identifiant', type: 'text' },
  { name: 'entreprise', type: 'text' },
  { name: 'siren', type: 'text' },
  { name: 'siret', type: 'text' },
  { name: 'mesure', type: 'text' },
  { name: 'programme', type: 'text' },
  { name: 'description_projet', type: 'text' },
  { name: 'filiere', type: 'text' },
  { name: 'code_region', type: 'text' },
  { name: 'code_departement', type: 'text' },
  { name: 'code_commune', type: 'text' },
  { name: 'nom_commune', type: 'text' },
  { name: 'code_postal', type: 'text' },
  { name: 'coordonnees_gps', type: 'geo_point_2d' },
  { name: 'annee', type: 'int' },
  { name: 'montant_investissement', type: 'double' },
  { name: 'montant_aide', type: 'double' },
  { name: 'mise_a_jour', type: 'date' },
];

/** Builds the illustrative France 2030 laureates from the world. */
export function buildFrance2030Records(world: World): OdsDataset {
  const records: OdsRecord[] = [];
  for (const company of world.companies) {
    const random = randomFor(`france-2030:${company.siren}`);
    // Binôme companies are the programme's showcases: more of them are laureates.
    const laureateCount = random() < (company.binome ? 0.4 : 0.12) ? 1 : 0;
    for (let i = 0; i < laureateCount; i++) records.push(laureate(random, company, records.length + 1));
  }
  return { id: FRANCE_2030_DATASET_ID, fields: LAUREATE_FIELDS, records };
}

function laureate(random: Random, company: WorldCompany, rank: number): OdsRecord {
  const measure = weighted(random, MEASURES);
  const establishment = pick(random, company.establishments);
  const commune = establishment.commune;
  const [low, high] = measure.aid;
  // Aid grows with the company's size, within the measure's range.
  const sizeFactor = Math.min(1, company.headcount / 420);
  const aid = Math.round(low + (high - low) * (0.3 * random() + 0.7 * sizeFactor) * random());
  const share = measure.share[0] + random() * (measure.share[1] - measure.share[0]);
  const record: OdsRecord = {
    identifiant: `ILLUSTRATIF-F2030-${String(rank).padStart(5, '0')}`,
    entreprise: company.name.toUpperCase(),
    siren: company.siren,
    siret: establishment.siret,
    mesure: measure.mesure,
    programme: measure.programme,
    description_projet: pick(random, PROJECTS),
    filiere: company.sector.label,
    code_region: commune.regionCode,
    code_departement: commune.departmentCode,
    code_commune: commune.code,
    nom_commune: commune.name,
    code_postal: commune.postalCode,
    // The geography has no coordinates.
    coordonnees_gps: null,
    annee: randomInt(random, 2021, 2025),
    montant_investissement: Math.round(aid / share),
    montant_aide: aid,
  };
  // Drawn last, so every other value stays what it was before the record had an update date.
  const month = String(randomInt(random, 1, 12)).padStart(2, '0');
  const day = String(randomInt(random, 1, 28)).padStart(2, '0');
  return { ...record, mise_a_jour: `${String(record.annee)}-${month}-${day}` };
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
