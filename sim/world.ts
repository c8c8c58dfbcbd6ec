// The one deterministic world every upstream simulator builds its records from: companies with
// real-format SIREN/SIRET, each in a real commune of a phase-2 territory, so the same companies
// get Bpifrance aid, ADEME aid, France Travail offers and VTE offers. Built from the programme
// dataset and the real geography; the same bytes on every run (seeded PRNG, no clock).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeSiren, makeSiret } from '../kit/src/reference/companyIds.js';
import { loadGeography } from '../kit/src/reference/geography.js';
import type { ProgrammeDataset } from '../kit/src/reference/programme.js';
import { digits, pick, randomFor, randomInt, type Random } from '../kit/src/prng.js';
import { FAMILY_NAMES, SECTORS, type Sector } from './worldVocabulary.js';

export type { Sector };

/** A commune of the world, from INSEE's geography. */
export interface WorldCommune {
  code: string;
  name: string;
  departmentCode: string;
  regionCode: string;
  population: number;
  /** Illustrative: INSEE codes are real, postal codes are derived (no postal file in data/geo). */
  postalCode: string;
}

/** A phase-2 territory as the simulators see it (ids and composition from the programme). */
export interface WorldTerritory {
  id: string;
  name: string;
  regionCode: string;
  departmentCodes: readonly string[];
  communeCodes: readonly string[];
  epciSirens: readonly string[];
}

/** One establishment (SIRET) of a company. */
export interface WorldEstablishment {
  siret: string;
  siren: string;
  headOffice: boolean;
  commune: WorldCommune;
}

/** A company of the world. */
export interface WorldCompany {
  siren: string;
  name: string;
  sector: Sector;
  /** Employees, for sizing offers and aid. */
  headcount: number;
  /** The territory it was placed in. */
  territoryId: string;
  /** True for the companies of the programme's binômes élu-industriel. */
  binome: boolean;
  /** Head office first. */
  establishments: readonly WorldEstablishment[];
}

/** The world: territories, communes and companies, with lookups. */
export interface World {
  territories: readonly WorldTerritory[];
  companies: readonly WorldCompany[];
  communes: ReadonlyMap<string, WorldCommune>;
  companyBySiren: ReadonlyMap<string, WorldCompany>;
  establishmentBySiret: ReadonlyMap<string, WorldEstablishment>;
  /** Establishments located in each commune. */
  establishmentsByCommune: ReadonlyMap<string, readonly WorldEstablishment[]>;
  territoryById: ReadonlyMap<string, WorldTerritory>;
}

/** Where the world is read from (defaults: the repo's data folder). */
export interface WorldSource {
  programmeFile?: string;
  geoDir?: string;
}

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const cache = new Map<string, World>();

/** Builds (once per source, then shared in-process) the deterministic world. */
export function loadWorld(source: WorldSource = {}): World {
  const programmeFile = source.programmeFile ?? `${REPO_ROOT}data/programme/programme.json`;
  const geoDir = source.geoDir ?? `${REPO_ROOT}data/geo`;
  const key = `${programmeFile}|${geoDir}`;
  let world = cache.get(key);
  if (!world) {
    world = buildWorld(programmeFile, geoDir);
    cache.set(key, world);
  }
  return world;
}

function buildWorld(programmeFile: string, geoDir: string): World {
  const programme = JSON.parse(readFileSync(programmeFile, 'utf8')) as ProgrammeDataset;
  const geography = loadGeography(geoDir);
  const communes = new Map<string, WorldCommune>();
  const territories: WorldTerritory[] = [];
  for (const record of programme.territories) {
    if (!record.phases.includes(2)) continue;
    territories.push({
      id: record.id,
      name: record.name,
      regionCode: record.regionCode,
      departmentCodes: record.departmentCodes,
      communeCodes: record.communeCodes,
      epciSirens: record.epciSirens,
    });
    for (const code of record.communeCodes) {
      const commune = geography.communes.get(code);
      if (!commune || communes.has(code)) continue;
      communes.set(code, {
        code,
        name: commune.name,
        departmentCode: commune.departmentCode,
        regionCode: commune.regionCode,
        population: commune.population,
        postalCode: postalCodeOf(code, commune.departmentCode),
      });
    }
  }

  const companies: WorldCompany[] = [];
  const used = new Set<string>();
  for (const territory of territories) {
    const random = randomFor(`world:${territory.id}`);
    const places = territory.communeCodes.map((code) => communes.get(code)).filter((c) => c !== undefined);
    if (places.length === 0) continue;
    const record = programme.territories.find((t) => t.id === territory.id);
    for (const binome of record?.binomes ?? []) {
      if (used.has(binome.companySiren)) continue;
      used.add(binome.companySiren);
      companies.push(makeCompany(random, territory, places, binome.companySiren, binome.companyName, true));
    }
    const count = Math.min(14, 5 + Math.round(places.length / 12));
    for (let i = 0; i < count; i++) {
      const siren = freshSiren(random, used);
      companies.push(makeCompany(random, territory, places, siren, undefined, false));
    }
  }

  const companyBySiren = new Map(companies.map((c) => [c.siren, c]));
  const establishmentBySiret = new Map<string, WorldEstablishment>();
  const establishmentsByCommune = new Map<string, WorldEstablishment[]>();
  for (const company of companies) {
    for (const establishment of company.establishments) {
      establishmentBySiret.set(establishment.siret, establishment);
      const list = establishmentsByCommune.get(establishment.commune.code) ?? [];
      list.push(establishment);
      establishmentsByCommune.set(establishment.commune.code, list);
    }
  }
  return {
    territories,
    companies,
    communes,
    companyBySiren,
    establishmentBySiret,
    establishmentsByCommune,
    territoryById: new Map(territories.map((t) => [t.id, t])),
  };
}

function makeCompany(
  random: Random,
  territory: WorldTerritory,
  places: WorldCommune[],
  siren: string,
  givenName: string | undefined,
  binome: boolean,
): WorldCompany {
  const sector = pickSector(random, territory);
  // Binôme companies sit in the territory's largest commune; others where people live.
  const home = binome ? largest(places) : byPopulation(random, places);
  const name = givenName ?? companyName(random, sector, home);
  const establishments: WorldEstablishment[] = [
    { siren, siret: makeSiret(siren, '0001'), headOffice: true, commune: home },
  ];
  if (random() < 0.3 && places.length > 1) {
    const second = byPopulation(
      random,
      places.filter((p) => p !== home),
    );
    establishments.push({
      siren,
      siret: makeSiret(siren, `00${randomInt(random, 10, 99)}`),
      headOffice: false,
      commune: second,
    });
  }
  return {
    siren,
    name,
    sector,
    headcount: randomInt(random, 8, 420),
    territoryId: territory.id,
    binome,
    establishments,
  };
}

function pickSector(random: Random, territory: WorldTerritory): Sector {
  // The Marne makes champagne: give its territories a fair share of wine houses.
  if (territory.departmentCodes[0] === '51' && random() < 0.3) return SECTORS.find((s) => s.id === 'vins')!;
  return pick(
    random,
    SECTORS.filter((s) => s.id !== 'vins'),
  );
}

function companyName(random: Random, sector: Sector, commune: WorldCommune): string {
  return pick(random, sector.namePatterns)
    .replace('{N}', pick(random, FAMILY_NAMES))
    .replace('{C}', commune.name);
}

function largest(places: WorldCommune[]): WorldCommune {
  return places.reduce((a, b) => (b.population > a.population ? b : a));
}

/** A commune drawn with probability proportional to its population (at least 1). */
function byPopulation(random: Random, places: WorldCommune[]): WorldCommune {
  const total = places.reduce((sum, p) => sum + Math.max(1, p.population), 0);
  let draw = random() * total;
  for (const place of places) {
    draw -= Math.max(1, place.population);
    if (draw < 0) return place;
  }
  return places[places.length - 1]!;
}

function freshSiren(random: Random, used: Set<string>): string {
  for (;;) {
    // First digit 3–9 like most registered companies; never La Poste's 356000000.
    const siren = makeSiren(`${randomInt(random, 3, 9)}${digits(random, 7)}`);
    if (!used.has(siren) && siren !== '356000000') {
      used.add(siren);
      return siren;
    }
  }
}

function postalCodeOf(inseeCode: string, departmentCode: string): string {
  // Corsica's INSEE codes start 2A/2B, its postal codes 20.
  return /^2[AB]$/.test(departmentCode) ? `20${inseeCode.slice(2)}` : inseeCode;
}
