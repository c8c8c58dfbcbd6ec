// The ADEME portal's datasets as the simulator publishes them, built from the shared world:
// "Les aides financières de l'ADEME" (the columns of the real file in data/samples/, plus the two
// SIRENE enrichment columns data-fair adds to datasets keyed by SIRET), and the Fonds Vert
// "Territoires d'industrie en transition écologique" envelopes by region and year and the
// projects they funded. Amounts are illustrative except Grand Est's 2024 envelope (7.9 M€).
import { pick, randomFor, randomInt } from '../../kit/src/prng.js';
import type { World } from '../world.js';
import type { DataFairDataset, Line } from '../protocols/dataFair.js';

export const AIDS_DATASET = 'les-aides-financieres-de-l-ademe';
export const ENVELOPES_DATASET = 'fonds-vert-tite-enveloppes';
export const PROJECTS_DATASET = 'fonds-vert-tite-projets';

/** The Fonds Vert measure these envelopes belong to. */
export const TITE_MEASURE = "Territoires d'industrie en transition écologique";
/** Grand Est's published 2024 envelope. */
export const GRAND_EST_2024_ENVELOPE = 7_900_000;
export const FONDS_VERT_YEARS = [2024, 2025] as const;

/** ADEME's own SIRET (idAttribuant in the real file). */
const ADEME_SIRET = '38529030900454';

const SCHEMES = [
  { name: 'TREMPLIN pour la transition écologique des PME', min: 5_000, max: 200_000, step: 5_000 },
  { name: 'Fonds Chaleur', min: 50_000, max: 1_500_000, step: 10_000 },
  { name: 'Fonds Économie circulaire', min: 20_000, max: 600_000, step: 5_000 },
  { name: "Décarbonation de l'industrie", min: 200_000, max: 3_000_000, step: 50_000 },
  { name: 'Études et accompagnement', min: 5_000, max: 80_000, step: 1_000 },
] as const;

const AID_COLUMNS = [
  'Nom_de_l_attribuant',
  'idAttribuant',
  'dateConvention',
  'referenceDecision',
  'nomBeneficiaire',
  'idBeneficiaire',
  'objet',
  'montant',
  'nature',
  'conditionsVersement',
  'datesPeriodeVersement',
  'idRAE',
  'notificationUE',
  'pourcentageSubvention',
  'dispositifAide',
  'sirenBeneficiaire',
  'codeCommuneBeneficiaire',
] as const;

/** Builds the three datasets. */
export function buildAdemeRecords(world: World): Map<string, DataFairDataset> {
  return new Map([
    [AIDS_DATASET, { id: AIDS_DATASET, columns: AID_COLUMNS, lines: buildAids(world) }],
    ...buildFondsVert(world).map((d) => [d.id, d] as const),
  ]);
}

function buildAids(world: World): Line[] {
  const lines: Line[] = [];
  let serial = 0;
  for (const company of world.companies) {
    const random = randomFor(`ademe:aids:${company.siren}`);
    if (random() > 0.5) continue;
    const count = randomInt(random, 1, 3);
    for (let i = 0; i < count; i++) {
      const establishment = pick(random, company.establishments);
      const scheme = pick(random, SCHEMES);
      const amount =
        scheme.min + randomInt(random, 0, Math.floor((scheme.max - scheme.min) / scheme.step)) * scheme.step;
      const year = randomInt(random, 2021, 2024);
      const date = `${year}-${pad(randomInt(random, 1, 12))}-${pad(randomInt(random, 1, 28))}`;
      const end = `${year + 2}-${date.slice(5)}`;
      serial++;
      lines.push({
        Nom_de_l_attribuant: 'ADEME',
        idAttribuant: ADEME_SIRET,
        dateConvention: date,
        referenceDecision: `${String(year).slice(2)}R${establishment.commune.regionCode}D${String(serial).padStart(4, '0')}`,
        nomBeneficiaire: company.name.toUpperCase(),
        idBeneficiaire: establishment.siret,
        objet: `${scheme.name} — ${company.sector.label.toLowerCase()}`,
        montant: amount,
        nature: 'aide en numéraire',
        conditionsVersement: amount > 100_000 ? 'Echelonné' : 'Unique',
        datesPeriodeVersement: `${date}_${end}`,
        idRAE: null,
        notificationUE: amount > 200_000 ? 'OUI' : 'NON',
        pourcentageSubvention: randomInt(random, 30, 100) / 100,
        dispositifAide: scheme.name,
        sirenBeneficiaire: company.siren,
        codeCommuneBeneficiaire: establishment.commune.code,
      });
    }
  }
  return lines;
}

function buildFondsVert(world: World): DataFairDataset[] {
  const projects: Line[] = [];
  const committed = new Map<string, number>();
  for (const territory of world.territories) {
    const random = randomFor(`ademe:fonds-vert:${territory.id}`);
    const companies = world.companies.filter((c) => c.territoryId === territory.id);
    for (const year of FONDS_VERT_YEARS) {
      // Every Grand Est territory got something from its 2024 envelope (the one published figure).
      const least = territory.regionCode === '44' && year === 2024 ? 1 : 0;
      const count = companies.length === 0 ? 0 : randomInt(random, least, 3);
      for (let i = 0; i < count; i++) {
        const company = pick(random, companies);
        const place = company.establishments[0]!.commune;
        const amount = randomInt(random, 8, 40) * 10_000;
        const key = `${territory.regionCode}:${year}`;
        committed.set(key, (committed.get(key) ?? 0) + amount);
        projects.push({
          annee: year,
          mesure: TITE_MEASURE,
          codeRegion: territory.regionCode,
          codeDepartement: place.departmentCode,
          codeCommune: place.code,
          nomCommune: place.name,
          porteur: company.name.toUpperCase(),
          siretPorteur: company.establishments[0]!.siret,
          intitule: `${pick(random, PROJECT_KINDS)} — ${company.name}`,
          coutTotal: amount * randomInt(random, 2, 4),
          montantSubvention: amount,
          dateDecision: `${year}-${pad(randomInt(random, 3, 11))}-${pad(randomInt(random, 1, 28))}`,
        });
      }
    }
  }
  const envelopes: Line[] = [];
  for (const [key, total] of [...committed].sort(([a], [b]) => a.localeCompare(b))) {
    const [region, year] = key.split(':') as [string, string];
    const published = region === '44' && year === '2024' ? GRAND_EST_2024_ENVELOPE : undefined;
    if (published !== undefined && total > published * 0.9) {
      // Keep the illustrative projects inside the real envelope: about 90 % of it committed.
      const factor = (published * 0.9) / total;
      for (const project of projects) {
        if (project.codeRegion === region && String(project.annee) === year) {
          project.montantSubvention =
            Math.floor(((project.montantSubvention as number) * factor) / 1_000) * 1_000;
        }
      }
    }
    // Other envelopes exceed what was committed by 10 to 30 %.
    const envelope =
      published ??
      Math.ceil((total * (1.1 + randomFor(`ademe:envelope:${key}`)() * 0.2)) / 100_000) * 100_000;
    envelopes.push({ annee: Number(year), mesure: TITE_MEASURE, codeRegion: region, enveloppe: envelope });
  }
  return [
    { id: ENVELOPES_DATASET, columns: ['annee', 'mesure', 'codeRegion', 'enveloppe'], lines: envelopes },
    { id: PROJECTS_DATASET, columns: Object.keys(projects[0] ?? {}), lines: projects },
  ];
}

const PROJECT_KINDS = [
  'Récupération de chaleur fatale',
  "Réhabilitation d'une friche industrielle",
  'Électrification des procédés',
  'Écologie industrielle territoriale',
  "Réduction des consommations d'eau",
] as const;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
