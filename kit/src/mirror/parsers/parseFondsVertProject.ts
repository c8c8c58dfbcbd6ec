// Fonds Vert projects (DGALN, 2023 export on the national open-data portal). The commune is the
// beneficiary's seat and may be the literal NULL; "siren" may hold a SIRET, a float string or junk.
import type { FondsVertProjectTable } from '../schema.js';
import {
  cents,
  communeCode,
  companyId,
  departmentCode,
  required,
  text,
  textOrNullLiteral,
} from './fieldValues.js';
import { reject, rejecting, type ParseResult, type RawRow } from './parseResult.js';

/** Parses one row of fonds-vert-2023-export.csv. */
export function parseFondsVertProject(raw: RawRow): ParseResult<FondsVertProjectTable> {
  return rejecting(() => {
    const dossier = required(raw.numero_dossier_ds, 'numero_dossier_ds');
    const montant = cents(raw.montant_engage, 'montant_engage');
    if (montant === null) reject('MISSING_FIELD', '"montant_engage" is empty');
    const commune = communeCode(raw.code_commune, 'code_commune');
    // A junk "siren" does not make the project less real: it is kept, unidentified.
    const company = companyId(raw.siren);
    return {
      record_key: dossier,
      nom_region: text(raw.nom_region),
      nom_departement: text(raw.nom_departement),
      code_commune: commune,
      nom_commune: textOrNullLiteral(raw.nom_commune),
      axe: text(raw.axe),
      numero_demarche_ds: text(raw.numero_demarche_ds),
      nom_demarche_ds: text(raw.nom_demarche_ds),
      numero_dossier_ds: dossier,
      nom_du_projet: text(raw.nom_du_projet),
      nom_beneficiaire_principal: text(raw.nom_beneficiaire_principal),
      siren_raw: text(raw.siren),
      siren: company?.siren ?? null,
      siret: company?.siret ?? null,
      montant_engage_cents: montant,
      commune_code: commune,
      department_code: departmentCode(raw.code_departement, 'code_departement'),
      epci_siren: null,
      axis: null,
    };
  });
}
