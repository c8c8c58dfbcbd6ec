// The only code of this subgraph that talks to the VTE backend. The VTE programme publishes no
// API; its backend is modelled on Business France's VIE offers search (`POST …/search` with
// `{limit, skip, query, …}` → `{count, result}`), read through the shared VIE-search client in
// lists of communes or SIRENs, pages of 100. Items are checked field by field.
import { INSEE_COMMUNE, SIREN, SIRET } from '../../../kit/src/reference/companyIds.js';
import { FieldReader } from '../../../kit/src/upstream/fieldReader.js';
import type { VieSearchClient, VieSearchResult } from '../../../kit/src/upstream/vieSearchClient.js';

export const OFFERS_PATH = '/api/Offers/search';
export const AIDS_PATH = '/api/Aids/search';

/** One VTE offer. */
export interface VteOffer {
  id: string;
  title: string;
  description: string | null;
  companyName: string;
  siren: string;
  siret: string;
  communeCode: string;
  cityName: string;
  durationMonths: number;
  startDate: string;
  publishedOn: string;
  studyLevel: string | null;
  sector: string | null;
  filled: boolean;
  green: boolean;
}

/** One 4,000 € hiring aid granted. */
export interface VteAid {
  id: string;
  offerId: string;
  companyName: string;
  siren: string;
  siret: string;
  communeCode: string;
  hiredOn: string;
  amount: number;
  programme: string;
}

/** The VTE backend, as this subgraph uses it. */
export class VteClient {
  constructor(private readonly search: VieSearchClient) {}

  /** Offers located in these communes. */
  offersInCommunes(communes: readonly string[], requestId?: string): Promise<VieSearchResult<VteOffer>> {
    return this.search.allIn(
      OFFERS_PATH,
      { field: 'communesIds', values: communes },
      {},
      parseOffer,
      requestId,
    );
  }

  /** Offers of these companies. */
  offersOfCompanies(sirens: readonly string[], requestId?: string): Promise<VieSearchResult<VteOffer>> {
    return this.search.allIn(OFFERS_PATH, { field: 'sirens', values: sirens }, {}, parseOffer, requestId);
  }

  /** Aid granted for recruitments in these communes. */
  aidsInCommunes(communes: readonly string[], requestId?: string): Promise<VieSearchResult<VteAid>> {
    return this.search.allIn(AIDS_PATH, { field: 'communesIds', values: communes }, {}, parseAid, requestId);
  }

  /** Aid granted to these companies. */
  aidsOfCompanies(sirens: readonly string[], requestId?: string): Promise<VieSearchResult<VteAid>> {
    return this.search.allIn(AIDS_PATH, { field: 'sirens', values: sirens }, {}, parseAid, requestId);
  }
}

function parseOffer(raw: Record<string, unknown>, index: number): VteOffer {
  const r = new FieldReader(raw, `result[${index}]`);
  const siret = r.code('siret', SIRET, 'a 14-digit SIRET');
  const siren = r.code('siren', SIREN, 'a 9-digit SIREN');
  if (!siret.startsWith(siren))
    throw new Error(`result[${index}]: SIRET ${siret} is not an establishment of ${siren}`);
  const duration = r.integer('missionDuration');
  if (duration < 1 || duration > 24)
    throw new Error(`result[${index}].missionDuration must be 1 to 24 months; got ${duration}`);
  return {
    id: String(r.integer('id')),
    title: r.text('missionTitle'),
    description: r.optionalText('missionDescription') ?? null,
    companyName: r.text('organizationName'),
    siren,
    siret,
    communeCode: r.code('cityInseeCode', INSEE_COMMUNE, 'an INSEE commune code'),
    cityName: r.text('cityName'),
    durationMonths: duration,
    startDate: r.date('missionStartDate'),
    publishedOn: r.date('creationDate'),
    studyLevel: r.optionalText('studyLevel') ?? null,
    sector: r.optionalText('activitySectorName') ?? null,
    filled: flag(raw, 'isFilled', index),
    green: flag(raw, 'isGreen', index),
  };
}

function parseAid(raw: Record<string, unknown>, index: number): VteAid {
  const r = new FieldReader(raw, `result[${index}]`);
  const siret = r.code('siret', SIRET, 'a 14-digit SIRET');
  const siren = r.code('siren', SIREN, 'a 9-digit SIREN');
  if (!siret.startsWith(siren))
    throw new Error(`result[${index}]: SIRET ${siret} is not an establishment of ${siren}`);
  return {
    id: String(r.integer('id')),
    offerId: String(r.integer('offerId')),
    companyName: r.text('organizationName'),
    siren,
    siret,
    communeCode: r.code('cityInseeCode', INSEE_COMMUNE, 'an INSEE commune code'),
    hiredOn: r.date('hiringDate'),
    amount: r.amount('aidAmount'),
    programme: r.text('programName'),
  };
}

function flag(raw: Record<string, unknown>, name: string, index: number): boolean {
  const value = raw[name];
  if (typeof value !== 'boolean')
    throw new Error(`result[${index}]: field "${name}" must be true or false, got ${JSON.stringify(value)}`);
  return value;
}
