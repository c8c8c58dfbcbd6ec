// The "Marché du travail" indicator `stat-perspective-employeur`: the BMO survey's recruitment
// projects by territory and activity, with the share employers judge difficult and the seasonal
// share. Values are derived from the world's companies in the department (illustrative).
import { DEPARTMENT } from '../../kit/src/reference/companyIds.js';
import { ROME_LABELS } from '../../kit/src/reference/romeLabels.js';
import { randomFor, randomInt } from '../../kit/src/prng.js';
import type { SimResponse } from '../kit/simulator.js';
import type { World } from '../world.js';
import { badRequest } from './search.js';

/** Survey years published. */
export const BMO_YEARS = ['2023', '2024'] as const;

/** One row: projects of one activity in one period. */
interface BmoRow {
  codePeriode: string;
  libPeriode: string;
  codeTypeActivite: 'ROME';
  codeActivite: string;
  libActivite: string;
  valeurPrincipaleNombre: number;
  listeValeurParCaract: {
    codeTypeCaract: 'DIFFICULTE' | 'SAISONNIER';
    libCaract: string;
    nombre: number;
    pourcentage: number;
  }[];
}

/** Builds the BMO rows of every department holding companies of the world. */
export function buildBmo(world: World): Map<string, BmoRow[]> {
  const projects = new Map<string, Map<string, number>>();
  for (const company of world.companies) {
    const department = company.establishments[0]!.commune.departmentCode;
    const byRome = projects.get(department) ?? new Map<string, number>();
    for (const rome of company.sector.romeCodes) {
      byRome.set(rome, (byRome.get(rome) ?? 0) + Math.max(1, Math.round(company.headcount / 60)));
    }
    projects.set(department, byRome);
  }
  const rows = new Map<string, BmoRow[]>();
  for (const [department, byRome] of projects) {
    const list: BmoRow[] = [];
    for (const year of BMO_YEARS) {
      for (const [rome, base] of [...byRome].sort(([a], [b]) => a.localeCompare(b))) {
        const random = randomFor(`france-travail:bmo:${department}:${rome}:${year}`);
        const total = base * 5 + randomInt(random, 0, 40);
        const difficult = Math.round((total * randomInt(random, 35, 80)) / 100);
        const seasonal = Math.round((total * randomInt(random, 0, 30)) / 100);
        list.push({
          codePeriode: year,
          libPeriode: `Année ${year}`,
          codeTypeActivite: 'ROME',
          codeActivite: rome,
          libActivite: ROME_LABELS.get(rome) ?? rome,
          valeurPrincipaleNombre: total,
          listeValeurParCaract: [
            {
              codeTypeCaract: 'DIFFICULTE',
              libCaract: 'Projets jugés difficiles',
              nombre: difficult,
              pourcentage: percent(difficult, total),
            },
            {
              codeTypeCaract: 'SAISONNIER',
              libCaract: 'Projets saisonniers',
              nombre: seasonal,
              pourcentage: percent(seasonal, total),
            },
          ],
        });
      }
    }
    rows.set(department, list);
  }
  return rows;
}

/** Answers `POST …/indicateur/stat-perspective-employeur` with its JSON body. */
export function answerBmo(rows: ReadonlyMap<string, BmoRow[]>, bodyText: string): SimResponse {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(bodyText) as Record<string, unknown>;
    if (typeof body !== 'object' || body === null) throw new Error('not an object');
  } catch {
    return badRequest('Le corps de la requête doit être un objet JSON.');
  }
  if (body.codeTypeTerritoire !== 'DEP') {
    return badRequest(
      `codeTypeTerritoire « ${String(body.codeTypeTerritoire)} » non disponible pour cet indicateur (DEP attendu).`,
    );
  }
  const department = body.codeTerritoire;
  if (typeof department !== 'string' || !DEPARTMENT.test(department)) {
    return badRequest(`codeTerritoire « ${String(department)} » incorrect.`);
  }
  if (body.codeTypeActivite !== undefined && body.codeTypeActivite !== 'ROME') {
    return badRequest(`codeTypeActivite « ${String(body.codeTypeActivite)} » non disponible (ROME attendu).`);
  }
  if (body.codeTypePeriode !== undefined && body.codeTypePeriode !== 'ANNEE') {
    return badRequest(`codeTypePeriode « ${String(body.codeTypePeriode)} » non disponible (ANNEE attendu).`);
  }
  const activity = typeof body.codeActivite === 'string' ? body.codeActivite : undefined;
  if (activity !== undefined && !ROME_LABELS.has(activity))
    return badRequest(`codeActivite « ${activity} » inconnu.`);
  const list = (rows.get(department) ?? []).filter(
    (row) => activity === undefined || row.codeActivite === activity,
  );
  return {
    status: 200,
    json: { codeTypeTerritoire: 'DEP', codeTerritoire: department, listeValeursParPeriode: list },
  };
}

function percent(part: number, total: number): number {
  return total === 0 ? 0 : Math.round((part / total) * 1000) / 10;
}
