// The only code of this subgraph that talks to the Action Logement API. Action Logement publishes
// no open data of its aid by employer or of its agreements with intercommunalités, so this client
// speaks a documented shape of our own (sim/action-logement/README.md): `GET /api/v1/aides` by
// communes or SIRENs and `GET /api/v1/conventions` by EPCI SIREN, `{total, results}`, every page,
// in lists. Each record is checked field by field.
import { describeSource, type DatasetDescription, type SourceInfo } from '../../../kit/src/provenance.js';
import { INSEE_COMMUNE, SIREN, SIRET } from '../../../kit/src/reference/companyIds.js';
import { FieldReader } from '../../../kit/src/upstream/fieldReader.js';
import { parseResultsPage, readKeyListPages } from '../../../kit/src/upstream/keyListPages.js';
import type { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';

export const AIDS_PATH = '/api/v1/aides';
export const AGREEMENTS_PATH = '/api/v1/conventions';
/** Largest page the API serves. */
export const MAX_LIMIT = 100;
/** Keys per call: the most one list may hold (500, about 3 KB of URL). */
export const KEYS_PER_CALL = 500;

/** What `source` says: no Action Logement open dataset exists, so every value stays illustrative. */
export const DATASET: DatasetDescription = {
  publisher: 'Action Logement',
  dataset: 'aides-et-conventions (shape documented by this project; no Action Logement open dataset)',
  url: 'https://www.actionlogement.fr',
  realBaseUrl: 'https://api.actionlogement.invalid',
};

/** A scheme, as the graph spells it. */
export type HousingScheme = 'MOBILI_JEUNE' | 'MOBILI_PASS' | 'AVANCE_LOCA_PASS';
const SCHEMES: Record<string, HousingScheme> = {
  'MOBILI-JEUNE': 'MOBILI_JEUNE',
  'MOBILI-PASS': 'MOBILI_PASS',
  'AVANCE LOCA-PASS': 'AVANCE_LOCA_PASS',
};

/** Aid to one employer's employees under one scheme in one year. */
export interface HousingAid {
  id: string;
  scheme: HousingScheme;
  siret: string;
  siren: string;
  employerName: string;
  communeCode: string;
  employees: number;
  amount: number;
  year: number;
  source: SourceInfo;
}

/** A housing supply agreement with an intercommunalité. */
export interface HousingAgreement {
  id: string;
  epciSiren: string;
  title: string;
  plannedHomes: number;
  deliveredHomes: number;
  amount: number;
  signedOn: string;
  source: SourceInfo;
}

/** Items read for a list of keys, and whether any came from a stale copy. */
export interface ReadResult<T> {
  items: T[];
  stale: boolean;
  since?: string;
  source: SourceInfo;
}

/** The Action Logement API, as this subgraph uses it. */
export class ActionLogementClient {
  constructor(
    private readonly upstream: UpstreamClient,
    /** Where the upstream is read from (`source.illustrative` unless it is the real host). */
    readonly baseUrl: string,
  ) {}

  /** Aid to employers located in these communes. */
  aidsInCommunes(communes: readonly string[], requestId?: string): Promise<ReadResult<HousingAid>> {
    return this.readAll(AIDS_PATH, 'communes', communes, parseAid, requestId);
  }

  /** Aid to these companies' employees. */
  aidsOfCompanies(sirens: readonly string[], requestId?: string): Promise<ReadResult<HousingAid>> {
    return this.readAll(AIDS_PATH, 'sirens', sirens, parseAid, requestId);
  }

  /** Agreements with these intercommunalités. */
  agreementsOfEpcis(sirens: readonly string[], requestId?: string): Promise<ReadResult<HousingAgreement>> {
    return this.readAll(AGREEMENTS_PATH, 'epcis', sirens, parseAgreement, requestId);
  }

  private async readAll<T extends { source: SourceInfo }>(
    path: string,
    filter: string,
    keys: readonly string[],
    parseItem: (raw: unknown, index: number) => Omit<T, 'source'>,
    requestId?: string,
  ): Promise<ReadResult<T>> {
    const {
      items: found,
      retrievedAt,
      stale,
      since,
    } = await readKeyListPages(keys, { perCall: KEYS_PER_CALL, pageSize: MAX_LIMIT }, (list, offset) =>
      this.upstream.request({
        method: 'GET',
        path,
        params: { [filter]: list, limit: MAX_LIMIT, offset },
        requestId,
        parse: (body) => parseResultsPage(body, parseItem),
      }),
    );
    const source = describeSource(DATASET, this.baseUrl, retrievedAt ?? null);
    return { stale, since, source, items: found.map((item) => ({ ...item, source }) as T) };
  }
}

function reader(raw: unknown, index: number): FieldReader {
  if (typeof raw !== 'object' || raw === null) throw new Error(`results[${index}] is not an object`);
  return new FieldReader(raw as Record<string, unknown>, `results[${index}]`);
}

/** One aid of a page, checked field by field. */
export function parseAid(raw: unknown, index: number): Omit<HousingAid, 'source'> {
  const r = reader(raw, index);
  const dispositif = r.text('dispositif');
  const scheme = SCHEMES[dispositif];
  if (!scheme)
    throw new Error(
      `results[${index}].dispositif must be one of ${Object.keys(SCHEMES).join(', ')}; got "${dispositif}"`,
    );
  const siret = r.code('siretEmployeur', SIRET, 'a 14-digit SIRET');
  const employees = r.integer('nombreSalaries');
  if (employees < 1) throw new Error(`results[${index}].nombreSalaries must be ≥ 1; got ${employees}`);
  return {
    id: r.text('id'),
    scheme,
    siret,
    siren: siret.slice(0, 9),
    employerName: r.text('raisonSocialeEmployeur'),
    communeCode: r.code('codeCommune', INSEE_COMMUNE, 'an INSEE commune code'),
    employees,
    amount: r.amount('montantTotal'),
    year: r.integer('annee'),
  };
}

/** One agreement of a page, checked field by field. */
export function parseAgreement(raw: unknown, index: number): Omit<HousingAgreement, 'source'> {
  const r = reader(raw, index);
  const planned = r.integer('logementsPrevus');
  const delivered = r.integer('logementsLivres');
  if (delivered < 0 || delivered > planned)
    throw new Error(
      `results[${index}].logementsLivres must be 0 to logementsPrevus (${planned}); got ${delivered}`,
    );
  return {
    id: r.text('id'),
    epciSiren: r.code('sirenEpci', SIREN, 'a 9-digit SIREN'),
    title: r.text('intitule'),
    plannedHomes: planned,
    deliveredHomes: delivered,
    amount: r.amount('montantEngage'),
    signedOn: r.date('dateSignature'),
  };
}
