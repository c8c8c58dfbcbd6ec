// The places of the programme's territories: what an operator that reads a live source for the
// whole programme ahead of queries (France Travail's offer window, the operators' windows) needs to
// know of the programme, without the territories subgraph. Read once per file and process.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { departmentOfCommune } from './companyIds.js';
import type { ProgrammeDataset } from './programme.js';

/** The programme dataset `npm start` serves (PROGRAMME_FILE's default). */
export const DEFAULT_PROGRAMME_FILE = resolve(REPO_ROOT, 'data/programme/programme.json');

/** Every place of the programme's territories (every phase), each list sorted. */
export interface ProgrammeScope {
  /** Department code → its communes that belong to a territory, departments in code order. */
  communesByDepartment: ReadonlyMap<string, readonly string[]>;
  /** Every commune of a territory, sorted. */
  communes: readonly string[];
  communeSet: ReadonlySet<string>;
  departments: readonly string[];
  departmentSet: ReadonlySet<string>;
  /** Every intercommunalité (EPCI SIREN) of a territory, sorted. */
  epcis: readonly string[];
  epciSet: ReadonlySet<string>;
}

const read = new Map<string, ProgrammeScope>();

/** The places of the programme in `file`; throws when the file cannot be read. */
export function programmeScope(file: string): ProgrammeScope {
  let found = read.get(file);
  if (!found) {
    const programme = JSON.parse(readFileSync(file, 'utf8')) as ProgrammeDataset;
    const communes = new Set<string>();
    const epcis = new Set<string>();
    for (const territory of programme.territories) {
      for (const commune of territory.communeCodes) communes.add(commune);
      for (const epci of territory.epciSirens) epcis.add(epci);
    }
    const sorted = [...communes].sort();
    const byDepartment = new Map<string, string[]>();
    for (const commune of sorted) {
      const department = departmentOfCommune(commune);
      const list = byDepartment.get(department);
      if (list) list.push(commune);
      else byDepartment.set(department, [commune]);
    }
    const departments = [...byDepartment.keys()].sort();
    found = {
      communesByDepartment: new Map(departments.map((d) => [d, byDepartment.get(d)!])),
      communes: sorted,
      communeSet: communes,
      departments,
      departmentSet: new Set(departments),
      epcis: [...epcis].sort(),
      epciSet: epcis,
    };
    read.set(file, found);
  }
  return found;
}

/**
 * Department code → the sorted INSEE codes of its communes that belong to a territory of the
 * programme (every phase), departments in code order. Throws when the file cannot be read.
 */
export function programmeCommunesByDepartment(file: string): ReadonlyMap<string, readonly string[]> {
  return programmeScope(file).communesByDepartment;
}
