// The communes of the programme's territories grouped by department: what an operator that reads
// a live source department by department (France Travail's offer window) needs to know of the
// programme, without the territories subgraph. Read once per file and process.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { departmentOfCommune } from './companyIds.js';
import type { ProgrammeDataset } from './programme.js';

/** The programme dataset `npm start` serves (PROGRAMME_FILE's default). */
export const DEFAULT_PROGRAMME_FILE = resolve(REPO_ROOT, 'data/programme/programme.json');

const read = new Map<string, ReadonlyMap<string, readonly string[]>>();

/**
 * Department code → the sorted INSEE codes of its communes that belong to a territory of the
 * programme (every phase), departments in code order. Throws when the file cannot be read.
 */
export function programmeCommunesByDepartment(file: string): ReadonlyMap<string, readonly string[]> {
  let found = read.get(file);
  if (!found) {
    const programme = JSON.parse(readFileSync(file, 'utf8')) as ProgrammeDataset;
    const byDepartment = new Map<string, Set<string>>();
    for (const territory of programme.territories) {
      for (const commune of territory.communeCodes) {
        const department = departmentOfCommune(commune);
        let communes = byDepartment.get(department);
        if (!communes) byDepartment.set(department, (communes = new Set()));
        communes.add(commune);
      }
    }
    found = new Map(
      [...byDepartment.keys()]
        .sort()
        .map((department) => [department, [...byDepartment.get(department)!].sort()]),
    );
    read.set(file, found);
  }
  return found;
}
