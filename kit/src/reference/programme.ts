// The shape of the programme dataset (data/programme/programme.json) and of the geography it
// stands on. The generator (tools/programme/generateProgramme.ts) writes it; the territories
// subgraph's ANCT file loader produces the same shape from the real published CSV files; the
// simulators build their world from it.

/** The four axes of phase 1 (2018-2022) and the four priorities of phase 2 (2023-2027). */
export type Axis =
  | 'ATTIRER'
  | 'RECRUTER'
  | 'INNOVER'
  | 'SIMPLIFIER'
  | 'COMPETENCES'
  | 'FONCIER'
  | 'INNOVATION'
  | 'TRANSITION_ECOLOGIQUE';

export const PHASE1_AXES: readonly Axis[] = ['ATTIRER', 'RECRUTER', 'INNOVER', 'SIMPLIFIER'];
export const PHASE2_AXES: readonly Axis[] = ['COMPETENCES', 'FONCIER', 'INNOVATION', 'TRANSITION_ECOLOGIQUE'];

export type Phase = 1 | 2;

export type ActionStatus = 'UNDER_REVIEW' | 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'ABANDONED';
export type SiteApplicationStatus = 'UNDER_REVIEW' | 'LABELLED';
export type MissionStatus = 'PLANNED' | 'IN_PROGRESS' | 'DONE';

export interface ActionSheetRecord {
  /** e.g. `ti-4405-fa-03` */
  id: string;
  phase: Phase;
  axis: Axis;
  title: string;
  status: ActionStatus;
  /** Total budget in whole euros. */
  budgetEuros: number;
  /** Who carries the action (an EPCI, a company, a consular chamber…). */
  carrier: string;
  startYear: number;
}

export interface BinomeRecord {
  id: string;
  electedName: string;
  /** e.g. "Président de la CA de Châlons-en-Champagne" */
  electedMandate: string;
  industrialistName: string;
  companyName: string;
  /** 9-digit SIREN with a valid Luhn checksum. */
  companySiren: string;
  /** Personal contact details: restricted data. */
  email: string;
  phone: string;
}

export interface CofinancingYear {
  year: number;
  /** The State's share in euros: at most `stateCapEuros`. */
  stateEuros: number;
  /** 30,000 or 40,000 euros. */
  stateCapEuros: number;
  /** The territory's share in euros: at least 30 % of the total. */
  territoryEuros: number;
}

export interface ProjectLeadRecord {
  name: string;
  employer: string;
  email: string;
  phone: string;
  since: string; // ISO date
  cofinancing: CofinancingYear[];
}

export interface SiteRecord {
  id: string;
  name: string;
  communeCode: string;
  /** Year labelled "site clé en main" (France 2030). */
  labelledYear: number;
  surfaceHectares: number;
  sector: string;
  applicationStatus: SiteApplicationStatus;
  illustrative: boolean;
}

export interface MissionRecord {
  id: string;
  title: string;
  provider: string;
  year: number;
  totalEuros: number;
  anctCofinancingEuros: number;
  status: MissionStatus;
}

export interface TerritoryRecord {
  /** ANCT form `ti-NNNN`: region code then a two-digit rank. */
  id: string;
  name: string;
  phases: Phase[];
  /** 2018 for a phase-1 territory, 2023 for a new phase-2 one. */
  labelledYear: number;
  regionCode: string;
  /** Departments holding at least one commune, the main one first. */
  departmentCodes: string[];
  epciSirens: string[];
  /** INSEE codes of every commune of the territory. */
  communeCodes: string[];
  /** True when the territory (or its details) is not from an official list. */
  illustrative: boolean;
  binomes: BinomeRecord[];
  projectLead: ProjectLeadRecord | null;
  actionSheets: ActionSheetRecord[];
  sites: SiteRecord[];
  missions: MissionRecord[];
}

export interface ProgrammeDataset {
  /** Where the figures come from and which are illustrative. */
  provenance: string;
  territories: TerritoryRecord[];
}

export interface RegionRecord {
  code: string;
  name: string;
  capitalCommune: string;
}
export interface DepartmentRecord {
  code: string;
  regionCode: string;
  name: string;
  capitalCommune: string;
}
export interface EpciRecord {
  siren: string;
  name: string;
  /** CC, CA, CU or METRO */
  legalNature: string;
  population: number;
  communeCodes: string[];
}
export interface CommuneRecord {
  code: string;
  name: string;
  departmentCode: string;
  regionCode: string;
  population: number;
  epciSiren: string | null;
}
export interface Geography {
  regions: Map<string, RegionRecord>;
  departments: Map<string, DepartmentRecord>;
  epcis: Map<string, EpciRecord>;
  communes: Map<string, CommuneRecord>;
}
