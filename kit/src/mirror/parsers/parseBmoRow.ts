// France Travail BMO open data (one row per métier and bassin d'emploi). Counts are text with
// "*" for secret; the bassin columns are named after the vintage (BE24/NOMBE24, BE25/NOMBE25…).
import type { BmoRowTable } from '../schema.js';
import { departmentCode, required, secretCount, text } from './fieldValues.js';
import { reject, rejecting, type ParseResult, type RawRow } from './parseResult.js';

/** Parses one BMO row (any vintage's bassin column names). */
export function parseBmoRow(raw: RawRow): ParseResult<BmoRowTable> {
  return rejecting(() => {
    const annee = Number(required(raw.annee, 'annee'));
    if (!Number.isInteger(annee))
      reject('INVALID_DATE', `"annee" should be a year, got ${JSON.stringify(raw.annee)}`);
    const code = required(raw['Code métier BMO'], 'Code métier BMO');
    const bassinColumn = Object.keys(raw).find((k) => /^BE\d{2}$/.test(k));
    const bassinCode = bassinColumn ? text(raw[bassinColumn]) : null;
    const bassinNom = bassinColumn ? text(raw[`NOM${bassinColumn}`]) : null;
    const met = secretCount(raw.met, 'met');
    const xmet = secretCount(raw.xmet, 'xmet');
    const smet = secretCount(raw.smet, 'smet');
    return {
      record_key: `${annee}|${code}|${bassinCode ?? ''}`,
      annee,
      code_metier_bmo: code,
      nom_metier_bmo: text(raw['Nom métier BMO']),
      famille_met: text(raw.Famille_met),
      lbl_fam_met: text(raw.Lbl_fam_met),
      reg: text(raw.REG),
      nom_reg: text(raw.NOM_REG),
      nom_dept: text(raw.NomDept),
      bassin_code: bassinCode,
      bassin_nom: bassinNom,
      met: met.value,
      xmet: xmet.value,
      smet: smet.value,
      met_secret: met.secret,
      xmet_secret: xmet.secret,
      smet_secret: smet.secret,
      commune_code: null,
      department_code: departmentCode(raw.Dept, 'Dept'),
      epci_siren: null,
      axis: null,
    };
  });
}
