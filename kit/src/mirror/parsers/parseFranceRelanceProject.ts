// France Relance industrial projects (data.economie.gouv.fr `plan-de-relance`). No amount and no
// INSEE code are published: the record is located by department here, by commune later through
// the company registry.
import type { FranceRelanceProjectTable } from '../schema.js';
import {
  contentKey,
  coordinates,
  decimal,
  departmentCode,
  isoDay,
  postalCode,
  required,
  requiredCompanyId,
  text,
} from './fieldValues.js';
import { rejecting, type ParseResult, type RawRow } from './parseResult.js';

/** Parses one plan-de-relance row (CSV export columns or JSON export fields). */
export function parseFranceRelanceProject(raw: RawRow): ParseResult<FranceRelanceProjectTable> {
  return rejecting(() => {
    const entreprise = required(raw.entreprise, 'entreprise');
    // The "siren" column holds SIRENs and SIRETs alike.
    const id = requiredCompanyId(raw.siren, 'siren');
    const { latitude, longitude } = coordinates(raw.coordonnees_gps, 'coordonnees_gps');
    const values = {
      entreprise,
      type_entreprise: text(raw.type_entreprise),
      siren_raw: text(raw.siren),
      siren: id.siren,
      siret: id.siret,
      volet_relance: text(raw.volet_relance),
      mesure: text(raw.mesure),
      nom_departement: text(raw.nom_departement),
      nom_commune: text(raw.nom_commune),
      code_postal: postalCode(raw.code_postal),
      latitude,
      longitude,
      description_projet: text(raw.description_projet),
      mesure_light: text(raw.mesure_light),
      mise_a_jour: isoDay(raw.mise_a_jour, 'mise_a_jour'),
      filiere: text(raw.filiere),
      tonnes_equivalent_co2_pour_les_projets_decarbonation: decimal(
        raw.tonnes_equivalent_co2_pour_les_projets_decarbonation,
        'tonnes_equivalent_co2_pour_les_projets_decarbonation',
      ),
      code_departement_raw: text(raw.code_departement),
      nom_region: text(raw.nom_region),
    };
    return {
      // No id is published; the same project under a newer mise_a_jour is a new version of the
      // same key, so the date stays out of it.
      record_key: contentKey([values.siren_raw, values.entreprise, values.mesure, values.description_projet]),
      ...values,
      commune_code: null,
      department_code: departmentCode(raw.code_departement, 'code_departement'),
      epci_siren: null,
      axis: null,
    };
  });
}
