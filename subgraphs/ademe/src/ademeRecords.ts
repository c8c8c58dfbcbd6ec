// What this subgraph keeps of ADEME's data-fair lines, and the field-by-field checks that turn a
// line into it. A failed check throws; the upstream client makes it an UPSTREAM_BAD_RESPONSE
// naming ADEME, so a drifted column is an error, never a silently wrong amount.
import { INSEE_COMMUNE, SIRET } from '../../../kit/src/reference/companyIds.js';

/** One ADEME aid ("Les aides financières de l'ADEME"). */
export interface AdemeAid {
  reference: string;
  agreementDate: string;
  beneficiaryName: string;
  siret: string;
  siren: string;
  object: string;
  amount: number;
  scheme: string | null;
  nature: string | null;
  paymentConditions: string | null;
  /** Share of the cost subsidised, 0–1. */
  subsidyRate: number | null;
  communeCode: string;
}

/** One region's Fonds Vert envelope for a year. */
export interface FondsVertEnvelope {
  year: number;
  regionCode: string;
  amount: number;
}

/** One project funded by the Fonds Vert measure. */
export interface FondsVertProject {
  year: number;
  regionCode: string;
  communeCode: string;
  communeName: string;
  holder: string;
  holderSiret: string | null;
  title: string;
  totalCost: number;
  grant: number;
  decisionDate: string;
}

/** Column names that differ between the real portal and the simulator (SIRENE enrichment). */
export interface AidColumns {
  siren: string;
  commune: string;
}

type Line = Record<string, unknown>;

/** Checks one aid line. */
export function checkAid(line: Line, columns: AidColumns, where: string): AdemeAid {
  const siret = text(line.idBeneficiaire, `${where}.idBeneficiaire`);
  if (!SIRET.test(siret)) throw new Error(`${where}.idBeneficiaire must be a 14-digit SIRET; got "${siret}"`);
  const siren = text(line[columns.siren], `${where}.${columns.siren}`);
  if (siren !== siret.slice(0, 9))
    throw new Error(`${where}.${columns.siren} "${siren}" is not the SIREN of ${siret}`);
  const rate = line.pourcentageSubvention;
  if (rate !== null && rate !== undefined && (typeof rate !== 'number' || rate < 0 || rate > 1)) {
    throw new Error(
      `${where}.pourcentageSubvention must be a share between 0 and 1; got ${JSON.stringify(rate)}`,
    );
  }
  return {
    reference: text(line.referenceDecision, `${where}.referenceDecision`),
    agreementDate: date(line.dateConvention, `${where}.dateConvention`),
    beneficiaryName: text(line.nomBeneficiaire, `${where}.nomBeneficiaire`),
    siret,
    siren,
    object: text(line.objet, `${where}.objet`),
    amount: euros(line.montant, `${where}.montant`),
    scheme: optionalText(line.dispositifAide, `${where}.dispositifAide`),
    nature: optionalText(line.nature, `${where}.nature`),
    paymentConditions: optionalText(line.conditionsVersement, `${where}.conditionsVersement`),
    subsidyRate: (rate as number | null | undefined) ?? null,
    communeCode: commune(line[columns.commune], `${where}.${columns.commune}`),
  };
}

/** Checks one envelope line. */
export function checkEnvelope(line: Line, where: string): FondsVertEnvelope {
  return {
    year: year(line.annee, `${where}.annee`),
    regionCode: text(line.codeRegion, `${where}.codeRegion`),
    amount: euros(line.enveloppe, `${where}.enveloppe`),
  };
}

/** Checks one funded-project line. */
export function checkProject(line: Line, where: string): FondsVertProject {
  const holderSiret = optionalText(line.siretPorteur, `${where}.siretPorteur`);
  if (holderSiret !== null && !SIRET.test(holderSiret)) {
    throw new Error(`${where}.siretPorteur must be a 14-digit SIRET; got "${holderSiret}"`);
  }
  const grant = euros(line.montantSubvention, `${where}.montantSubvention`);
  const totalCost = euros(line.coutTotal, `${where}.coutTotal`);
  if (grant > totalCost) throw new Error(`${where}: grant ${grant} exceeds the total cost ${totalCost}`);
  return {
    year: year(line.annee, `${where}.annee`),
    regionCode: text(line.codeRegion, `${where}.codeRegion`),
    communeCode: commune(line.codeCommune, `${where}.codeCommune`),
    communeName: text(line.nomCommune, `${where}.nomCommune`),
    holder: text(line.porteur, `${where}.porteur`),
    holderSiret,
    title: text(line.intitule, `${where}.intitule`),
    totalCost,
    grant,
    decisionDate: date(line.dateDecision, `${where}.dateDecision`),
  };
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '')
    throw new Error(`${where} must be a non-empty string; got ${JSON.stringify(value)}`);
  return value;
}

function optionalText(value: unknown, where: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') throw new Error(`${where} must be a string; got ${JSON.stringify(value)}`);
  return value;
}

function euros(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`${where} must be an amount in euros; got ${JSON.stringify(value)}`);
  }
  return value;
}

function year(value: unknown, where: string): number {
  if (!Number.isInteger(value) || (value as number) < 2000 || (value as number) > 2100) {
    throw new Error(`${where} must be a year; got ${JSON.stringify(value)}`);
  }
  return value as number;
}

function date(value: unknown, where: string): string {
  const raw = text(value, where);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(raw)))
    throw new Error(`${where} must be a date; got "${raw}"`);
  return raw;
}

function commune(value: unknown, where: string): string {
  const raw = text(value, where);
  if (!INSEE_COMMUNE.test(raw)) throw new Error(`${where} must be an INSEE commune code; got "${raw}"`);
  return raw;
}
