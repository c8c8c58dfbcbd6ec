// The only code of this subgraph that talks to its upstream: the Business France backend, whose
// search protocol is modelled on its VIE offers API (Business France publishes no public API).
// Items are checked field by field; anything off is an UPSTREAM_BAD_RESPONSE naming the operator.
import { INSEE_COMMUNE, SIREN } from '../../../kit/src/reference/companyIds.js';
import { FieldReader } from '../../../kit/src/upstream/fieldReader.js';
import type { VieSearchClient, VieSearchResult } from '../../../kit/src/upstream/vieSearchClient.js';

export const PROJECTS_PATH = '/api/Projects/search';
export const SITES_PATH = '/api/Sites/search';

export type InvestmentKind = 'CREATION' | 'EXTENSION' | 'TAKEOVER' | 'RESEARCH_CENTRE';
export type Activity = 'Production' | 'Production bas carbone' | 'R&D, ingénierie' | 'Logistique';

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
  constructor(private readonly search: VieSearchClient) {}

  /** Every project located in the communes. */
  projectsInCommunes(
    communeCodes: readonly string[],
    requestId?: string,
  ): Promise<VieSearchResult<ProjectRecord>> {
    return this.search.allIn(
      PROJECTS_PATH,
      { field: 'communesIds', values: communeCodes },
      {},
      parseProject,
      requestId,
    );
  }

  /** Every project carried by the companies. */
  projectsOfCompanies(
    sirens: readonly string[],
    requestId?: string,
  ): Promise<VieSearchResult<ProjectRecord>> {
    return this.search.allIn(PROJECTS_PATH, { field: 'sirens', values: sirens }, {}, parseProject, requestId);
  }

  /** Every promoted site in the communes. */
  sitesInCommunes(
    communeCodes: readonly string[],
    requestId?: string,
  ): Promise<VieSearchResult<PromotedSiteRecord>> {
    return this.search.allIn(
      SITES_PATH,
      { field: 'communesIds', values: communeCodes },
      {},
      parseSite,
      requestId,
    );
  }
}

function parseProject(raw: Record<string, unknown>, index: number): ProjectRecord {
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

function parseSite(raw: Record<string, unknown>, index: number): PromotedSiteRecord {
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
