// Builds the illustrative programme dataset on top of the real geography. The official ANCT list
// could not be obtained offline, so the territory list is generated, but it reproduces the
// programme's published figures (DESIGN.md) and keeps the few territories we know for real.
// Everything is drawn from one seeded PRNG so the output is identical on every run.
import { pick, randomInt, seededRandom, shuffle } from '../../kit/src/prng.ts';
import { makeSiren } from '../../kit/src/reference/companyIds.ts';
import { departmentsByPopulation } from '../../kit/src/reference/geography.ts';
import {
  PHASE1_AXES,
  PHASE2_AXES,
  type ActionSheetRecord,
  type ActionStatus,
  type Axis,
  type BinomeRecord,
  type CommuneRecord,
  type EpciRecord,
  type Geography,
  type MissionRecord,
  type MissionStatus,
  type Phase,
  type ProgrammeDataset,
  type ProjectLeadRecord,
  type SiteRecord,
  type TerritoryRecord,
} from '../../kit/src/reference/programme.ts';
import {
  FIRST_NAMES,
  LAST_NAMES,
  COMPANY_STEMS,
  COMPANY_ENDINGS,
  COMPANY_FORMS,
  SECTORS,
  SITE_KINDS,
  TITLES,
  MISSIONS,
  MISSION_PROVIDERS,
  NAME_PREFIXES,
} from './vocabulary.ts';

// ---------------------------------------------------------------------------------------------
// Randomness

interface Rng {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
}

const SEED = 20231183;

/** The generator's view of the repo's one PRNG; the same seed gives the same dataset. */
function makeRng(seed: number): Rng {
  const random = seededRandom(seed);
  return {
    float: random,
    int: (min, max) => randomInt(random, min, max),
    pick: (items) => pick(random, items),
    shuffle: (items) => shuffle(random, items),
  };
}

// ---------------------------------------------------------------------------------------------
// The programme's published figures (DESIGN.md) and the territories we know for real

/** Phase-2 territories per region, how many of them were renewed from 2018, and phase-1-only ones. */
const REGION_PLAN: readonly { region: string; phase2: number; renewed: number; phase1Only: number }[] = [
  { region: '84', phase2: 26, renewed: 20, phase1Only: 2 },
  { region: '44', phase2: 21, renewed: 13, phase1Only: 2 },
  { region: '32', phase2: 18, renewed: 14, phase1Only: 1 },
  { region: '75', phase2: 20, renewed: 15, phase1Only: 2 },
  { region: '76', phase2: 15, renewed: 11, phase1Only: 1 },
  { region: '28', phase2: 14, renewed: 11, phase1Only: 1 },
  { region: '27', phase2: 16, renewed: 12, phase1Only: 1 },
  { region: '52', phase2: 13, renewed: 10, phase1Only: 1 },
  { region: '53', phase2: 10, renewed: 8, phase1Only: 1 },
  { region: '24', phase2: 11, renewed: 8, phase1Only: 1 },
  { region: '11', phase2: 5, renewed: 4, phase1Only: 0 },
  { region: '93', phase2: 8, renewed: 6, phase1Only: 1 },
  { region: '94', phase2: 1, renewed: 1, phase1Only: 0 },
  { region: '01', phase2: 1, renewed: 1, phase1Only: 0 },
  { region: '02', phase2: 1, renewed: 1, phase1Only: 0 },
  { region: '03', phase2: 1, renewed: 0, phase1Only: 0 },
  { region: '04', phase2: 1, renewed: 1, phase1Only: 0 },
  { region: '06', phase2: 1, renewed: 0, phase1Only: 0 },
];

const PHASE1_SHEETS_TOTAL = 1800;
const LABELLED_SITES_TOTAL = 50;
const MARNE = '51';
/** Marne: 14 binômes and 39 actions, 35 % compétences, 24 % foncier, 15 % innovation, 26 % TE. */
const MARNE_BINOMES = [3, 3, 3, 3, 2];
const MARNE_SHEETS = [9, 8, 8, 7, 7];
const MARNE_AXES: Record<string, number> = {
  COMPETENCES: 14,
  FONCIER: 9,
  INNOVATION: 6,
  TRANSITION_ECOLOGIQUE: 10,
};

interface FixedTerritory {
  id: string;
  /** Absent: named like the generated ones. */
  name?: string;
  phases: Phase[];
  epciSirens: string[];
  illustrative: boolean;
  sites?: Omit<SiteRecord, 'id'>[];
}

const RENEWED: Phase[] = [1, 2];
const NEW_2023: Phase[] = [2];

const FIXED: readonly FixedTerritory[] = [
  {
    id: 'ti-4403',
    name: 'Bazancourt-Pomacle',
    phases: RENEWED,
    epciSirens: ['200067213'],
    illustrative: false,
    sites: [
      {
        name: 'Pomacle-Bazancourt',
        communeCode: '51439',
        labelledYear: 2024,
        surfaceHectares: 40,
        sector: 'Bioéconomie',
        applicationStatus: 'LABELLED',
        illustrative: false,
      },
    ],
  },
  {
    id: 'ti-4405',
    name: 'Pays de Châlons',
    phases: NEW_2023,
    epciSirens: ['200066876', '200042620', '200043438'],
    illustrative: false,
    sites: [
      {
        name: 'ZAC de Vatry',
        communeCode: '51595',
        labelledYear: 2021,
        surfaceHectares: 100,
        sector: 'Logistique',
        applicationStatus: 'LABELLED',
        illustrative: false,
      },
    ],
  },
  // The other two Marne territories: real EPCIs, illustrative grouping and names.
  { id: 'ti-4409', phases: RENEWED, epciSirens: ['200067684'], illustrative: true },
  { id: 'ti-4412', phases: NEW_2023, epciSirens: ['200034718'], illustrative: true },
  {
    id: 'ti-4418',
    name: 'Sud Meuse Nord Haute-Marne',
    phases: NEW_2023,
    // CA de Saint-Dizier, Der et Blaise; CC des Portes de Meuse; CC du Bassin de Joinville en
    // Champagne; CA Meuse Grand Sud (BANATIC still names it "CA de Bar-le-Duc - Sud Meuse").
    epciSirens: ['200068666', '200066108', '200044253', '200033025'],
    illustrative: false,
  },
  {
    id: 'ti-8402',
    name: 'Bassin de Bourg-en-Bresse',
    phases: RENEWED,
    epciSirens: ['200071751'],
    illustrative: false,
  },
  {
    id: 'ti-8413',
    name: 'Plastics Vallée – Oyonnax',
    phases: RENEWED,
    epciSirens: ['200042935'],
    illustrative: false,
  },
];

export const PROVENANCE = [
  'Geography is real: communes, departments and regions from the INSEE Code officiel géographique (COG 2024),',
  'populations légales from INSEE, EPCI composition from DGCL BANATIC 2024 (Licence Ouverte 2.0, Etalab).',
  "The list of territories is ILLUSTRATIVE: the ANCT list of the 183 Territoires d'industrie could not be",
  'obtained offline, so territories are generated as groups of real EPCIs (seeded, reproducible) that match',
  "the programme's published figures (183 territories in 18 regions, ~150 in phase 1 with 1,800 action sheets,",
  'Grand Est 21 and 15, Marne 5 territories with 14 binômes and 39 actions, 50 sites clés en main).',
  'Real (illustrative: false): Pays de Châlons, Bazancourt-Pomacle, Sud Meuse Nord Haute-Marne (names and',
  'EPCIs; their ti- ids here are placeholders), ti-8402 Bassin de Bourg-en-Bresse and ti-8413 Plastics',
  'Vallée – Oyonnax (ids and names; perimeter reduced to their main EPCI, phases illustrative), and the sites clés en main ZAC de',
  'Vatry (since 2021) and Pomacle-Bazancourt (2024 list; surfaces are illustrative).',
  'All people, companies, SIRENs, contacts, action sheets, budgets, co-financing and missions are fictional;',
  'phone numbers use the ARCEP ranges reserved for fiction and e-mails the reserved .example domain.',
  'To use the real list, put liste-ti-grpt2023-*.csv and liste-ti-com2023-*.csv from data.gouv.fr',
  '(ANCT, "Territoires d\'industrie") in a folder and load it with loadAnctFiles(dir, geography).',
].join(' ');

// ---------------------------------------------------------------------------------------------
// Small helpers

/** "de Reims", "d'Épernay", "du Mans", "de la Rochelle", "des Riceys". */
function withDe(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  if (name.startsWith('La ')) return `de la ${name.slice(3)}`;
  if (name.startsWith("L'")) return `de l'${name.slice(2)}`;
  if (/^[AEIOUYÂÉÈÊÎÔ]/.test(name)) return `d'${name}`;
  return `de ${name}`;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A French number from one of the ARCEP ranges reserved for fiction, so nobody real is called. */
function fictionPhone(rng: Rng, mobile: boolean): string {
  const prefix = mobile ? '06 39 98' : rng.pick(['01 99 00', '02 61 91', '03 53 01', '04 65 71', '05 36 49']);
  return `${prefix} ${String(rng.int(0, 99)).padStart(2, '0')} ${String(rng.int(0, 99)).padStart(2, '0')}`;
}

/** Log-uniform between min and max, rounded to a plausible grain. */
function budget(rng: Rng, min: number, max: number): number {
  const raw = Math.exp(Math.log(min) + rng.float() * (Math.log(max) - Math.log(min)));
  const grain = raw < 100_000 ? 500 : 5_000;
  return Math.min(max, Math.max(min, Math.round(raw / grain) * grain));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function person(rng: Rng): { first: string; last: string; female: boolean } {
  const [first, gender] = rng.pick(FIRST_NAMES);
  return { first, last: rng.pick(LAST_NAMES), female: gender === 'f' };
}

function email(first: string, last: string, domain: string): string {
  return `${slug(first)}.${slug(last)}@${domain}.example`;
}

// ---------------------------------------------------------------------------------------------
// Choosing the territories

interface Plan {
  id: string;
  name: string;
  phases: Phase[];
  epciSirens: string[];
  illustrative: boolean;
  realSites: Omit<SiteRecord, 'id'>[];
  communes: CommuneRecord[];
  regionCode: string;
  departmentCodes: string[];
}

/** Communes of some EPCIs, most populous first. */
function communesOf(geo: Geography, sirens: string[]): CommuneRecord[] {
  const out: CommuneRecord[] = [];
  for (const siren of sirens) {
    const epci = geo.epcis.get(siren);
    if (!epci) throw new Error(`generateProgramme: EPCI ${siren} is not in the geography`);
    for (const code of epci.communeCodes) out.push(geo.communes.get(code)!);
  }
  return out.sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
}

/** A realistic name: the EPCI's own geographic name when it has one, else one built on the chief town. */
function nameFor(
  rng: Rng,
  geo: Geography,
  sirens: string[],
  communes: CommuneRecord[],
  taken: Set<string>,
): string {
  const main = [...sirens].sort((a, b) => geo.epcis.get(b)!.population - geo.epcis.get(a)!.population)[0]!;
  const own = geo.epcis
    .get(main)!
    .name.replace(/^(CC|CA|CU)\s+(du |de la |de l'|des |de |d')?/, '')
    .replace(/\s*\(.*\)$/, '');
  const town = communes[0]!.name;
  // A second town only from the chief town's own EPCI: without adjacency data, two towns of
  // different EPCIs may be far apart and the name would read oddly.
  const other = communes.find(
    (c) => c.epciSiren === communes[0]!.epciSiren && c !== communes[0] && c.population > 2000,
  )?.name;
  const candidates: string[] = [];
  if (NAME_PREFIXES.test(own) && !/[,]|Métropole/.test(own)) candidates.push(own, own);
  candidates.push(`Bassin ${withDe(town)}`, `Pays ${withDe(town)}`, `Bassin industriel ${withDe(town)}`);
  if (other) candidates.push(`${town} – ${other}`);
  const ordered = [...rng.shuffle(candidates), `Bassin ${withDe(town)} – ${communes[1]?.name ?? own}`];
  const name = ordered.find((n) => !taken.has(n)) ?? `${ordered[0]} (${sirens[0]})`;
  taken.add(name);
  return name;
}

/** EPCIs a generated territory may use: whole within one region, not a métropole, not reserved. */
function candidatePool(geo: Geography, reserved: Set<string>): Map<string, EpciRecord[]> {
  const byDepartment = new Map<string, EpciRecord[]>();
  for (const epci of geo.epcis.values()) {
    if (reserved.has(epci.siren) || epci.legalNature === 'METRO' || epci.communeCodes.length === 0) continue;
    const communes = epci.communeCodes.map((code) => geo.communes.get(code)!);
    // The Marne must have exactly its 5 known territories, so nothing else may touch it.
    if (communes.some((c) => c.departmentCode === MARNE)) continue;
    if (new Set(communes.map((c) => c.regionCode)).size > 1) continue;
    const main = departmentsByPopulation(communes)[0]!;
    byDepartment.set(main, [...(byDepartment.get(main) ?? []), epci]);
  }
  return byDepartment;
}

function planTerritories(geo: Geography, rng: Rng): Plan[] {
  const reserved = new Set(FIXED.flatMap((t) => t.epciSirens));
  const pool = candidatePool(geo, reserved);
  const takenNames = new Set(FIXED.flatMap((t) => (t.name ? [t.name] : [])));
  const plans: Plan[] = [];

  const makePlan = (
    id: string,
    phases: Phase[],
    sirens: string[],
    illustrative: boolean,
    name?: string,
  ): Plan => {
    const communes = communesOf(geo, sirens);
    const departmentCodes = departmentsByPopulation(communes);
    return {
      id,
      name: name ?? nameFor(rng, geo, sirens, communes, takenNames),
      phases: [...phases],
      epciSirens: [...sirens],
      illustrative,
      realSites: [],
      communes,
      regionCode: geo.departments.get(departmentCodes[0]!)!.regionCode,
      departmentCodes,
    };
  };

  for (const { region, phase2, renewed, phase1Only } of REGION_PLAN) {
    if (!geo.regions.has(region))
      throw new Error(`generateProgramme: region ${region} is not in the geography`);
    const fixed = FIXED.filter((t) => t.id.slice(3, 5) === region);
    const fixedRenewed = fixed.filter((t) => t.phases.includes(1)).length;
    // Status of each generated territory: renewed from 2018, new in 2023, or phase 1 only.
    const statuses = rng.shuffle([
      ...Array<Phase[]>(renewed - fixedRenewed).fill(RENEWED),
      ...Array<Phase[]>(phase2 - renewed - (fixed.length - fixedRenewed)).fill(NEW_2023),
    ]);
    const departments = rng.shuffle(
      [...geo.departments.values()]
        .filter((d) => d.regionCode === region && pool.has(d.code))
        .map((d) => d.code),
    );
    let turn = 0;
    const nextGroup = (size: number, small: boolean): string[] => {
      // Round-robin over the departments spreads the territories over the region.
      for (let tries = 0; tries < departments.length; tries++) {
        const available = pool.get(departments[turn++ % departments.length]!) ?? [];
        if (available.length === 0) continue;
        const ordered = small ? [...available].sort((a, b) => a.population - b.population) : available;
        const seed = small ? ordered[rng.int(0, Math.min(4, ordered.length - 1))]! : rng.pick(ordered);
        const rest = rng.shuffle(available.filter((e) => e !== seed)).slice(0, size - 1);
        const group = [seed, ...rest];
        for (const e of group) available.splice(available.indexOf(e), 1);
        return group.map((e) => e.siren);
      }
      throw new Error(`generateProgramme: no EPCI left in region ${region}`);
    };

    const generated = statuses.map((phases) => {
      const size = region.startsWith('0') ? rng.int(1, 2) : rng.pick([1, 1, 2, 2, 2, 3, 3, 4]);
      return makePlan('', phases, nextGroup(size, false), true);
    });
    // Territories not renewed in 2023 were mostly small ones (one modest EPCI).
    const phase1OnlyPlans = Array.from({ length: phase1Only }, () =>
      makePlan('', [1], nextGroup(1, true), true),
    );

    // Ranks: the fixed ids keep theirs, the others fill the gaps in department then name order.
    const fixedRanks = new Set(fixed.map((t) => Number(t.id.slice(5))));
    const freeRanks = Array.from({ length: phase2 }, (_, i) => i + 1).filter((r) => !fixedRanks.has(r));
    generated.sort(
      (a, b) => a.departmentCodes[0]!.localeCompare(b.departmentCodes[0]!) || a.name.localeCompare(b.name),
    );
    generated.forEach((p, i) => (p.id = `ti-${region}${pad2(freeRanks[i]!)}`));
    phase1OnlyPlans.forEach((p, i) => (p.id = `ti-${region}${pad2(phase2 + i + 1)}`));
    const fixedPlans = fixed.map((t) => {
      const plan = makePlan(t.id, t.phases, t.epciSirens, t.illustrative, t.name);
      plan.realSites = t.sites ?? [];
      return plan;
    });
    plans.push(...[...fixedPlans, ...generated].sort((a, b) => a.id.localeCompare(b.id)), ...phase1OnlyPlans);
  }
  return plans;
}

// ---------------------------------------------------------------------------------------------
// Details of each territory

interface Quotas {
  binomes: number;
  phase2Axes: Axis[];
  phase1Sheets: number;
  labelledSites: number;
  reviewSites: number;
}

/** How many binômes, sheets and sites each territory gets, so that the published totals hold. */
function quotas(rng: Rng, plans: Plan[]): Map<string, Quotas> {
  const out = new Map<string, Quotas>();
  for (const p of plans) {
    const phase2 = p.phases.includes(2);
    out.set(p.id, {
      binomes: phase2 ? rng.pick([1, 2, 2, 3, 3, 4, 5]) : 0,
      phase2Axes: phase2 ? Array.from({ length: rng.int(4, 12) }, () => rng.pick(PHASE2_AXES)) : [],
      phase1Sheets: p.phases.includes(1) ? rng.int(8, 16) : 0,
      labelledSites: p.realSites.filter((s) => s.applicationStatus === 'LABELLED').length,
      reviewSites: 0,
    });
  }

  // Marne: the five territories touching department 51 share 14 binômes and 39 typed actions.
  const marne = plans.filter((p) => p.communes.some((c) => c.departmentCode === MARNE));
  if (marne.length !== MARNE_BINOMES.length)
    throw new Error(`generateProgramme: ${marne.length} Marne territories`);
  const axes = rng.shuffle(
    Object.entries(MARNE_AXES).flatMap(([axis, n]) => Array<Axis>(n).fill(axis as Axis)),
  );
  const binomes = rng.shuffle(MARNE_BINOMES);
  const sheets = rng.shuffle(MARNE_SHEETS);
  marne.forEach((p, i) => {
    const q = out.get(p.id)!;
    q.binomes = binomes[i]!;
    q.phase2Axes = axes.splice(0, sheets[i]!);
  });

  // Phase 1: adjust random counts one sheet at a time until they total exactly 1,800.
  const phase1 = plans.filter((p) => p.phases.includes(1)).map((p) => out.get(p.id)!);
  let total = phase1.reduce((sum, q) => sum + q.phase1Sheets, 0);
  while (total !== PHASE1_SHEETS_TOTAL) {
    const q = rng.pick(phase1);
    const step = total < PHASE1_SHEETS_TOTAL ? 1 : -1;
    if (q.phase1Sheets + step < 6 || q.phase1Sheets + step > 20) continue;
    q.phase1Sheets += step;
    total += step;
  }

  // Sites clés en main: the real ones, then one labelled site in enough other territories to
  // reach 50, and a few applications under review. The real territories keep only real sites.
  const open = rng.shuffle(
    plans.filter((p) => p.phases.includes(2) && p.realSites.length === 0 && p.illustrative),
  );
  let labelled = plans.reduce((sum, p) => sum + out.get(p.id)!.labelledSites, 0);
  for (const p of open) {
    if (labelled >= LABELLED_SITES_TOTAL) break;
    out.get(p.id)!.labelledSites = 1;
    labelled++;
  }
  for (const p of rng.shuffle(open).slice(0, 18)) out.get(p.id)!.reviewSites = 1;
  return out;
}

function companyName(rng: Rng, taken: Set<string>): string {
  // About 1,200 combinations for some 550 binômes: retries stay few.
  for (;;) {
    const name = `${rng.pick(COMPANY_STEMS)}${rng.pick(COMPANY_ENDINGS)} ${rng.pick(COMPANY_FORMS)}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function siren(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const value = makeSiren(String(rng.int(30_000_000, 99_999_999)));
    if (!taken.has(value)) {
      taken.add(value);
      return value;
    }
  }
}

interface Context {
  rng: Rng;
  geo: Geography;
  companies: Set<string>;
  sirens: Set<string>;
}

function binomes(ctx: Context, p: Plan, count: number): BinomeRecord[] {
  const { rng, geo } = ctx;
  return Array.from({ length: count }, (_, i) => {
    const elected = person(rng);
    const industrialist = person(rng);
    const epci = geo.epcis.get(rng.pick(p.epciSirens))!;
    const town = rng.pick(p.communes.slice(0, 12));
    const e = elected.female ? 'e' : '';
    const mandate = rng.pick([
      `Vice-président${e} de la ${epci.name}, chargé${e} du développement économique`,
      `Conseill${elected.female ? 'ère' : 'er'} communautaire de la ${epci.name}`,
      `Adjoint${e} au maire ${withDe(town.name)}, chargé${e} de l'économie`,
    ]);
    return {
      id: `${p.id}-bn-${pad2(i + 1)}`,
      electedName: `${elected.first} ${elected.last}`,
      electedMandate: mandate,
      industrialistName: `${industrialist.first} ${industrialist.last}`,
      companyName: companyName(rng, ctx.companies),
      companySiren: siren(rng, ctx.sirens),
      email: email(elected.first, elected.last, slug(epci.name)),
      phone: fictionPhone(rng, true),
    };
  });
}

function projectLead(ctx: Context, p: Plan): ProjectLeadRecord {
  const { rng, geo } = ctx;
  const lead = person(rng);
  const employer = geo.epcis.get(p.epciSirens[0]!)!.name;
  const cap = rng.pick([30_000, 40_000]);
  const cofinancing = [2023, 2024, 2025, 2026].map((year) => {
    const stateEuros = cap - rng.int(0, 4) * 2_500;
    // At least 30 % of the total from the territory: t >= 0.3 (s + t), i.e. 7t >= 3s.
    const minimum = Math.ceil((3 * stateEuros) / 7);
    const territoryEuros = Math.ceil((minimum * (1 + rng.float() * 0.8)) / 500) * 500;
    return { year, stateEuros, stateCapEuros: cap, territoryEuros };
  });
  return {
    name: `${lead.first} ${lead.last}`,
    employer,
    email: email(lead.first, lead.last, slug(employer)),
    phone: fictionPhone(rng, false),
    since: `${rng.pick([2023, 2023, 2024])}-${pad2(rng.int(1, 12))}-01`,
    cofinancing,
  };
}

/** Who carries an action: an EPCI of the territory, a public partner, or one of its binômes' companies. */
function carrier(ctx: Context, p: Plan, phase: Phase, companies: string[]): string {
  const { rng, geo } = ctx;
  const department = geo.departments.get(p.departmentCodes[0]!)!.name;
  return rng.pick([
    geo.epcis.get(rng.pick(p.epciSirens))!.name,
    geo.epcis.get(p.epciSirens[0]!)!.name,
    `Région ${geo.regions.get(p.regionCode)!.name}`,
    `Chambre de commerce et d'industrie (${department})`,
    `Chambre de métiers et de l'artisanat (${department})`,
    phase === 1 ? `Pôle emploi (${department})` : `France Travail (${department})`,
    ...companies,
  ]);
}

function sheets(ctx: Context, p: Plan, phase: Phase, axes: Axis[], companies: string[]): ActionSheetRecord[] {
  const { rng } = ctx;
  const used = new Set<string>();
  return axes.map((axis, i) => {
    const town = rng.pick(p.communes.slice(0, 6)).name;
    const fill = (t: string): string => t.replace('{town}', town).replace('{of}', `du ${p.name}`);
    let title = fill(rng.pick(TITLES[axis]));
    for (let tries = 0; used.has(title) && tries < 20; tries++) title = fill(rng.pick(TITLES[axis]));
    if (used.has(title)) title = `${title} (volet ${i + 1})`;
    used.add(title);
    let status: ActionStatus;
    let startYear: number;
    if (phase === 1) {
      startYear = rng.int(2019, 2022);
      status = rng.float() < 0.82 ? 'DONE' : 'ABANDONED';
    } else {
      startYear = rng.pick([2023, 2024, 2024, 2025, 2025, 2026]);
      status = rng.float() < 0.1 ? 'UNDER_REVIEW' : startYear <= 2024 ? 'IN_PROGRESS' : 'PLANNED';
    }
    return {
      id: phase === 1 ? `${p.id}-p1-fa-${pad2(i + 1)}` : `${p.id}-fa-${pad2(i + 1)}`,
      phase,
      axis,
      title,
      status,
      budgetEuros: budget(rng, 20_000, 3_000_000),
      carrier: carrier(ctx, p, phase, companies),
      startYear,
    };
  });
}

function sites(ctx: Context, p: Plan, q: Quotas): SiteRecord[] {
  const { rng } = ctx;
  const made: Omit<SiteRecord, 'id'>[] = [...p.realSites];
  const statuses = [
    ...Array<'LABELLED'>(q.labelledSites - p.realSites.length).fill('LABELLED'),
    ...Array<'UNDER_REVIEW'>(q.reviewSites).fill('UNDER_REVIEW'),
  ];
  for (const applicationStatus of statuses) {
    const sizeable = p.communes.filter((c) => c.population >= 500);
    const commune = rng.pick(sizeable.length > 0 ? sizeable : p.communes);
    made.push({
      name: `${rng.pick(SITE_KINDS)} ${withDe(commune.name)}`,
      communeCode: commune.code,
      // For an application under review, the year it was filed.
      labelledYear: applicationStatus === 'LABELLED' ? rng.int(2021, 2024) : rng.int(2024, 2025),
      surfaceHectares: Math.round((5 + rng.float() * 95) * 10) / 10,
      sector: rng.pick(SECTORS),
      applicationStatus,
      illustrative: true,
    });
  }
  return made.map((s, i) => ({ id: `${p.id}-site-${pad2(i + 1)}`, ...s }));
}

function missions(ctx: Context, p: Plan): MissionRecord[] {
  const { rng } = ctx;
  return rng
    .shuffle(MISSIONS)
    .slice(0, rng.pick([0, 1, 1, 2, 2, 3]))
    .map((title, i) => {
      const year = rng.int(2023, 2025);
      const totalEuros = budget(rng, 15_000, 120_000);
      const anctCofinancingEuros = Math.round((totalEuros * rng.pick([0.5, 0.6, 0.7, 0.8])) / 500) * 500;
      const status: MissionStatus =
        year === 2023
          ? 'DONE'
          : year === 2024
            ? rng.pick(['DONE', 'IN_PROGRESS'] as const)
            : rng.pick(['PLANNED', 'IN_PROGRESS'] as const);
      return {
        id: `${p.id}-mi-${pad2(i + 1)}`,
        title,
        provider: rng.pick(MISSION_PROVIDERS),
        year,
        totalEuros,
        anctCofinancingEuros,
        status,
      };
    });
}

/** Generates the illustrative programme dataset on the real geography; same output every run. */
export function generateProgramme(geo: Geography): ProgrammeDataset {
  const rng = makeRng(SEED);
  const plans = planTerritories(geo, rng);
  const allQuotas = quotas(rng, plans);
  const ctx: Context = { rng, geo, companies: new Set(), sirens: new Set() };
  const territories = plans.map((p): TerritoryRecord => {
    const q = allQuotas.get(p.id)!;
    const phase1Axes = Array.from({ length: q.phase1Sheets }, () => rng.pick(PHASE1_AXES));
    const phase2 = p.phases.includes(2);
    const pairs = binomes(ctx, p, q.binomes);
    const companies = pairs.map((b) => b.companyName);
    return {
      id: p.id,
      name: p.name,
      phases: p.phases,
      labelledYear: p.phases.includes(1) ? 2018 : 2023,
      regionCode: p.regionCode,
      departmentCodes: p.departmentCodes,
      epciSirens: p.epciSirens,
      communeCodes: p.communes.map((c) => c.code).sort(),
      illustrative: p.illustrative,
      binomes: pairs,
      projectLead: phase2 ? projectLead(ctx, p) : null,
      actionSheets: [
        ...sheets(ctx, p, 1, phase1Axes, companies),
        ...sheets(ctx, p, 2, q.phase2Axes, companies),
      ],
      sites: phase2 ? sites(ctx, p, q) : [],
      missions: phase2 ? missions(ctx, p) : [],
    };
  });
  return { provenance: PROVENANCE, territories };
}
