// France 2030 laureates operated by Bpifrance (AMI « Rebond industriel » included). No open
// dataset of them exists; the simulated economy ministry portal serves illustrative ones under
// `illustratif-laureats-france-2030`. Each row carries its id, its company's SIREN and SIRET and
// the INSEE code of its commune, so it is located here and needs no registry.
import { departmentOfCommune } from '../../reference/companyIds.js';
import type { France2030LaureateTable } from '../schema.js';
import {
  cents,
  communeCode,
  companyId,
  coordinates,
  decimal,
  departmentCode,
  isoDay,
  postalCode,
  required,
  requiredCompanyId,
  text,
} from './fieldValues.js';
import { reject, rejecting, type ParseResult, type RawRow } from './parseResult.js';

/** Parses one laureate row (CSV export columns or JSON export fields). */
export function parseFrance2030Laureate(raw: RawRow): ParseResult<France2030LaureateTable> {
  return rejecting(() => {
    const id = required(raw.identifiant, 'identifiant');
    const entreprise = required(raw.entreprise, 'entreprise');
    const company = requiredCompanyId(raw.siren, 'siren');
    if (company.siret !== null)
      reject('INVALID_COMPANY_ID', `"siren" should be a SIREN (9 digits), got ${JSON.stringify(raw.siren)}`);
    const siret = text(raw.siret) === null ? null : companyId(raw.siret)?.siret;
    if (siret === undefined || (siret !== null && !siret.startsWith(company.siren)))
      reject(
        'INVALID_COMPANY_ID',
        `"siret" should be a SIRET (14 digits) of SIREN ${company.siren}, got ${JSON.stringify(raw.siret)}`,
      );
    const mesure = required(raw.mesure, 'mesure');
    const commune = communeCode(raw.code_commune, 'code_commune');
    if (commune === null) reject('MISSING_FIELD', '"code_commune" is empty');
    const { latitude, longitude } = coordinates(raw.coordonnees_gps, 'coordonnees_gps');
    return {
      record_key: id,
      entreprise,
      siren: company.siren,
      siret,
      mesure,
      programme: text(raw.programme),
      description_projet: text(raw.description_projet),
      filiere: text(raw.filiere),
      code_region: text(raw.code_region),
      nom_commune: text(raw.nom_commune),
      code_postal: postalCode(raw.code_postal),
      latitude,
      longitude,
      annee: year(raw.annee),
      montant_investissement_cents: cents(raw.montant_investissement, 'montant_investissement'),
      montant_aide_cents: cents(raw.montant_aide, 'montant_aide'),
      mise_a_jour: isoDay(raw.mise_a_jour, 'mise_a_jour'),
      commune_code: commune,
      department_code:
        departmentCode(raw.code_departement, 'code_departement') ?? departmentOfCommune(commune),
      epci_siren: null,
      axis: null,
    };
  });
}

// The year the company was named laureate: "2023", 2023 or "2023.0".
function year(value: unknown): number | null {
  const n = decimal(value, 'annee');
  if (n === null) return null;
  if (!Number.isInteger(n) || n < 2000 || n > 2100)
    reject('INVALID_DATE', `"annee" should be a year, got ${JSON.stringify(value)}`);
  return n;
}
