// Écoles de production: no open dataset lists them (the Caisse des Dépôts portal and data.gouv.fr
// were searched; see /work/shared/data/samples/real/caissedesdepots_other_datasets.md, "NOT
// FOUND"), so they are GENERATED here, deterministically per territory, on its real communes, with
// ids that cannot be mistaken for real ones, and always marked illustrative.
import { pick, randomFor, randomInt } from '../../../kit/src/prng.js';
import type { Geography } from '../../../kit/src/reference/programme.js';

/** One generated École de production. */
export interface ProductionSchoolValue {
  id: string;
  name: string;
  communeCode: string;
  communeName: string;
  trades: string[];
  openedYear: number;
  places: number;
  support: number;
}

const TRADES = [
  'Usinage',
  'Chaudronnerie',
  'Soudure',
  'Maintenance industrielle',
  'Menuiserie',
  'Plasturgie',
  'Électrotechnique',
  'Conduite de lignes automatisées',
];

/** About one territory in two has a school (100 are targeted by 2027), in its largest commune. */
export function productionSchoolsOf(
  territoryId: string,
  communeCodes: readonly string[],
  geography: Geography,
): ProductionSchoolValue[] {
  const communes = communeCodes
    .map((code) => geography.communes.get(code))
    .filter((c) => c !== undefined)
    .sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
  const largest = communes[0];
  const random = randomFor(`ecoles-de-production:${territoryId}`);
  if (!largest || random() >= 0.5) return [];
  return [
    {
      id: `edp-illustratif-${territoryId}`,
      name: `École de production de ${largest.name}`,
      communeCode: largest.code,
      communeName: largest.name,
      trades: [...new Set([pick(random, TRADES), pick(random, TRADES)])],
      openedYear: randomInt(random, 2019, 2025),
      places: randomInt(random, 12, 48),
      support: randomInt(random, 40, 400) * 1_000,
    },
  ];
}
