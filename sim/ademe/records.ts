// "Les aides financières de l'ADEME" as the simulator publishes it, built from the shared world.
// Columns are the real ones: the published CSV header (data/samples, Nom de l attribuant …
// pourcentageSubvention) as data-fair keys them in `lines` (`Nom_de_l_attribuant`), the newer
// `dispositifAide`, and two of the `_siret_infos.*` SIRET enrichment columns public clients read
// (`_siret_infos._infos_commune.code_departement`, `…nom_departement`). No commune code is
// published: a consumer locates an aid through its beneficiary's SIRET. Value formats follow the
// real rows (ISO dates, `start_end` payment period, `NON`/`OUI`, a ratio for the subsidy rate,
// a SIRET that is sometimes a bare number); amounts, names and schemes are illustrative.
import { fileURLToPath } from 'node:url';
import { loadGeography } from '../../kit/src/reference/geography.js';
import { pick, randomFor, randomInt } from '../../kit/src/prng.js';
import type { World } from '../world.js';
import type { DataFairDataset, Line } from '../protocols/dataFair.js';

/** The real dataset id, apostrophe included. */
export const AIDS_DATASET = "les-aides-financieres-de-l'ademe";
export const AIDS_TITLE = "Les aides financières de l'ADEME";
/** Fixed, so the data has no clock: a client that saw it once finds the dataset unchanged. */
export const AIDS_DATA_UPDATED_AT = '2024-07-01T00:00:00.000Z';

/** ADEME's own SIRET (idAttribuant in the real file). */
const ADEME_SIRET = '38529030900454';

// `objet` of the real rows is "TREMPLIN pour la transition écologique des PME"; the other
// scheme names and every amount range are illustrative.
const SCHEMES = [
  { name: 'TREMPLIN pour la transition écologique des PME', min: 5_000, max: 200_000, step: 5_000 },
  { name: 'Fonds Chaleur', min: 50_000, max: 1_500_000, step: 10_000 },
  { name: 'Fonds Économie circulaire', min: 20_000, max: 600_000, step: 5_000 },
  { name: "Décarbonation de l'industrie", min: 200_000, max: 3_000_000, step: 50_000 },
  { name: 'Études et accompagnement', min: 5_000, max: 80_000, step: 1_000 },
] as const;

/** The `lines` keys, in the published column order, then the enrichment. */
export const AID_COLUMNS = [
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
  '_siret_infos._infos_commune.code_departement',
  '_siret_infos._infos_commune.nom_departement',
] as const;

const GEO_DIR = fileURLToPath(new URL('../../data/geo', import.meta.url));

/** Builds the aid dataset, keyed by its id. */
export function buildAdemeRecords(world: World, geoDir = GEO_DIR): Map<string, DataFairDataset> {
  return new Map([
    [
      AIDS_DATASET,
      {
        id: AIDS_DATASET,
        title: AIDS_TITLE,
        dataUpdatedAt: AIDS_DATA_UPDATED_AT,
        columns: AID_COLUMNS,
        lines: buildAids(world, geoDir),
      },
    ],
  ]);
}

/** The aid lines, in publication order. */
export function buildAids(world: World, geoDir = GEO_DIR): Line[] {
  const departments = loadGeography(geoDir).departments;
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
      const start = `${date.slice(0, 8)}${pad(Math.min(28, Number(date.slice(8)) + 6))}`;
      const end = `${year + 2}-${date.slice(5)}`;
      serial++;
      const commune = establishment.commune;
      lines.push({
        Nom_de_l_attribuant: 'ADEME',
        idAttribuant: ADEME_SIRET,
        dateConvention: date,
        // Shaped like the real `21BRD0090`: year, three letters, four digits.
        referenceDecision: `${String(year).slice(2)}${regionLetters(commune.regionCode)}${String(serial).padStart(4, '0')}`,
        nomBeneficiaire: company.name.toUpperCase(),
        // Some exports carry the SIRET as a bare number (one public client's test does).
        idBeneficiaire: serial % 7 === 0 ? Number(establishment.siret) : establishment.siret,
        objet: `${scheme.name} — ${company.sector.label.toLowerCase()}`,
        montant: amount,
        nature: 'aide en numéraire',
        conditionsVersement: amount > 100_000 ? 'Echelonné' : 'Unique',
        // Some aids are published without a payment period.
        datesPeriodeVersement: serial % 11 === 0 ? null : `${start}_${end}`,
        idRAE: null,
        notificationUE: amount > 200_000 ? 'OUI' : 'NON',
        pourcentageSubvention: randomInt(random, 30, 100) / 100,
        dispositifAide: scheme.name,
        '_siret_infos._infos_commune.code_departement': commune.departmentCode,
        '_siret_infos._infos_commune.nom_departement': departments.get(commune.departmentCode)?.name ?? null,
      });
    }
  }
  return lines;
}

// Letters standing for the region in a decision reference (illustrative: the real scheme of
// `21BRD0090` is not published).
function regionLetters(regionCode: string): string {
  const n = Number(regionCode);
  return `${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + ((n * 7) % 26))}D`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
