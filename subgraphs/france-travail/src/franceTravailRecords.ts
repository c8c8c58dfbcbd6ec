// What this subgraph keeps of France Travail's answers, and the field-by-field checks that turn
// an upstream item into it. A check that fails throws; the upstream client turns that into
// UPSTREAM_BAD_RESPONSE, so a drifted field is an error, never a silently wrong figure. The offer
// fields are those of the real recorded bodies (test/fixtures/offres_*.json); the indicator
// fields are DOCUMENTED ONLY (test/fixtures/marche_du_travail_DOCUMENTED_ONLY.md).
import { SIRET } from '../../../kit/src/reference/companyIds.js';

/** One job offer. */
export interface Offer {
  id: string;
  title: string;
  description: string | null;
  /** ISO date-time of publication (dateCreation) and of the last update (dateActualisation). */
  createdAt: string;
  updatedAt: string | null;
  romeCode: string;
  romeLabel: string | null;
  /** The ROME appellation (appellationlibelle): the job as the employer names it. */
  jobTitle: string | null;
  contractType: string;
  contractLabel: string | null;
  contractNature: string | null;
  /** INSEE code of the place of work; null when the offer names only a department. */
  communeCode: string | null;
  placeLabel: string;
  postalCode: string | null;
  latitude: number | null;
  longitude: number | null;
  companyName: string | null;
  /** Not in the real API (a modelled extension of the simulator); null from the real host. */
  siret: string | null;
  positions: number;
  experience: string | null;
  qualification: string | null;
  salaryLabel: string | null;
  workingTime: string | null;
  workStudy: boolean | null;
  nafCode: string | null;
  sectorLabel: string | null;
  lacksCandidates: boolean | null;
  url: string | null;
  applyUrl: string | null;
}

/** One value of a Marché du travail indicator (`listeValeursParPeriode[i]`). */
export interface IndicatorValue {
  territoryCode: string;
  periodCode: string;
  periodLabel: string | null;
  nomenclatureCode: string | null;
  nomenclatureLabel: string | null;
  value: number | null;
}

/** A Marché du travail indicator for one territory. */
export interface Indicator {
  code: string;
  label: string;
  updatedOn: string | null;
  values: IndicatorValue[];
}

type Item = Record<string, unknown>;

/** Checks one `resultats[i]` of the search and keeps what the graph shows. */
export function checkOffer(raw: unknown, index: number): Offer {
  const where = `resultats[${index}]`;
  const item = object(raw, where);
  const place = object(item.lieuTravail, `${where}.lieuTravail`);
  const company = optionalObject(item.entreprise, `${where}.entreprise`);
  const origin = optionalObject(item.origineOffre, `${where}.origineOffre`);
  const salary = optionalObject(item.salaire, `${where}.salaire`);
  const contact = optionalObject(item.contact, `${where}.contact`);
  const createdAt = date(item.dateCreation, `${where}.dateCreation`);
  const updatedAt =
    item.dateActualisation === undefined ? null : date(item.dateActualisation, `${where}.dateActualisation`);
  const positions = item.nombrePostes === undefined ? 1 : item.nombrePostes;
  if (!Number.isInteger(positions) || (positions as number) < 0) {
    throw new Error(`${where}.nombrePostes must be a whole number; got ${JSON.stringify(item.nombrePostes)}`);
  }
  const siret = optionalText(company.siret, `${where}.entreprise.siret`);
  if (siret !== null && !SIRET.test(siret))
    throw new Error(`${where}.entreprise.siret must be 14 digits; got "${siret}"`);
  const communeCode = optionalText(place.commune, `${where}.lieuTravail.commune`);
  if (communeCode !== null && !/^\d[\dAB]\d{3}$/.test(communeCode))
    throw new Error(`${where}.lieuTravail.commune must be an INSEE code; got "${communeCode}"`);
  return {
    id: text(item.id, `${where}.id`),
    title: text(item.intitule, `${where}.intitule`),
    description: optionalText(item.description, `${where}.description`),
    createdAt,
    updatedAt,
    romeCode: text(item.romeCode, `${where}.romeCode`),
    romeLabel: optionalText(item.romeLibelle, `${where}.romeLibelle`),
    jobTitle: optionalText(item.appellationlibelle, `${where}.appellationlibelle`),
    contractType: text(item.typeContrat, `${where}.typeContrat`),
    contractLabel: optionalText(item.typeContratLibelle, `${where}.typeContratLibelle`),
    contractNature: optionalText(item.natureContrat, `${where}.natureContrat`),
    communeCode,
    placeLabel: text(place.libelle, `${where}.lieuTravail.libelle`),
    postalCode: optionalText(place.codePostal, `${where}.lieuTravail.codePostal`),
    latitude: optionalNumber(place.latitude, `${where}.lieuTravail.latitude`),
    longitude: optionalNumber(place.longitude, `${where}.lieuTravail.longitude`),
    companyName: optionalText(company.nom, `${where}.entreprise.nom`),
    siret,
    positions: positions as number,
    experience: optionalText(item.experienceLibelle, `${where}.experienceLibelle`),
    qualification: optionalText(item.qualificationLibelle, `${where}.qualificationLibelle`),
    // Some offers carry only a free comment instead of a worded range ("A partir de 28 k€…").
    salaryLabel:
      optionalText(salary.libelle, `${where}.salaire.libelle`) ??
      optionalText(salary.commentaire, `${where}.salaire.commentaire`),
    workingTime: optionalText(item.dureeTravailLibelleConverti, `${where}.dureeTravailLibelleConverti`),
    workStudy: optionalBoolean(item.alternance, `${where}.alternance`),
    nafCode: optionalText(item.codeNAF, `${where}.codeNAF`),
    sectorLabel: optionalText(item.secteurActiviteLibelle, `${where}.secteurActiviteLibelle`),
    lacksCandidates: optionalBoolean(item.offresManqueCandidats, `${where}.offresManqueCandidats`),
    url: optionalText(origin.urlOrigine, `${where}.origineOffre.urlOrigine`),
    applyUrl: optionalText(contact.urlPostulation, `${where}.contact.urlPostulation`),
  };
}

/** Checks a Marché du travail answer (documented shape) for one territory. */
export function checkIndicator(raw: unknown): Indicator {
  const body = object(raw, 'indicator answer');
  if (!Array.isArray(body.listeValeursParPeriode))
    throw new Error('expected {listeValeursParPeriode: [...]} in the indicator answer');
  return {
    code: text(body.codeIndicateur, 'codeIndicateur'),
    label: text(body.libIndicateur, 'libIndicateur'),
    updatedOn: optionalText(body.datMaj, 'datMaj'),
    values: body.listeValeursParPeriode.map((value, index) => {
      const where = `listeValeursParPeriode[${index}]`;
      const item = object(value, where);
      return {
        territoryCode: text(item.codeTerritoire, `${where}.codeTerritoire`),
        periodCode: text(item.codePeriode, `${where}.codePeriode`),
        periodLabel: optionalText(item.libPeriode, `${where}.libPeriode`),
        nomenclatureCode: optionalText(item.codeNomenclature, `${where}.codeNomenclature`),
        nomenclatureLabel: optionalText(item.libNomenclature, `${where}.libNomenclature`),
        value: optionalNumber(item.valeurPrincipaleNombre, `${where}.valeurPrincipaleNombre`),
      };
    }),
  };
}

function object(value: unknown, where: string): Item {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${where} must be an object`);
  return value as Item;
}

function optionalObject(value: unknown, where: string): Item {
  return value === undefined || value === null ? {} : object(value, where);
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '')
    throw new Error(`${where} must be a non-empty string; got ${JSON.stringify(value)}`);
  return value;
}

function date(value: unknown, where: string): string {
  const found = text(value, where);
  if (Number.isNaN(Date.parse(found))) throw new Error(`${where} is not a date: "${found}"`);
  return found;
}

function optionalText(value: unknown, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new Error(`${where} must be a string; got ${JSON.stringify(value)}`);
  return value;
}

function optionalNumber(value: unknown, where: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new Error(`${where} must be a number; got ${JSON.stringify(value)}`);
  return value;
}

function optionalBoolean(value: unknown, where: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean')
    throw new Error(`${where} must be true or false; got ${JSON.stringify(value)}`);
  return value;
}
