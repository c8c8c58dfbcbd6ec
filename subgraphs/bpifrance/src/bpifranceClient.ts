// The only code of this subgraph that talks HTTP at query time: the illustrative France 2030
// laureates (AMI Rebond industriel included) on a simulated economy ministry portal, read through
// Opendatasoft's `records` endpoint with `in (…)` lists. No real dataset of them exists; the real
// France Relance projects are synced into the mirror instead (bpifranceMirror.ts). Records are
// checked field by field; anything off is an UPSTREAM_BAD_RESPONSE naming the operator.
import { INSEE_COMMUNE, SIREN } from '../../../kit/src/reference/companyIds.js';
import { FieldReader } from '../../../kit/src/upstream/fieldReader.js';
import type { OpendatasoftClient, OdsRecords } from '../../../kit/src/upstream/opendatasoftClient.js';

/** One illustrative France 2030 laureate. */
export interface France2030Record {
  id: string;
  siren: string;
  siret: string | null;
  companyName: string;
  measure: string;
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

const FIELDS = [
  'identifiant',
  'entreprise',
  'siren',
  'siret',
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

/** Reads the illustrative France 2030 laureates by commune or by company. */
export class BpifranceClient {
  constructor(
    private readonly ods: OpendatasoftClient,
    /** The dataset id on the simulated portal. */
    readonly datasetId: string,
  ) {}

  /** Every laureate located in the communes. */
  laureatesInCommunes(
    communeCodes: readonly string[],
    requestId?: string,
  ): Promise<OdsRecords<France2030Record>> {
    return this.inChunks('code_commune', communeCodes, requestId);
  }

  /** Every laureate among the companies. */
  laureatesOfCompanies(sirens: readonly string[], requestId?: string): Promise<OdsRecords<France2030Record>> {
    return this.inChunks('siren', sirens, requestId);
  }

  private inChunks(
    field: string,
    values: readonly string[],
    requestId?: string,
  ): Promise<OdsRecords<France2030Record>> {
    const parse = (raw: Record<string, unknown>, index: number) =>
      parseLaureate(raw, `${this.datasetId} record ${index}`);
    return this.ods.allIn(
      this.datasetId,
      { field, values },
      { select: FIELDS, orderBy: 'identifiant' },
      parse,
      requestId,
    );
  }
}

function parseLaureate(raw: Record<string, unknown>, where: string): France2030Record {
  const r = new FieldReader(raw, where);
  const point = r.optionalGeoPoint('coordonnees_gps');
  return {
    id: r.text('identifiant'),
    siren: r.code('siren', SIREN, 'a 9-digit SIREN'),
    siret: r.optionalText('siret') ?? null,
    companyName: r.text('entreprise'),
    measure: r.text('mesure'),
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
