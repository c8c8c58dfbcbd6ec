// What the simulated Business France backend serves, built from the shared world and the
// programme's sites clés en main: foreign-investment projects (in world companies, or on a site
// still waiting for its company) and the sites promoted to foreign investors. Field names follow
// the VIE offers backend's camelCase style. Investors and amounts are illustrative.
import { readFileSync } from 'node:fs';
import type { ProgrammeDataset, SiteRecord } from '../../kit/src/reference/programme.js';
import { pick, randomFor, randomInt, type Random } from '../../kit/src/prng.js';
import type { World, WorldCommune, WorldCompany } from '../world.js';

/** A foreign-investment project as the backend returns it. */
export interface ProjectItem {
  id: number;
  projectReference: string;
  projectTitle: string;
  investorName: string;
  investorCountryCode: string;
  investorCountryName: string;
  projectType: 'Création' | 'Extension' | 'Reprise' | 'Centre de R&D';
  activityName: 'Production' | 'Production bas carbone' | 'R&D, ingénierie' | 'Logistique';
  sectorName: string;
  siren: string | null;
  cityName: string;
  cityInseeCode: string;
  departmentCode: string;
  investmentAmount: number;
  jobsCreated: number;
  announcementDate: string;
  siteId: string | null;
}

/** A site clé en main promoted to investors. */
export interface SiteItem {
  id: number;
  siteId: string;
  siteName: string;
  cityInseeCode: string;
  cityName: string;
  departmentCode: string;
  surfaceHectares: number;
  sectors: string[];
  promotionStartDate: string;
  investorLeadsCount: number;
}

const INVESTORS: readonly [string, string, string][] = [
  ['Nordwerk Maschinenbau GmbH', 'DE', 'Allemagne'],
  ['Lombardia Meccanica SpA', 'IT', 'Italie'],
  ['Brabant Foods BV', 'NL', 'Pays-Bas'],
  ['Iberia Renovables SL', 'ES', 'Espagne'],
  ['Helvetia Präzision AG', 'CH', 'Suisse'],
  ['Thames Robotics Ltd', 'GB', 'Royaume-Uni'],
  ['Great Lakes Polymers Inc.', 'US', 'États-Unis'],
  ['Kansai Precision Co., Ltd.', 'JP', 'Japon'],
  ['Hanbit Battery Co.', 'KR', 'Corée du Sud'],
  ['Laurentides Bois Inc.', 'CA', 'Canada'],
  ['Norrland Stål AB', 'SE', 'Suède'],
  ['Vlaanderen Chemicals NV', 'BE', 'Belgique'],
];

const TYPES: readonly ProjectItem['projectType'][] = [
  'Création',
  'Extension',
  'Extension',
  'Reprise',
  'Centre de R&D',
];

/** Builds the projects and promoted sites, in the backend's default order (newest first). */
export function buildBusinessFranceRecords(
  world: World,
  programmeFile: string,
): { projects: ProjectItem[]; sites: SiteItem[] } {
  const programme = JSON.parse(readFileSync(programmeFile, 'utf8')) as ProgrammeDataset;
  const projects: ProjectItem[] = [];
  const sites: SiteItem[] = [];
  for (const company of world.companies) {
    const random = randomFor(`business-france:${company.siren}`);
    if (random() < 0.12) projects.push(companyProject(random, company, projects.length + 1));
  }
  for (const territory of programme.territories) {
    if (!territory.phases.includes(2)) continue;
    for (const site of territory.sites) {
      if (site.applicationStatus !== 'LABELLED') continue;
      const commune = world.communes.get(site.communeCode);
      if (!commune) continue;
      const random = randomFor(`business-france:${site.id}`);
      sites.push(promotedSite(random, site, commune, sites.length + 1));
      if (random() < 0.5) projects.push(siteProject(random, site, commune, projects.length + 1));
    }
  }
  projects.sort((a, b) => b.announcementDate.localeCompare(a.announcementDate) || a.id - b.id);
  sites.sort((a, b) => b.promotionStartDate.localeCompare(a.promotionStartDate) || a.id - b.id);
  return { projects, sites };
}

function companyProject(random: Random, company: WorldCompany, id: number): ProjectItem {
  const [investorName, code, country] = pick(random, INVESTORS);
  const type = pick(random, TYPES);
  const establishment = pick(random, company.establishments);
  const activity: ProjectItem['activityName'] =
    type === 'Centre de R&D'
      ? 'R&D, ingénierie'
      : random() < 0.3
        ? 'Production bas carbone'
        : company.sector.id === 'logistique'
          ? 'Logistique'
          : 'Production';
  const jobsScale = Math.max(10, Math.round(company.headcount / 3));
  return base(random, id, establishment.commune, jobsScale, {
    projectTitle: `${type === 'Reprise' ? 'Reprise' : type === 'Centre de R&D' ? 'Centre de R&D' : type === 'Création' ? 'Nouvelle unité' : 'Extension'} de ${company.name} par ${investorName}`,
    investorName,
    investorCountryCode: code,
    investorCountryName: country,
    projectType: type,
    activityName: activity,
    sectorName: company.sector.label,
    siren: company.siren,
    siteId: null,
  });
}

function siteProject(random: Random, site: SiteRecord, commune: WorldCommune, id: number): ProjectItem {
  const [investorName, code, country] = pick(random, INVESTORS);
  return base(random, id, commune, 150, {
    projectTitle: `Implantation de ${investorName} sur le site clé en main ${site.name}`,
    investorName,
    investorCountryCode: code,
    investorCountryName: country,
    projectType: 'Création',
    activityName: random() < 0.5 ? 'Production bas carbone' : 'Production',
    sectorName: site.sector,
    // The French company is registered once the plant is decided; not yet here.
    siren: null,
    siteId: site.id,
  });
}

type ProjectBasics = Omit<
  ProjectItem,
  | 'id'
  | 'projectReference'
  | 'cityName'
  | 'cityInseeCode'
  | 'departmentCode'
  | 'investmentAmount'
  | 'jobsCreated'
  | 'announcementDate'
>;

function base(
  random: Random,
  id: number,
  commune: WorldCommune,
  jobsScale: number,
  basics: ProjectBasics,
): ProjectItem {
  const year = randomInt(random, 2022, 2025);
  const jobs = randomInt(random, Math.max(5, Math.round(jobsScale / 4)), jobsScale);
  return {
    id,
    projectReference: `BF-${year}-${String(id).padStart(4, '0')}`,
    ...basics,
    cityName: commune.name,
    cityInseeCode: commune.code,
    departmentCode: commune.departmentCode,
    investmentAmount: jobs * randomInt(random, 80, 400) * 1_000,
    jobsCreated: jobs,
    announcementDate: `${year}-${pad(randomInt(random, 1, 12))}-${pad(randomInt(random, 1, 28))}T00:00:00`,
  };
}

function promotedSite(random: Random, site: SiteRecord, commune: WorldCommune, id: number): SiteItem {
  const since = Math.max(site.labelledYear, 2021);
  return {
    id,
    siteId: site.id,
    siteName: site.name,
    cityInseeCode: commune.code,
    cityName: commune.name,
    departmentCode: commune.departmentCode,
    surfaceHectares: site.surfaceHectares,
    sectors: [site.sector, ...(random() < 0.5 ? ['Logistique industrielle'] : [])],
    promotionStartDate: `${since}-${pad(randomInt(random, 1, 12))}-01T00:00:00`,
    investorLeadsCount: randomInt(random, 0, 25),
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
