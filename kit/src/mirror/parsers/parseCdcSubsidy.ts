// Caisse des Dépôts subsidies (SCDL format) as Opendatasoft publishes them: flat fields in
// Explore v2.1 exports and `results[]`, or `{record: {id, fields}}` in the v2.0 envelope.
import type { CdcSubsidyTable } from '../schema.js';
import { cents, companyId, contentKey, decimal, isoDay, required, text } from './fieldValues.js';
import { rejecting, reject, type ParseResult, type RawRow } from './parseResult.js';

/** Parses one Caisse des Dépôts subsidy row (v2.0 record or v2.1 flat row). */
export function parseCdcSubsidy(raw: RawRow): ParseResult<CdcSubsidyTable> {
  return rejecting(() => {
    const { id, fields } = unwrapOdsRecord(raw);
    const montant = cents(fields.montant, 'montant');
    if (montant === null) reject('MISSING_FIELD', '"montant" is empty');
    const dateconvention = isoDay(fields.dateconvention, 'dateconvention');
    if (dateconvention === null) reject('MISSING_FIELD', '"dateconvention" is empty');
    const beneficiary = text(fields.idbeneficiaire);
    const values = {
      nomattribuant: text(fields.nomattribuant),
      idattribuant: text(fields.idattribuant),
      dateconvention,
      referencedecision: text(fields.referencedecision),
      idbeneficiaire: beneficiary,
      siren: companyId(beneficiary)?.siren ?? null,
      nombeneficiaire: required(fields.nombeneficiaire, 'nombeneficiaire'),
      objet: text(fields.objet),
      montant_cents: montant,
      nature: text(fields.nature),
      conditionsversement: text(fields.conditionsversement),
      datesversement_debut: isoDay(fields.datesversement_debut, 'datesversement_debut'),
      datesversement_fin: isoDay(fields.datesversement_fin, 'datesversement_fin'),
      idrae: text(fields.idrae),
      notificationue: text(fields.notificationue),
      pourcentagesubvention: decimal(fields.pourcentagesubvention, 'pourcentagesubvention'),
    };
    return {
      record_key: id ?? contentKey(Object.values(values)),
      ...values,
      commune_code: null,
      department_code: null,
      epci_siren: null,
      axis: null,
    };
  });
}

/** The fields of an Opendatasoft record, whichever API version's envelope it came in. */
export function unwrapOdsRecord(raw: RawRow): { id: string | null; fields: RawRow } {
  const record = raw.record;
  if (record && typeof record === 'object') {
    // Explore v2.0: {links, record: {id, timestamp, size, fields}}
    const { id, fields } = record as { id?: unknown; fields?: unknown };
    if (!fields || typeof fields !== 'object') reject('NOT_AN_OBJECT', 'v2.0 record has no "fields" object');
    return { id: text(id), fields: fields as RawRow };
  }
  // Explore v1 and some client caches: {recordid, fields}.
  if (raw.fields && typeof raw.fields === 'object')
    return { id: text(raw.recordid), fields: raw.fields as RawRow };
  return { id: null, fields: raw };
}
