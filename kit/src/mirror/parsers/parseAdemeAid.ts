// ADEME aids (data-fair `les-aides-financieres-de-l'ademe`): `lines` results use data-fair keys
// (`Nom_de_l_attribuant`), the raw CSV the published header (`Nom de l attribuant`).
import type { AdemeAidTable } from '../schema.js';
import {
  cents,
  column,
  companyId,
  contentKey,
  decimal,
  departmentCode,
  isoDay,
  required,
  text,
} from './fieldValues.js';
import { reject, rejecting, type ParseResult, type RawRow } from './parseResult.js';

/** Parses one ADEME aid row from data-fair `lines` or the dataset's CSV. */
export function parseAdemeAid(raw: RawRow): ParseResult<AdemeAidTable> {
  return rejecting(() => {
    const montant = cents(raw.montant, 'montant');
    if (montant === null) reject('MISSING_FIELD', '"montant" is empty');
    const beneficiary = companyId(raw.idBeneficiaire);
    const [debut, fin] = periode(raw.datesPeriodeVersement);
    const values = {
      nom_attribuant: text(column(raw, 'Nom_de_l_attribuant', 'Nom de l attribuant', 'nomAttribuant')),
      idattribuant: text(raw.idAttribuant),
      dateconvention: isoDay(raw.dateConvention, 'dateConvention'),
      referencedecision: text(raw.referenceDecision),
      nombeneficiaire: required(raw.nomBeneficiaire, 'nomBeneficiaire'),
      // A bare number in some exports: its leading zero is restored here.
      idbeneficiaire: beneficiary?.siret ?? text(raw.idBeneficiaire),
      siren: beneficiary?.siren ?? null,
      objet: text(raw.objet),
      montant_cents: montant,
      nature: text(raw.nature),
      conditionsversement: text(raw.conditionsVersement),
      versement_debut: debut,
      versement_fin: fin,
      idrae: text(raw.idRAE),
      notificationue: text(raw.notificationUE),
      pourcentagesubvention: decimal(raw.pourcentageSubvention, 'pourcentageSubvention'),
      dispositifaide: text(raw.dispositifAide),
    };
    return {
      record_key: text(raw._id) ?? contentKey(Object.values(values)),
      ...values,
      commune_code: null,
      // data-fair's SIRET enrichment, when the portal adds it, places the beneficiary.
      department_code: departmentCode(
        raw['_siret_infos._infos_commune.code_departement'],
        '_siret_infos._infos_commune.code_departement',
      ),
      epci_siren: null,
      axis: null,
    };
  });
}

// "2021-05-11_2023-01-05": the payment period, both ends joined by an underscore.
function periode(value: unknown): [string | null, string | null] {
  const s = text(value);
  if (s === null) return [null, null];
  const [start, end, extra] = s.split('_');
  if (extra !== undefined)
    reject('INVALID_DATE', `"datesPeriodeVersement" should be "start_end", got ${JSON.stringify(s)}`);
  return [isoDay(start, 'datesPeriodeVersement'), isoDay(end, 'datesPeriodeVersement')];
}
