// The only code of this subgraph that talks to its upstream: the France Relance / France 2030
// laureates dataset on the economy ministry's Opendatasoft portal, restricted to the measures
// Bpifrance operates. Records are checked field by field; anything off is an UPSTREAM_BAD_RESPONSE
// naming the operator, never a default value.
import { INSEE_COMMUNE, SIREN } from '../../../kit/src/reference/companyIds.js';
import { FieldReader } from '../../../kit/src/upstream/fieldReader.js';
import type { OpendatasoftClient, OdsRecords } from '../../../kit/src/upstream/opendatasoftClient.js';

/** The laureates dataset. */
export const LAUREATES_DATASET = 'laureats-france-relance-france-2030';

export type BpifranceProgramme = 'FONDS_ACCELERATION' | 'REBOND_INDUSTRIEL' | 'FRANCE_2030';

/** One Bpifrance aid as the portal publishes it. */
export interface AidRecord {
  id: string;
  siren: string;
  companyName: string;
  measure: string;
  programme: BpifranceProgramme | null;
  description: string;
  sector: string;
  communeCode: string;
  communeName: string;
  postalCode: string;
  departmentCode: string;
  location: { latitude: number; longitude: number } | null;
  year: number;
  investment: number;
  amount: number;
}

const BPIFRANCE_ONLY = 'operateur = "Bpifrance"';
const FIELDS = [
  'identifiant',
  'entreprise',
  'siren',
  'mesure',
  'description_projet',
  'filiere',
  'code_departement',
  'code_commune',
  'nom_commune',
  'code_postal',
  'coordonnees_gps',
  'annee',
  'montant_investissement',
  'montant_aide',
].join(', ');

/** Reads Bpifrance laureates by commune or by company, one `in (…)` list per call. */
export class BpifranceClient {
  constructor(private readonly ods: OpendatasoftClient) {}

  /** Every Bpifrance aid located in the communes. */
  aidsInCommunes(communeCodes: readonly string[], requestId?: string): Promise<OdsRecords<AidRecord>> {
    return this.inChunks('code_commune', communeCodes, requestId);
  }

  /** Every Bpifrance aid to the companies. */
  aidsOfCompanies(sirens: readonly string[], requestId?: string): Promise<OdsRecords<AidRecord>> {
    return this.inChunks('siren', sirens, requestId);
  }

  private inChunks(
    field: string,
    values: readonly string[],
    requestId?: string,
  ): Promise<OdsRecords<AidRecord>> {
    return this.ods.allIn(
      LAUREATES_DATASET,
      { field, values },
      { where: BPIFRANCE_ONLY, select: FIELDS, orderBy: 'identifiant' },
      parseAid,
      requestId,
    );
  }
}

/** The programme a published measure belongs to; null for a measure outside the three. */
export function programmeOf(measure: string): BpifranceProgramme | null {
  if (measure === "Fonds d'accélération des investissements industriels dans les territoires")
    return 'FONDS_ACCELERATION';
  if (measure === 'AMI Rebond industriel') return 'REBOND_INDUSTRIEL';
  if (measure.startsWith('France 2030')) return 'FRANCE_2030';
  return null;
}

function parseAid(raw: Record<string, unknown>, index: number): AidRecord {
  const r = new FieldReader(raw, `${LAUREATES_DATASET} record ${index}`);
  const measure = r.text('mesure');
  const point = r.optionalGeoPoint('coordonnees_gps');
  return {
    id: r.text('identifiant'),
    siren: r.code('siren', SIREN, 'a 9-digit SIREN'),
    companyName: r.text('entreprise'),
    measure,
    programme: programmeOf(measure),
    description: r.text('description_projet'),
    sector: r.text('filiere'),
    communeCode: r.code('code_commune', INSEE_COMMUNE, 'an INSEE commune code'),
    communeName: r.text('nom_commune'),
    postalCode: r.code('code_postal', /^\d{5}$/, 'a 5-digit postal code'),
    departmentCode: r.code('code_departement', /^(\d{2,3}|2[AB])$/, 'a department code'),
    location: point ? { latitude: point.lat, longitude: point.lon } : null,
    year: r.integer('annee'),
    investment: r.amount('montant_investissement'),
    amount: r.amount('montant_aide'),
  };
}
