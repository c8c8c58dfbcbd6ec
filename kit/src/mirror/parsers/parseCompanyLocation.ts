// Company head offices from API Recherche d'entreprises (`results[]` of GET /search): what
// locates the records that only carry a SIREN or SIRET.
import type { CompanyLocationTable } from '../schema.js';
import {
  communeCode,
  decimal,
  departmentCode,
  requiredCompanyId,
  text,
  wholeCommune,
} from './fieldValues.js';
import { reject, rejecting, type ParseResult, type RawRow } from './parseResult.js';

/** Parses one `results[]` entry of API Recherche d'entreprises into its head-office location. */
export function parseCompanyLocation(raw: RawRow): ParseResult<CompanyLocationTable> {
  return rejecting(() => {
    const { siren } = requiredCompanyId(raw.siren, 'siren');
    const siege = raw.siege;
    if (!siege || typeof siege !== 'object') reject('MISSING_FIELD', '"siege" is missing');
    const s = siege as RawRow;
    const commune = communeCode(s.commune, 'siege.commune');
    return {
      record_key: siren,
      siren,
      siret_siege: text(s.siret),
      nom_complet: text(raw.nom_complet),
      // Paris, Lyon and Marseille come as arrondissements (75107); the graph knows the city.
      commune_code: commune === null ? null : wholeCommune(commune),
      code_postal: text(s.code_postal),
      epci_siren: text(s.epci),
      department_code: departmentCode(s.departement, 'siege.departement'),
      region_code: text(s.region),
      latitude: decimal(s.latitude, 'siege.latitude'),
      longitude: decimal(s.longitude, 'siege.longitude'),
      etat_administratif: text(s.etat_administratif),
    };
  });
}
