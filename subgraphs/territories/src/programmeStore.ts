// The territories subgraph's data source: the programme dataset (generated, or the real ANCT
// files) laid over the real geography, with the indexes the resolvers need. Loaded once at start.
import { readFileSync } from 'node:fs';
import { loadAnctFiles } from './anctFiles.js';
import { loadGeography } from '../../../kit/src/reference/geography.js';
import {
  PHASE1_AXES,
  PHASE2_AXES,
  type ActionSheetRecord,
  type Axis,
  type Geography,
  type Phase,
  type ProgrammeDataset,
  type TerritoryRecord,
} from '../../../kit/src/reference/programme.js';

/** Count, share and budget of one axis. */
export interface AxisShare {
  axis: Axis;
  count: number;
  share: number;
  percent: number;
  budget: number;
}

/** Which territories count as a department's (see `TerritoryAttachment` in the schema). */
export type Attachment = 'ANY_COMMUNE' | 'MAJORITY_OF_COMMUNES' | 'MAJORITY_OF_POPULATION' | 'ENTIRELY';

/** How much of a territory lies in a department. */
export interface TerritoryReach {
  territory: TerritoryRecord;
  communesInDepartment: number;
  communeCount: number;
  populationInDepartment: number;
  population: number;
  entirely: boolean;
  majorityOfCommunes: boolean;
  majorityOfPopulation: boolean;
}

/** Programme figures over a set of territories. */
export interface ProgrammeStatistics {
  phase: Phase;
  territoryCount: number;
  territoriesEntirelyWithin: number;
  territoriesWithMajorityOfCommunesWithin: number;
  territoriesWithMajorityOfPopulationWithin: number;
  regionCount: number;
  binomeCount: number;
  actionSheetCount: number;
  byAxis: AxisShare[];
  totalBudget: number;
  siteCount: number;
  communeCount: number;
  population: number;
}

/** Where the store reads from. */
export interface StoreSource {
  geoDir: string;
  /** The programme JSON (ANCT's real list plus generated details); ignored when `anctDir` is set. */
  programmeFile: string;
  /** A folder holding the real ANCT files (`liste-ti-grpt2023-*.csv`, `liste-ti-com2023-*.csv`). */
  anctDir?: string;
}

/** In-memory programme data with lookups by id, commune, EPCI, department and region. */
export class ProgrammeStore {
  readonly territories: readonly TerritoryRecord[];
  private readonly byId = new Map<string, TerritoryRecord>();
  private readonly byCommune = new Map<string, TerritoryRecord[]>();
  private readonly byEpci = new Map<string, TerritoryRecord[]>();
  private readonly byDepartment = new Map<string, TerritoryRecord[]>();
  private readonly bySiren = new Map<string, { territory: TerritoryRecord; binomeIndex: number }[]>();

  constructor(
    readonly geography: Geography,
    dataset: ProgrammeDataset,
  ) {
    this.territories = [...dataset.territories].sort((a, b) => a.id.localeCompare(b.id));
    for (const territory of this.territories) {
      this.byId.set(territory.id, territory);
      for (const code of territory.communeCodes) push(this.byCommune, code, territory);
      for (const siren of territory.epciSirens) push(this.byEpci, siren, territory);
      for (const code of territory.departmentCodes) push(this.byDepartment, code, territory);
      territory.binomes.forEach((binome, binomeIndex) =>
        push(this.bySiren, binome.companySiren, { territory, binomeIndex }),
      );
    }
  }

  /** Loads geography and the programme from disk; errors name the file and the reason. */
  static load(source: StoreSource): ProgrammeStore {
    const geography = loadGeography(source.geoDir);
    const dataset = source.anctDir
      ? loadAnctFiles(source.anctDir, geography)
      : readProgramme(source.programmeFile);
    return new ProgrammeStore(geography, dataset);
  }

  territory(id: string): TerritoryRecord | undefined {
    return this.byId.get(id);
  }

  territoriesOfCommune(code: string): TerritoryRecord[] {
    return this.byCommune.get(code) ?? [];
  }

  territoriesOfEpci(siren: string, phase?: Phase): TerritoryRecord[] {
    return inPhase(this.byEpci.get(siren) ?? [], phase);
  }

  /** Territories of a phase attached to a department by `attachment` (default: any commune in it). */
  territoriesOfDepartment(
    code: string,
    phase?: Phase,
    attachment: Attachment = 'ANY_COMMUNE',
  ): TerritoryRecord[] {
    const reaching = inPhase(this.byDepartment.get(code) ?? [], phase);
    return attachment === 'ANY_COMMUNE'
      ? reaching
      : reaching.filter((t) => attached(this.reach(t, code), attachment));
  }

  /** How much of `territory` lies in department `code`. */
  reach(territory: TerritoryRecord, code: string): TerritoryReach {
    let communesInDepartment = 0;
    let populationInDepartment = 0;
    let population = 0;
    for (const communeCode of territory.communeCodes) {
      const commune = this.geography.communes.get(communeCode);
      if (!commune) continue;
      population += commune.population;
      if (commune.departmentCode === code) {
        communesInDepartment++;
        populationInDepartment += commune.population;
      }
    }
    const communeCount = territory.communeCodes.length;
    return {
      territory,
      communesInDepartment,
      communeCount,
      populationInDepartment,
      population,
      entirely: territory.communesComplete && communeCount > 0 && communesInDepartment === communeCount,
      majorityOfCommunes: communesInDepartment * 2 > communeCount,
      majorityOfPopulation: populationInDepartment * 2 > population,
    };
  }

  territoriesOfRegion(code: string, phase?: Phase): TerritoryRecord[] {
    return inPhase(
      this.territories.filter((t) => t.regionCode === code),
      phase,
    );
  }

  territoriesInPhase(phase?: Phase): TerritoryRecord[] {
    return inPhase(this.territories, phase);
  }

  /** Binômes whose industrialist's company has this SIREN. */
  binomesOfCompany(siren: string): { territory: TerritoryRecord; binomeIndex: number }[] {
    return this.bySiren.get(siren) ?? [];
  }

  /** Municipal population of a territory. */
  population(territory: TerritoryRecord): number {
    return territory.communeCodes.reduce(
      (sum, code) => sum + (this.geography.communes.get(code)?.population ?? 0),
      0,
    );
  }

  /** Figures over `territories`; `departmentCode` makes "entirely within" mean within that department. */
  statistics(
    territories: readonly TerritoryRecord[],
    phase: Phase,
    departmentCode?: string,
  ): ProgrammeStatistics {
    const sheets = territories.flatMap((t) => t.actionSheets.filter((s) => s.phase === phase));
    const communes = new Set(territories.flatMap((t) => t.communeCodes));
    let population = 0;
    for (const code of communes) population += this.geography.communes.get(code)?.population ?? 0;
    const count = (rule: Attachment): number =>
      departmentCode
        ? territories.filter((t) => attached(this.reach(t, departmentCode), rule)).length
        : territories.length;
    return {
      phase,
      territoryCount: territories.length,
      territoriesEntirelyWithin: count('ENTIRELY'),
      territoriesWithMajorityOfCommunesWithin: count('MAJORITY_OF_COMMUNES'),
      territoriesWithMajorityOfPopulationWithin: count('MAJORITY_OF_POPULATION'),
      regionCount: new Set(territories.map((t) => t.regionCode)).size,
      binomeCount: territories.reduce((sum, t) => sum + t.binomes.length, 0),
      actionSheetCount: sheets.length,
      byAxis: axisShares(sheets, phase),
      totalBudget: sheets.reduce((sum, s) => sum + s.budgetEuros, 0),
      siteCount: territories.reduce(
        (sum, t) => sum + t.sites.filter((s) => s.applicationStatus === 'LABELLED').length,
        0,
      ),
      communeCount: communes.size,
      population,
    };
  }
}

/** Counts and shares of a phase's sheets on each of its axes, in the programme's order. */
export function axisShares(sheets: readonly ActionSheetRecord[], phase: Phase): AxisShare[] {
  const axes = phase === 1 ? PHASE1_AXES : PHASE2_AXES;
  const total = sheets.length;
  return axes.map((axis) => {
    const onAxis = sheets.filter((s) => s.axis === axis);
    const share = total === 0 ? 0 : onAxis.length / total;
    return {
      axis,
      count: onAxis.length,
      share,
      percent: Math.round(share * 1000) / 10,
      budget: onAxis.reduce((sum, s) => sum + s.budgetEuros, 0),
    };
  });
}

function readProgramme(path: string): ProgrammeDataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read programme dataset ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  try {
    const dataset = JSON.parse(text) as ProgrammeDataset;
    if (!Array.isArray(dataset.territories)) throw new Error('no "territories" array');
    return dataset;
  } catch (error) {
    throw new Error(`programme dataset ${path} is not valid: ${(error as Error).message}`);
  }
}

/** Whether a territory's reach into a department satisfies the rule. */
export function attached(reach: TerritoryReach, rule: Attachment): boolean {
  switch (rule) {
    case 'ANY_COMMUNE':
      return reach.communesInDepartment > 0;
    case 'MAJORITY_OF_COMMUNES':
      return reach.majorityOfCommunes;
    case 'MAJORITY_OF_POPULATION':
      return reach.majorityOfPopulation;
    case 'ENTIRELY':
      return reach.entirely;
    default:
      throw new Error(`unknown attachment rule ${String(rule satisfies never)}`);
  }
}

function inPhase(territories: readonly TerritoryRecord[], phase?: Phase): TerritoryRecord[] {
  return phase === undefined ? [...territories] : territories.filter((t) => t.phases.includes(phase));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
