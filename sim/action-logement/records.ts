// The records the Action Logement simulator serves: a few per establishment of the world's companies,
// drawn from a seeded generator so every run serves the same data.
import { pick, randomFor, randomInt } from '../../kit/src/prng.js';
import type { World } from '../world.js';

/** One record as the Action Logement API writes it. */
export interface ActionLogementApiRecord {
  id: string;
  label: string;
  commune: string;
  amount: number;
  date: string;
}

const SUBJECTS = ['Étude de faisabilité', 'Diagnostic', 'Accompagnement', 'Formation', 'Investissement'];

/** Builds the simulator's records from the world, newest first. */
export function buildActionLogementRecords(world: World): ActionLogementApiRecord[] {
  const records: ActionLogementApiRecord[] = [];
  for (const company of world.companies) {
    for (const establishment of company.establishments) {
      const random = randomFor(`action-logement:${establishment.siret}`);
      const count = randomInt(random, 0, 2);
      for (let i = 0; i < count; i++) {
        const month = String(randomInt(random, 1, 12)).padStart(2, '0');
        const day = String(randomInt(random, 1, 28)).padStart(2, '0');
        records.push({
          id: `${establishment.siret}-${i + 1}`,
          label: `${pick(random, SUBJECTS)} — ${company.name}`,
          commune: establishment.commune.code,
          amount: randomInt(random, 10, 500) * 100,
          date: `${randomInt(random, 2023, 2024)}-${month}-${day}`,
        });
      }
    }
  }
  return records.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}
