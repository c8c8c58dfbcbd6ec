// The only code of this subgraph that talks to the VTE backend. The VTE programme publishes no
// API; its backend is modelled on Business France's VIE offers search, whose request body is
// recorded (kit/test/fixtures/real/businessfrance_vie_offers_search_request_and_fields.json) and
// built by the shared VIE-search client: territories ask by `geographicZones` (INSEE commune
// codes, in this modelled backend), companies by `entreprisesIds` (SIRENs), pages of 100.
// Offers are read with the recorded VIE offer field names; the fields no recorded client reads
// (siret, cityInseeCode, isFilled) and the whole aid collection are modelled (sim/vte/README.md).
// Items are checked field by field; every record carries its `source`, illustrative whatever the
// configured URL, since no real backend exists to read.
import { describeSource, type DatasetDescription, type SourceInfo } from '../../../kit/src/provenance.js';
import { INSEE_COMMUNE, SIRET } from '../../../kit/src/reference/companyIds.js';
import { FieldReader } from '../../../kit/src/upstream/fieldReader.js';
import type { VieSearchClient, VieSearchResult } from '../../../kit/src/upstream/vieSearchClient.js';

export const OFFERS_PATH = '/api/Offers/search';
export const OFFER_DETAILS_PATH = '/api/Offers/details';
export const AIDS_PATH = '/api/Aids/search';
/** Largest page the VTE search accepts. */
export const MAX_LIMIT = 100;

/** The two aid schemes: the Territoires d'industrie aid (4,000 €) and the VTE Vert aid. */
export type VteAidScheme = 'VTE_TERRITOIRES_INDUSTRIE' | 'VTE_VERT';
export type VteContract = 'CDI' | 'CDD' | 'ALTERNANCE';

/** What this subgraph reads, as `Source` describes it. No real base URL: always illustrative. */
export const VTE_DATASETS: Record<'backend' | 'offers' | 'aids', DatasetDescription> = {
  backend: {
    publisher: 'Bpifrance — VTE (Volontariat Territorial en Entreprise)',
    dataset: 'Offres et aides VTE (no public API; modelled on the Business France VIE offers search)',
    url: 'https://www.vte-france.fr/',
    realBaseUrl: '',
  },
  offers: {
    publisher: 'Bpifrance — VTE (Volontariat Territorial en Entreprise)',
    dataset: 'Offres VTE (no public API; modelled on the Business France VIE offers search)',
    url: 'https://www.vte-france.fr/',
    realBaseUrl: '',
  },
  aids: {
    publisher: 'Bpifrance — VTE (Volontariat Territorial en Entreprise)',
    dataset: 'Aides VTE Territoires d’industrie et VTE Vert (no public dataset; modelled)',
    url: 'https://www.vte-france.fr/',
    realBaseUrl: '',
  },
};

/** One VTE offer. */
export interface VteOffer {
  id: string;
  reference: string | null;
  title: string;
  description: string | null;
  profile: string | null;
  companyName: string;
  siren: string;
  siret: string;
  communeCode: string;
  cityName: string;
  durationMonths: number;
  startDate: string;
  endDate: string | null;
  publishedOn: string;
  monthlyPay: number | null;
  teleworking: boolean;
  filled: boolean;
  green: boolean;
  source: SourceInfo;
}

/** One aid granted for a recruited VTE. */
export interface VteAid {
  id: string;
  offerId: string;
  companyName: string;
  siren: string;
  siret: string;
  communeCode: string;
  hiredOn: string;
  contract: VteContract;
  scheme: VteAidScheme;
  amount: number;
  source: SourceInfo;
}

const MISSION_TYPES = ['VTE', 'VTE Vert'] as const;
const SCHEMES: readonly VteAidScheme[] = ['VTE_TERRITOIRES_INDUSTRIE', 'VTE_VERT'];
const CONTRACTS: readonly VteContract[] = ['CDI', 'CDD', 'ALTERNANCE'];

/** The VTE backend, as this subgraph uses it. */
export class VteClient {
  /** @param baseUrl the configured backend URL, for `source.illustrative`. */
  constructor(
    private readonly search: VieSearchClient,
    private readonly baseUrl: string,
  ) {}

  /** Where a kind of record comes from, read at `retrievedAt`. */
  source(kind: keyof typeof VTE_DATASETS, retrievedAt: string | null): SourceInfo {
    return describeSource(VTE_DATASETS[kind], this.baseUrl, retrievedAt);
  }

  /** Offers located in these communes. */
  offersInCommunes(communes: readonly string[], requestId?: string): Promise<VieSearchResult<VteOffer>> {
    return this.offers({ field: 'geographicZones', values: communes }, requestId);
  }

  /** Offers of these companies. */
  offersOfCompanies(sirens: readonly string[], requestId?: string): Promise<VieSearchResult<VteOffer>> {
    return this.offers({ field: 'entreprisesIds', values: sirens }, requestId);
  }

  /** Aid granted for recruitments in these communes. */
  aidsInCommunes(communes: readonly string[], requestId?: string): Promise<VieSearchResult<VteAid>> {
    return this.aids({ field: 'geographicZones', values: communes }, requestId);
  }

  /** Aid granted to these companies. */
  aidsOfCompanies(sirens: readonly string[], requestId?: string): Promise<VieSearchResult<VteAid>> {
    return this.aids({ field: 'entreprisesIds', values: sirens }, requestId);
  }

  /** One offer by id (`GET /api/Offers/details/{id}`); null when the backend does not know it. */
  async offer(id: number, requestId?: string): Promise<VteOffer | null> {
    const found = await this.search.details(OFFER_DETAILS_PATH, id, parseOffer, requestId);
    return found.item && { ...found.item, source: this.source('offers', found.retrievedAt) };
  }

  private async offers(
    list: { field: 'geographicZones' | 'entreprisesIds'; values: readonly string[] },
    requestId?: string,
  ): Promise<VieSearchResult<VteOffer>> {
    const found = await this.search.allIn(OFFERS_PATH, list, {}, parseOffer, requestId);
    const source = this.source('offers', found.retrievedAt);
    return { ...found, items: found.items.map((o) => ({ ...o, source })) };
  }

  private async aids(
    list: { field: 'geographicZones' | 'entreprisesIds'; values: readonly string[] },
    requestId?: string,
  ): Promise<VieSearchResult<VteAid>> {
    const found = await this.search.allIn(AIDS_PATH, list, {}, parseAid, requestId);
    const source = this.source('aids', found.retrievedAt);
    return { ...found, items: found.items.map((a) => ({ ...a, source })) };
  }
}

/** One offer item, read with the recorded VIE field names (and the modelled ones). */
export function parseOffer(raw: Record<string, unknown>, index: number): Omit<VteOffer, 'source'> {
  const r = new FieldReader(raw, `result[${index}]`);
  const siret = r.code('siret', SIRET, 'a 14-digit SIRET');
  const duration = r.integer('missionDuration');
  if (duration < 1 || duration > 24)
    throw new Error(`result[${index}].missionDuration must be 1 to 24 months; got ${duration}`);
  const pay = raw.indemnite;
  if (pay !== undefined && pay !== null && (typeof pay !== 'number' || !Number.isFinite(pay) || pay < 0))
    throw new Error(
      `result[${index}]: field "indemnite" must be an amount ≥ 0 or null, got ${JSON.stringify(pay)}`,
    );
  const end = r.optionalText('missionEndDate');
  return {
    id: String(r.integer('id')),
    reference: r.optionalText('reference') ?? null,
    title: r.text('missionTitle'),
    description: r.optionalText('missionDescription') ?? null,
    profile: r.optionalText('missionProfile') ?? null,
    companyName: r.text('organizationName'),
    siren: siret.slice(0, 9),
    siret,
    communeCode: r.code('cityInseeCode', INSEE_COMMUNE, 'an INSEE commune code'),
    cityName: r.text('cityName'),
    durationMonths: duration,
    startDate: r.date('missionStartDate'),
    endDate: end === undefined ? null : r.date('missionEndDate'),
    publishedOn: r.date('creationDate'),
    monthlyPay: typeof pay === 'number' ? pay : null,
    teleworking: flag(raw, 'teleworkingAvailable', index, false),
    filled: flag(raw, 'isFilled', index),
    green: r.oneOf('missionType', MISSION_TYPES) === 'VTE Vert',
  };
}

export function parseAid(raw: Record<string, unknown>, index: number): Omit<VteAid, 'source'> {
  const r = new FieldReader(raw, `result[${index}]`);
  const siret = r.code('siret', SIRET, 'a 14-digit SIRET');
  return {
    id: String(r.integer('id')),
    offerId: String(r.integer('offerId')),
    companyName: r.text('organizationName'),
    siren: siret.slice(0, 9),
    siret,
    communeCode: r.code('cityInseeCode', INSEE_COMMUNE, 'an INSEE commune code'),
    hiredOn: r.date('hiringDate'),
    contract: r.oneOf('contractType', CONTRACTS),
    scheme: r.oneOf('aidScheme', SCHEMES),
    amount: r.amount('aidAmount'),
  };
}

function flag(raw: Record<string, unknown>, name: string, index: number, fallback?: boolean): boolean {
  const value = raw[name];
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value !== 'boolean')
    throw new Error(`result[${index}]: field "${name}" must be true or false, got ${JSON.stringify(value)}`);
  return value;
}
