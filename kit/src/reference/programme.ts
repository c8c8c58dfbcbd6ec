// The shape of the programme dataset (data/programme/programme.json) and of the geography it
// stands on. The generator (tools/programme/generateProgramme.ts) writes it from ANCT's real list
// of the 183 territories (data/anct/) and the real geography (data/geo/), adding what ANCT does
// not publish (binômes, action sheets, project leads, missions, most sites) as illustrative
// records; the territories subgraph's raw ANCT CSV loader produces the same shape from the
// published CSV files; the simulators build their world from it.

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

/**
 * The two kinds of engineering mission of the ANCT offer (seed deck, "Offre complète
 * d'ingénierie"): short missions of a few weeks to a few months, and complex projects.
 */
export type MissionKind = 'SHORT_MISSION' | 'COMPLEX_PROJECT';

export interface MissionRecord {
  id: string;
  kind: MissionKind;
  title: string;
  provider: string;
  year: number;
  totalEuros: number;
  anctCofinancingEuros: number;
  status: MissionStatus;
}

/**
 * How a groupement of ANCT's list is known: an EPCI of the DGCL BANATIC file, a single commune
 * (SIREN starting `21`, resolved through BANATIC's `siren_membre`), or a groupement the shipped
 * BANATIC file does not describe (the établissements publics territoriaux of the Métropole du
 * Grand Paris, `EPT …`), whose communes are therefore unknown here.
 */
export type GroupementKind = 'EPCI' | 'COMMUNE' | 'EPT';

/** One member groupement of a territory, as ANCT lists it (`lib_groupement (siren_groupement)`). */
export interface GroupementRecord {
  siren: string;
  /** ANCT's label, verbatim but trimmed. */
  name: string;
  kind: GroupementKind;
  /** False when the shipped BANATIC file does not list this groupement's communes. */
  communesKnown: boolean;
  /** INSEE codes of its communes (empty when `communesKnown` is false). */
  communeCodes: string[];
}

export interface TerritoryRecord {
  /**
   * ANCT id `ti-NNNN` (region code then a two-digit rank) for the 183 real territories of
   * 2023-2027; `ti2018-RR-NN` for the illustrative phase-1-only territories, a namespace ANCT
   * does not use so that no generated id can be taken for a real one.
   */
  id: string;
  name: string;
  phases: Phase[];
  /** 2018 for a phase-1 territory, 2023 for a new phase-2 one. */
  labelledYear: number;
  /**
   * True when `phases` and `labelledYear` are generated: ANCT's 2018-2022 list is not shipped,
   * so whether a 2023 territory was already labelled in 2018 is illustrative.
   */
  phasesIllustrative: boolean;
  /** The steering region: the region code in the ANCT id (checked to hold some of its communes). */
  regionCode: string;
  /** Departments holding at least one commune, the main one first. */
  departmentCodes: string[];
  /** SIRENs of its groupements that are EPCIs of the BANATIC file. */
  epciSirens: string[];
  /** Every groupement ANCT lists for the territory, EPCIs, single communes and EPTs alike. */
  groupements: GroupementRecord[];
  /** INSEE codes of every commune of the territory known to the geography. */
  communeCodes: string[];
  /** False when some groupement's communes are unknown (an EPT): `communeCodes` is then partial. */
  communesComplete: boolean;
  /**
   * False for the 183 territories of ANCT's list (id, label, groupements and communes are real);
   * true for the generated phase-1-only territories. Binômes, sheets, leads and missions are
   * always illustrative; sites carry their own flag.
   */
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
  /** INSEE code of a commune by the commune's own SIREN (BANATIC `siren_membre` -> `insee`). */
  communeBySiren: Map<string, string>;
}
