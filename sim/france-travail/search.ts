// GET /partenaire/offresdemploi/v2/offres/search over the simulated offers, with the real
// endpoint's rules: `range=p-d` (at most 150 per call, p ≤ 3000, d ≤ 3149), comma-separated
// filters, 206 + Content-Range when partial, 200 when complete, 204 with no body when nothing
// matches, 400 {codeHttp, message} on a bad parameter. Pure: no port, no clock.
import { DEPARTMENT } from '../../kit/src/reference/companyIds.js';
import { ROME_LABELS } from '../../kit/src/reference/romeLabels.js';
import type { SimResponse } from '../kit/simulator.js';
import { CONTRACT_TYPES, type Offre } from './records.js';

/** Most offers one call returns. */
export const MAX_PER_CALL = 150;
/** Highest first index of a range. */
export const MAX_START = 3000;
/** Highest last index of a range. */
export const MAX_END = 3149;
/** Most communes one call may list (this simulator's assumption; see the README). */
export const MAX_COMMUNES = 50;

/** Answers one search from its query string. */
export function answerSearch(offers: readonly Offre[], query: URLSearchParams): SimResponse {
  const range = readRange(query.get('range'));
  if ('status' in range) return range;
  const communes = readList(query, 'commune');
  if (communes.length > MAX_COMMUNES) {
    return badRequest(
      `Le paramètre « commune » accepte au plus ${MAX_COMMUNES} codes INSEE (${communes.length} reçus).`,
    );
  }
  const badCommune = communes.find((c) => !/^\d[\dAB]\d{3}$/.test(c));
  if (badCommune) return badRequest(`Valeur du paramètre « commune » incorrecte : ${badCommune}.`);
  const departments = readList(query, 'departement');
  const badDepartment = departments.find((d) => !DEPARTMENT.test(d));
  if (badDepartment) return badRequest(`Valeur du paramètre « departement » incorrecte : ${badDepartment}.`);
  const romes = readList(query, 'codeROME');
  const badRome = romes.find((r) => !ROME_LABELS.has(r));
  if (badRome)
    return badRequest(`Valeur du paramètre « codeROME » incorrecte : le code ROME ${badRome} n'existe pas.`);
  const contracts = readList(query, 'typeContrat');
  const badContract = contracts.find((c) => !CONTRACT_TYPES.has(c));
  if (badContract) return badRequest(`Valeur du paramètre « typeContrat » incorrecte : ${badContract}.`);
  const sirets = readList(query, 'siret');
  const badSiret = sirets.find((s) => !/^(\d{9}|\d{14})$/.test(s));
  if (badSiret) return badRequest(`Valeur du paramètre « siret » incorrecte : ${badSiret}.`);

  const communeSet = new Set(communes);
  const romeSet = new Set(romes);
  const contractSet = new Set(contracts);
  // A department search starts from the department's offers (indexed once per offer list).
  const index = departmentIndex(offers);
  const candidates = departments.length === 0 ? offers : departments.flatMap((d) => index.get(d) ?? []);
  const matched = candidates.filter(
    (o) =>
      (communeSet.size === 0 || communeSet.has(o.lieuTravail.commune)) &&
      (romeSet.size === 0 || romeSet.has(o.romeCode)) &&
      (contractSet.size === 0 || contractSet.has(o.typeContrat)) &&
      (sirets.length === 0 || sirets.some((s) => o.entreprise.siret.startsWith(s))),
  );
  const total = matched.length;
  if (total === 0 || range.start >= total) return { status: 204 };
  const end = Math.min(range.end, total - 1);
  const complete = range.start === 0 && end === total - 1;
  return {
    status: complete ? 200 : 206,
    headers: {
      'content-range': `offres ${range.start}-${end}/${total}`,
      'accept-range': `offres ${MAX_PER_CALL}`,
    },
    json: { resultats: matched.slice(range.start, end + 1), filtresPossibles: facets(matched) },
  };
}

const indexes = new WeakMap<readonly Offre[], Map<string, Offre[]>>();

/** Offers by department (from `lieuTravail.libelle`, "51 - REIMS"), in the list's order. */
function departmentIndex(offers: readonly Offre[]): Map<string, Offre[]> {
  let index = indexes.get(offers);
  if (!index) {
    index = new Map();
    for (const offer of offers) {
      const department = offer.lieuTravail.libelle.split(' - ')[0]!;
      const list = index.get(department);
      if (list) list.push(offer);
      else index.set(department, [offer]);
    }
    indexes.set(offers, index);
  }
  return index;
}

function readRange(raw: string | null): { start: number; end: number } | SimResponse {
  if (raw === null || raw === '') return { start: 0, end: MAX_PER_CALL - 1 };
  const match = /^(\d+)-(\d+)$/.exec(raw);
  if (!match) return badRequest(`Valeur du paramètre « range » incorrecte : ${raw}. Format attendu : p-d.`);
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (start > end)
    return badRequest(
      `La position de début (${start}) doit être inférieure ou égale à celle de fin (${end}).`,
    );
  if (end - start + 1 > MAX_PER_CALL) {
    return badRequest(
      `La plage de résultats demandée est trop importante : ${MAX_PER_CALL} résultats au maximum.`,
    );
  }
  if (start > MAX_START)
    return badRequest(`La position de début doit être inférieure ou égale à ${MAX_START}.`);
  if (end > MAX_END) return badRequest(`La position de fin doit être inférieure ou égale à ${MAX_END}.`);
  return { start, end };
}

function readList(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function facets(offers: readonly Offre[]): unknown[] {
  const count = (pickValue: (o: Offre) => string) => {
    const counts = new Map<string, number>();
    for (const offer of offers) counts.set(pickValue(offer), (counts.get(pickValue(offer)) ?? 0) + 1);
    return [...counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([valeurPossible, nbResultats]) => ({ valeurPossible, nbResultats }));
  };
  return [
    { filtre: 'typeContrat', agregation: count((o) => o.typeContrat) },
    { filtre: 'experience', agregation: count((o) => o.experienceExige) },
    { filtre: 'qualification', agregation: count((o) => o.qualificationCode) },
    { filtre: 'natureContrat', agregation: count((o) => o.natureContrat) },
  ];
}

/** The endpoint's 400 body. */
export function badRequest(message: string): SimResponse {
  return { status: 400, json: { codeHttp: 400, message } };
}
