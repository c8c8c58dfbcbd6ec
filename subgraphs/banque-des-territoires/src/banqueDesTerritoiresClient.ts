// The only code of this subgraph that talks to its upstream: the Caisse des Dépôts Opendatasoft
// portal (Explore API v2.1), datasets of Banque des Territoires financings (SCDL subsidy columns)
// and Écoles de production. Records are read and checked field by field here; anything off is an
// UPSTREAM_BAD_RESPONSE naming the operator, never a default value.
import { INSEE_COMMUNE, SIREN, SIRET } from '../../../kit/src/reference/companyIds.js';
import { FieldReader } from '../../../kit/src/upstream/fieldReader.js';
import type { OpendatasoftClient, OdsRecords } from '../../../kit/src/upstream/opendatasoftClient.js';

/** Dataset of Banque des Territoires financings to local authorities and projects. */
export const FINANCINGS_DATASET = 'financements-banque-des-territoires';
/** Dataset of the Écoles de production Banque des Territoires supports. */
export const SCHOOLS_DATASET = 'ecoles-de-production';

export type FinancingKind = 'LOAN' | 'ENGINEERING' | 'INVESTMENT';
export type BeneficiaryKind = 'EPCI' | 'INSEE_COMMUNE' | 'PROJECT';

/** One financing as the portal publishes it. */
export interface FinancingRecord {
  id: string;
  kind: FinancingKind;
  object: string;
  amount: number;
  agreementDate: string;
  beneficiaryName: string;
  beneficiarySiret: string;
  beneficiaryKind: BeneficiaryKind;
  epciSiren: string | null;
  nature: string;
  paymentConditions: string | null;
  communeCode: string;
  theme: string;
}

/** One École de production. */
export interface SchoolRecord {
  id: string;
  name: string;
  siret: string;
  communeCode: string;
  communeName: string;
  trades: string[];
  openedYear: number;
  places: number;
  support: number;
}

const KINDS: Record<string, FinancingKind> = {
  Prêt: 'LOAN',
  Ingénierie: 'ENGINEERING',
  Investissement: 'INVESTMENT',
};
const BENEFICIARIES: Record<string, BeneficiaryKind> = {
  EPCI: 'EPCI',
  Commune: 'INSEE_COMMUNE',
  'Porteur de projet': 'PROJECT',
};

const FINANCING_FIELDS = [
  'referencedecision',
  'type_financement',
  'objet',
  'montant',
  'dateconvention',
  'nombeneficiaire',
  'idbeneficiaire',
  'type_beneficiaire',
  'siren_epci',
  'nature',
  'conditionsversement',
  'code_commune',
  'thematique',
].join(', ');

/** Reads Banque des Territoires data for lists of communes. */
export class BanqueDesTerritoiresClient {
  constructor(private readonly ods: OpendatasoftClient) {}

  /** Every financing located in the communes, all pages read. */
  financingsInCommunes(
    communeCodes: readonly string[],
    requestId?: string,
  ): Promise<OdsRecords<FinancingRecord>> {
    const list = { field: 'code_commune', values: communeCodes };
    return this.ods.allIn(
      FINANCINGS_DATASET,
      list,
      { select: FINANCING_FIELDS, orderBy: 'referencedecision' },
      parseFinancing,
      requestId,
    );
  }

  /** Every École de production in the communes. */
  schoolsInCommunes(communeCodes: readonly string[], requestId?: string): Promise<OdsRecords<SchoolRecord>> {
    const list = { field: 'code_commune', values: communeCodes };
    return this.ods.allIn(SCHOOLS_DATASET, list, { orderBy: 'identifiant' }, parseSchool, requestId);
  }
}

function parseFinancing(raw: Record<string, unknown>, index: number): FinancingRecord {
  const r = new FieldReader(raw, `${FINANCINGS_DATASET} record ${index}`);
  const kind = KINDS[r.oneOf('type_financement', Object.keys(KINDS))]!;
  const beneficiaryKind = BENEFICIARIES[r.oneOf('type_beneficiaire', Object.keys(BENEFICIARIES))]!;
  const epciSiren = r.optionalText('siren_epci') ?? null;
  if (epciSiren !== null && !SIREN.test(epciSiren))
    throw new Error(`record ${index}: siren_epci must be 9 digits, got "${epciSiren}"`);
  return {
    id: r.text('referencedecision'),
    kind,
    object: r.text('objet'),
    amount: r.amount('montant'),
    agreementDate: r.date('dateconvention'),
    beneficiaryName: r.text('nombeneficiaire'),
    beneficiarySiret: r.code('idbeneficiaire', SIRET, 'a 14-digit SIRET'),
    beneficiaryKind,
    epciSiren,
    nature: r.text('nature'),
    paymentConditions: r.optionalText('conditionsversement') ?? null,
    communeCode: r.code('code_commune', INSEE_COMMUNE, 'an INSEE commune code'),
    theme: r.text('thematique'),
  };
}

function parseSchool(raw: Record<string, unknown>, index: number): SchoolRecord {
  const r = new FieldReader(raw, `${SCHOOLS_DATASET} record ${index}`);
  return {
    id: r.text('identifiant'),
    name: r.text('nom_ecole'),
    siret: r.code('siret', SIRET, 'a 14-digit SIRET'),
    communeCode: r.code('code_commune', INSEE_COMMUNE, 'an INSEE commune code'),
    communeName: r.text('nom_commune'),
    trades: r
      .text('metiers')
      .split(';')
      .map((t) => t.trim())
      .filter(Boolean),
    openedYear: r.integer('annee_ouverture'),
    places: r.integer('nombre_places'),
    support: r.amount('montant_soutien'),
  };
}
