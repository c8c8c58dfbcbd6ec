// What this subgraph keeps of France Travail's answers, and the field-by-field checks that turn
// an upstream item into it. A check that fails throws; the upstream client turns that into
// UPSTREAM_BAD_RESPONSE, so a drifted field is an error, never a silently wrong figure.
import { SIRET } from '../../../kit/src/reference/companyIds.js';

/** One job offer. */
export interface Offer {
  id: string;
  title: string;
  description: string | null;
  /** ISO date-time of publication. */
  createdAt: string;
  romeCode: string;
  romeLabel: string | null;
  contractType: string;
  contractLabel: string | null;
  communeCode: string;
  placeLabel: string;
  postalCode: string | null;
  companyName: string | null;
  siret: string | null;
  positions: number;
  experience: string | null;
  salaryLabel: string | null;
  url: string | null;
}

/** BMO recruitment projects of one activity, one year, one department. */
export interface BmoRow {
  departmentCode: string;
  year: number;
  romeCode: string;
  romeLabel: string;
  projects: number;
  difficultProjects: number;
  seasonalProjects: number;
}

type Item = Record<string, unknown>;

/** Checks one `resultats[i]` of the search and keeps what the graph shows. */
export function checkOffer(raw: unknown, index: number): Offer {
  const where = `resultats[${index}]`;
  const item = object(raw, where);
  const place = object(item.lieuTravail, `${where}.lieuTravail`);
  const company = item.entreprise === undefined ? {} : object(item.entreprise, `${where}.entreprise`);
  const origin = item.origineOffre === undefined ? {} : object(item.origineOffre, `${where}.origineOffre`);
  const salary = item.salaire === undefined ? {} : object(item.salaire, `${where}.salaire`);
  const createdAt = text(item.dateCreation, `${where}.dateCreation`);
  if (Number.isNaN(Date.parse(createdAt)))
    throw new Error(`${where}.dateCreation is not a date: "${createdAt}"`);
  const positions = item.nombrePostes === undefined ? 1 : item.nombrePostes;
  if (!Number.isInteger(positions) || (positions as number) < 0) {
    throw new Error(`${where}.nombrePostes must be a whole number; got ${JSON.stringify(item.nombrePostes)}`);
  }
  const siret = optionalText(company.siret, `${where}.entreprise.siret`);
  if (siret !== null && !SIRET.test(siret))
    throw new Error(`${where}.entreprise.siret must be 14 digits; got "${siret}"`);
  return {
    id: text(item.id, `${where}.id`),
    title: text(item.intitule, `${where}.intitule`),
    description: optionalText(item.description, `${where}.description`),
    createdAt,
    romeCode: text(item.romeCode, `${where}.romeCode`),
    romeLabel: optionalText(item.romeLibelle, `${where}.romeLibelle`),
    contractType: text(item.typeContrat, `${where}.typeContrat`),
    contractLabel: optionalText(item.typeContratLibelle, `${where}.typeContratLibelle`),
    communeCode: text(place.commune, `${where}.lieuTravail.commune`),
    placeLabel: text(place.libelle, `${where}.lieuTravail.libelle`),
    postalCode: optionalText(place.codePostal, `${where}.lieuTravail.codePostal`),
    companyName: optionalText(company.nom, `${where}.entreprise.nom`),
    siret,
    positions: positions as number,
    experience: optionalText(item.experienceLibelle, `${where}.experienceLibelle`),
    salaryLabel: optionalText(salary.libelle, `${where}.salaire.libelle`),
    url: optionalText(origin.urlOrigine, `${where}.origineOffre.urlOrigine`),
  };
}

/** Checks one `listeValeursParPeriode[i]` of the BMO indicator. */
export function checkBmoRow(raw: unknown, index: number, departmentCode: string): BmoRow {
  const where = `listeValeursParPeriode[${index}]`;
  const item = object(raw, where);
  const year = Number(text(item.codePeriode, `${where}.codePeriode`));
  if (!Number.isInteger(year))
    throw new Error(`${where}.codePeriode must be a year; got ${JSON.stringify(item.codePeriode)}`);
  const projects = count(item.valeurPrincipaleNombre, `${where}.valeurPrincipaleNombre`);
  const traits = item.listeValeurParCaract;
  if (!Array.isArray(traits)) throw new Error(`${where}.listeValeurParCaract must be a list`);
  const trait = (code: string): number => {
    const found = traits.find(
      (t) => typeof t === 'object' && t !== null && (t as Item).codeTypeCaract === code,
    );
    return found === undefined ? 0 : count((found as Item).nombre, `${where}.${code}.nombre`);
  };
  const difficultProjects = trait('DIFFICULTE');
  if (difficultProjects > projects)
    throw new Error(`${where}: ${difficultProjects} difficult projects out of ${projects}`);
  return {
    departmentCode,
    year,
    romeCode: text(item.codeActivite, `${where}.codeActivite`),
    romeLabel: text(item.libActivite, `${where}.libActivite`),
    projects,
    difficultProjects,
    seasonalProjects: trait('SAISONNIER'),
  };
}

function object(value: unknown, where: string): Item {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${where} must be an object`);
  return value as Item;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '')
    throw new Error(`${where} must be a non-empty string; got ${JSON.stringify(value)}`);
  return value;
}

function optionalText(value: unknown, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new Error(`${where} must be a string; got ${JSON.stringify(value)}`);
  return value;
}

function count(value: unknown, where: string): number {
  if (!Number.isInteger(value) || (value as number) < 0)
    throw new Error(`${where} must be a whole number; got ${JSON.stringify(value)}`);
  return value as number;
}
