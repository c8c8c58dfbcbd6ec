// The only code of this subgraph that talks to its upstream: the Business France backend, whose
// search protocol is modelled on its VIE offers API (Business France publishes no public API): the
// recorded request body (kit/test/fixtures/real/businessfrance_vie_offers_search_request_and_fields.json)
// built by the shared VIE-search client, territories asking by `geographicZones` (INSEE commune
// codes in this modelled backend) and companies by `entreprisesIds` (SIRENs). The project and site
// fields have no recorded counterpart (sim/business-france/README.md). Items are checked field by
// field; anything off is an UPSTREAM_BAD_RESPONSE naming the operator. Every record carries its
// `source`, illustrative whatever the configured URL: there is no real backend to read.
import { describeSource, type DatasetDescription, type SourceInfo } from '../../../kit/src/provenance.js';
import { INSEE_COMMUNE, SIREN } from '../../../kit/src/reference/companyIds.js';
import { FieldReader } from '../../../kit/src/upstream/fieldReader.js';
import type { VieSearchClient, VieSearchResult } from '../../../kit/src/upstream/vieSearchClient.js';

export const PROJECTS_PATH = '/api/Projects/search';
export const SITES_PATH = '/api/Sites/search';
/** Largest page the Business France search accepts. */
export const MAX_LIMIT = 100;

export type InvestmentKind = 'CREATION' | 'EXTENSION' | 'TAKEOVER' | 'RESEARCH_CENTRE';
export type Activity = 'Production' | 'Production bas carbone' | 'R&D, ingénierie' | 'Logistique';

/** What this subgraph reads, as `Source` describes it. No real base URL: always illustrative. */
export const BUSINESS_FRANCE_DATASETS: Record<'backend' | 'projects' | 'sites', DatasetDescription> = {
  backend: {
    publisher: 'Business France',
    dataset:
      'Investissements étrangers et sites clés en main promus (no public API; modelled on the VIE offers search)',
    url: 'https://www.businessfrance.fr',
    realBaseUrl: '',
  },
  projects: {
    publisher: 'Business France',
    dataset: 'Projets d’investissement étranger accompagnés (no public API; modelled)',
    url: 'https://www.businessfrance.fr',
    realBaseUrl: '',
  },
  sites: {
    publisher: 'Business France',
    dataset: 'Sites clés en main promus aux investisseurs (no public API; modelled)',
    url: 'https://www.businessfrance.fr',
    realBaseUrl: '',
  },
};

/** A foreign-investment project. */
export interface ProjectRecord {
  id: string;
  title: string;
  investorName: string;
  investorCountry: string;
  kind: InvestmentKind;
  activity: Activity;
  sector: string;
  siren: string | null;
  communeCode: string;
  investment: number;
  jobs: number;
  announcedOn: string;
  siteId: string | null;
  source: SourceInfo;
}

/** A site clé en main promoted to investors. */
export interface PromotedSiteRecord {
  siteId: string;
  name: string;
  communeCode: string;
  surfaceHectares: number;
  sectors: string[];
  promotedSince: string;
  investorLeads: number;
  source: SourceInfo;
}

const KINDS: Record<string, InvestmentKind> = {
  Création: 'CREATION',
  Extension: 'EXTENSION',
  Reprise: 'TAKEOVER',
  'Centre de R&D': 'RESEARCH_CENTRE',
};
const ACTIVITIES: readonly Activity[] = [
  'Production',
  'Production bas carbone',
  'R&D, ingénierie',
  'Logistique',
];

/** Reads Business France projects and promoted sites, by commune or by company. */
export class BusinessFranceClient {
  /** @param baseUrl the configured backend URL, for `source.illustrative`. */
  constructor(
    private readonly search: VieSearchClient,
    private readonly baseUrl: string,
  ) {}

  /** Where a kind of record comes from, read at `retrievedAt`. */
  source(kind: keyof typeof BUSINESS_FRANCE_DATASETS, retrievedAt: string | null): SourceInfo {
    return describeSource(BUSINESS_FRANCE_DATASETS[kind], this.baseUrl, retrievedAt);
  }

  /** Every project located in the communes. */
  projectsInCommunes(
    communeCodes: readonly string[],
    requestId?: string,
  ): Promise<VieSearchResult<ProjectRecord>> {
    return this.read(PROJECTS_PATH, 'projects', 'geographicZones', communeCodes, parseProject, requestId);
  }

  /** Every project carried by the companies. */
  projectsOfCompanies(
    sirens: readonly string[],
    requestId?: string,
  ): Promise<VieSearchResult<ProjectRecord>> {
    return this.read(PROJECTS_PATH, 'projects', 'entreprisesIds', sirens, parseProject, requestId);
  }

  /** Every promoted site in the communes. */
  sitesInCommunes(
    communeCodes: readonly string[],
    requestId?: string,
  ): Promise<VieSearchResult<PromotedSiteRecord>> {
    return this.read(SITES_PATH, 'sites', 'geographicZones', communeCodes, parseSite, requestId);
  }

  private async read<R extends { source: SourceInfo }>(
    path: string,
    kind: 'projects' | 'sites',
    field: 'geographicZones' | 'entreprisesIds',
    values: readonly string[],
    parse: (raw: Record<string, unknown>, index: number) => Omit<R, 'source'>,
    requestId?: string,
  ): Promise<VieSearchResult<R>> {
    const found = await this.search.allIn(path, { field, values }, {}, parse, requestId);
    const source = this.source(kind, found.retrievedAt);
    return { ...found, items: found.items.map((item) => ({ ...item, source }) as R) };
  }
}

export function parseProject(raw: Record<string, unknown>, index: number): Omit<ProjectRecord, 'source'> {
  const r = new FieldReader(raw, `project ${index}`);
  return {
    id: r.text('projectReference'),
    title: r.text('projectTitle'),
    investorName: r.text('investorName'),
    investorCountry: r.code('investorCountryCode', /^[A-Z]{2}$/, 'an ISO 3166 country code'),
    kind: KINDS[r.oneOf('projectType', Object.keys(KINDS))]!,
    activity: r.oneOf('activityName', ACTIVITIES),
    sector: r.text('sectorName'),
    siren: r.optionalCode('siren', SIREN, 'a 9-digit SIREN'),
    communeCode: r.code('cityInseeCode', INSEE_COMMUNE, 'an INSEE commune code'),
    investment: r.amount('investmentAmount'),
    jobs: r.integer('jobsCreated'),
    announcedOn: r.date('announcementDate'),
    siteId: r.optionalText('siteId') ?? null,
  };
}

export function parseSite(raw: Record<string, unknown>, index: number): Omit<PromotedSiteRecord, 'source'> {
  const r = new FieldReader(raw, `site ${index}`);
  return {
    siteId: r.text('siteId'),
    name: r.text('siteName'),
    communeCode: r.code('cityInseeCode', INSEE_COMMUNE, 'an INSEE commune code'),
    surfaceHectares: r.amount('surfaceHectares'),
    sectors: r.textList('sectors'),
    promotedSince: r.date('promotionStartDate'),
    investorLeads: r.integer('investorLeadsCount'),
  };
}
