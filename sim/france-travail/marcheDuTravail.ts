// The "Marché du travail" API (stats-offres-demandes-emploi v1), DOCUMENTED ONLY: no real response
// body was ever recorded. Request and response keys follow what public clients send and read
// (subgraphs/france-travail/test/fixtures/marche_du_travail_DOCUMENTED_ONLY.md): POST
// `…/indicateur/<name>` with {codeTypeTerritoire, codeTerritoire, codeTypeActivite, codeActivite,
// codeTypePeriode, codeTypeNomenclature?, dernierePeriode?} → {codeIndicateur, codeFamille,
// libIndicateur, libTerritoire, datMaj, listeValeursParPeriode[]}. Two indicators are served:
// `stat-demandeurs` (job seekers) and `stat-offres` (offers registered). Every VALUE (codes of
// indicators and nomenclatures, labels, figures) is illustrative, derived from the world.
import { DEPARTMENT } from '../../kit/src/reference/companyIds.js';
import { randomFor, randomInt } from '../../kit/src/prng.js';
import type { SimResponse } from '../kit/simulator.js';
import type { World } from '../world.js';
import { badRequest } from './search.js';

/** The indicators served, with their illustrative codes and nomenclature. */
const INDICATORS: Record<string, { code: string; label: string; nomenclature: [string, string][] }> = {
  'stat-demandeurs': {
    code: 'DEM_FIN_MOIS',
    label: "Demandeurs d'emploi inscrits en fin de période",
    nomenclature: [
      ['A', 'Catégorie A'],
      ['BC', 'Catégories B et C'],
    ],
  },
  'stat-offres': {
    code: 'OFF_DEPOSEES',
    label: "Offres d'emploi déposées",
    nomenclature: [
      ['TOFF', "Offres d'emploi déposées sur le trimestre"],
      ['TOFF-CUMUL12MOIS', "Offres d'emploi déposées sur 12 mois"],
    ],
  },
};

/** The indicator names this simulator serves. */
export const INDICATOR_NAMES = Object.keys(INDICATORS);

const PERIOD = { code: '2024T4', label: '4e trimestre 2024' };

/** Answers `POST …/indicateur/<name>` from its JSON body. */
export function answerIndicator(world: World, name: string, bodyText: string): SimResponse {
  const indicator = INDICATORS[name];
  if (!indicator) return { status: 404, json: { codeHttp: 404, message: `Indicateur ${name} inconnu.` } };
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    return badRequest('Le corps de la requête doit être un objet JSON.');
  }
  if (body.codeTypeTerritoire !== 'DEP')
    return badRequest(
      `codeTypeTerritoire « ${String(body.codeTypeTerritoire)} » non servi ici (DEP attendu).`,
    );
  const department = body.codeTerritoire;
  if (typeof department !== 'string' || !DEPARTMENT.test(department))
    return badRequest(`codeTerritoire « ${String(department)} » incorrect.`);
  if (body.codeTypeActivite !== 'MOYENNE' && body.codeTypeActivite !== 'ROME')
    return badRequest(`codeTypeActivite « ${String(body.codeTypeActivite)} » incorrect (ROME ou MOYENNE).`);
  if (body.codeTypePeriode !== 'TRIMESTRE' && body.codeTypePeriode !== 'ANNEE')
    return badRequest(`codeTypePeriode « ${String(body.codeTypePeriode)} » incorrect (TRIMESTRE ou ANNEE).`);
  const communes = [...world.communes.values()].filter((c) => c.departmentCode === department);
  const population = communes.reduce((n, c) => n + c.population, 0);
  const activity = typeof body.codeActivite === 'string' ? body.codeActivite : 'MOYENNE';
  return {
    status: 200,
    json: {
      codeIndicateur: indicator.code,
      codeFamille: 'MARCHE_TRAVAIL',
      libIndicateur: indicator.label,
      libTerritoire: `Département ${department}`,
      datMaj: '2025-02-14',
      listeValeursParPeriode: indicator.nomenclature.map(([code, label]) => {
        const random = randomFor(`france-travail:marche:${name}:${department}:${code}`);
        return {
          codeTypeTerritoire: 'DEP',
          codeTerritoire: department,
          libTerritoire: `Département ${department}`,
          codeTypeActivite: body.codeTypeActivite,
          codeActivite: activity,
          libActivite: activity === 'MOYENNE' ? 'Tous métiers' : activity,
          codeNomenclature: code,
          libNomenclature: label,
          codeTypePeriode: body.codeTypePeriode,
          codePeriode: PERIOD.code,
          libPeriode: PERIOD.label,
          valeurPrincipaleNombre: Math.round(population / randomInt(random, 30, 90)),
          listeValeurParCaract: [],
        };
      }),
    },
  };
}
