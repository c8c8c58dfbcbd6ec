// The illustrative details the generator hangs on each territory: binômes, project lead, action
// sheets, sites clés en main and engineering missions. ANCT publishes none of them; every name,
// company, SIREN, contact, amount and title here is fictional.
import { pick, randomInt, seededRandom, shuffle } from '../../kit/src/prng.ts';
import { makeSiren } from '../../kit/src/reference/companyIds.ts';
import type {
  ActionSheetRecord,
  ActionStatus,
  Axis,
  BinomeRecord,
  CommuneRecord,
  Geography,
  GroupementRecord,
  MissionKind,
  MissionRecord,
  MissionStatus,
  Phase,
  ProjectLeadRecord,
  SiteRecord,
} from '../../kit/src/reference/programme.ts';
import {
  COMPANY_ENDINGS,
  COMPANY_FORMS,
  COMPANY_STEMS,
  FIRST_NAMES,
  LAST_NAMES,
  MISSION_PROVIDERS,
  MISSIONS,
  SECTORS,
  SITE_KINDS,
  TITLES,
} from './vocabulary.ts';

/** The generator's view of the repo's one PRNG; the same seed gives the same dataset. */
export interface Rng {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
}

export function makeRng(seed: number): Rng {
  const random = seededRandom(seed);
  return {
    float: random,
    int: (min, max) => randomInt(random, min, max),
    pick: (items) => pick(random, items),
    shuffle: (items) => shuffle(random, items),
  };
}

/** What the detail generators need to know of a territory. */
export interface Plan {
  id: string;
  name: string;
  regionCode: string;
  departmentCodes: string[];
  epciSirens: string[];
  groupements: GroupementRecord[];
  /** Its known communes, most populous first (empty for a territory made of EPTs only). */
  communes: CommuneRecord[];
}

/** State shared by the detail generators of one run: names and SIRENs are never reused. */
export interface Context {
  rng: Rng;
  geo: Geography;
  companies: Set<string>;
  sirens: Set<string>;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** "de Reims", "d'Épernay", "du Mans", "de la Rochelle", "des Riceys". */
export function withDe(name: string): string {
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
  return `${prefix} ${pad2(rng.int(0, 99))} ${pad2(rng.int(0, 99))}`;
}

/** Log-uniform between min and max, rounded to a plausible grain. */
function budget(rng: Rng, min: number, max: number): number {
  const raw = Math.exp(Math.log(min) + rng.float() * (Math.log(max) - Math.log(min)));
  const grain = raw < 100_000 ? 500 : 5_000;
  return Math.min(max, Math.max(min, Math.round(raw / grain) * grain));
}

function person(rng: Rng): { first: string; last: string; female: boolean } {
  const [first, gender] = rng.pick(FIRST_NAMES);
  return { first, last: rng.pick(LAST_NAMES), female: gender === 'f' };
}

function email(first: string, last: string, domain: string): string {
  return `${slug(first)}.${slug(last)}@${domain}.example`;
}

/** Names of the territory's groupements, EPCIs first (an EPT-only territory has only EPTs). */
function groupementNames(p: Plan): string[] {
  const epcis = p.groupements.filter((g) => g.kind !== 'COMMUNE').map((g) => g.name);
  return epcis.length > 0 ? epcis : p.groupements.map((g) => g.name);
}

/** A town of the territory among its largest, or the territory's name when no commune is known. */
function town(rng: Rng, p: Plan, among: number): string {
  return p.communes.length > 0 ? rng.pick(p.communes.slice(0, among)).name : p.name;
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

export function binomes(ctx: Context, p: Plan, count: number): BinomeRecord[] {
  const { rng } = ctx;
  return Array.from({ length: count }, (_, i) => {
    const elected = person(rng);
    const industrialist = person(rng);
    const groupement = rng.pick(groupementNames(p));
    const e = elected.female ? 'e' : '';
    const mandate = rng.pick([
      `Vice-président${e} de la ${groupement}, chargé${e} du développement économique`,
      `Conseill${elected.female ? 'ère' : 'er'} communautaire de la ${groupement}`,
      `Adjoint${e} au maire ${withDe(town(rng, p, 12))}, chargé${e} de l'économie`,
    ]);
    return {
      id: `${p.id}-bn-${pad2(i + 1)}`,
      electedName: `${elected.first} ${elected.last}`,
      electedMandate: mandate,
      industrialistName: `${industrialist.first} ${industrialist.last}`,
      companyName: companyName(rng, ctx.companies),
      companySiren: siren(rng, ctx.sirens),
      email: email(elected.first, elected.last, slug(groupement)),
      phone: fictionPhone(rng, true),
    };
  });
}

export function projectLead(ctx: Context, p: Plan): ProjectLeadRecord {
  const { rng } = ctx;
  const lead = person(rng);
  const employer = groupementNames(p)[0]!;
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

/** Who carries an action: a groupement of the territory, a public partner, or a binôme's company. */
function carrier(ctx: Context, p: Plan, phase: Phase, companies: string[]): string {
  const { rng, geo } = ctx;
  const department =
    geo.departments.get(p.departmentCodes[0] ?? '')?.name ?? geo.regions.get(p.regionCode)!.name;
  const names = groupementNames(p);
  return rng.pick([
    rng.pick(names),
    names[0]!,
    `Région ${geo.regions.get(p.regionCode)!.name}`,
    `Chambre de commerce et d'industrie (${department})`,
    `Chambre de métiers et de l'artisanat (${department})`,
    phase === 1 ? `Pôle emploi (${department})` : `France Travail (${department})`,
    ...companies,
  ]);
}

export function sheets(
  ctx: Context,
  p: Plan,
  phase: Phase,
  axes: Axis[],
  companies: string[],
): ActionSheetRecord[] {
  const { rng } = ctx;
  const used = new Set<string>();
  return axes.map((axis, i) => {
    const where = town(rng, p, 6);
    const fill = (t: string): string => t.replace('{town}', where).replace('{of}', `du ${p.name}`);
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

/** The real sites first, then `labelled` and `underReview` illustrative ones in its communes. */
export function sites(
  ctx: Context,
  p: Plan,
  real: readonly Omit<SiteRecord, 'id'>[],
  labelled: number,
  underReview: number,
): SiteRecord[] {
  const { rng } = ctx;
  const made: Omit<SiteRecord, 'id'>[] = [...real];
  const statuses = [
    ...Array<'LABELLED'>(labelled).fill('LABELLED'),
    ...Array<'UNDER_REVIEW'>(underReview).fill('UNDER_REVIEW'),
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

/**
 * Engineering missions co-financed by ANCT, of the seed's two kinds: short missions (a few weeks
 * to a few months, smaller budgets) and complex projects (larger ones).
 */
export function missions(ctx: Context, p: Plan): MissionRecord[] {
  const { rng } = ctx;
  return rng
    .shuffle(MISSIONS)
    .slice(0, rng.pick([0, 1, 1, 2, 2, 3]))
    .map((title, i) => {
      const kind: MissionKind = rng.float() < 0.7 ? 'SHORT_MISSION' : 'COMPLEX_PROJECT';
      const year = rng.int(2023, 2025);
      const totalEuros =
        kind === 'SHORT_MISSION' ? budget(rng, 15_000, 60_000) : budget(rng, 60_000, 250_000);
      const anctCofinancingEuros = Math.round((totalEuros * rng.pick([0.5, 0.6, 0.7, 0.8])) / 500) * 500;
      const status: MissionStatus =
        year === 2023
          ? 'DONE'
          : year === 2024
            ? rng.pick(['DONE', 'IN_PROGRESS'] as const)
            : rng.pick(['PLANNED', 'IN_PROGRESS'] as const);
      return {
        id: `${p.id}-mi-${pad2(i + 1)}`,
        kind,
        title,
        provider: rng.pick(MISSION_PROVIDERS),
        year,
        totalEuros,
        anctCofinancingEuros,
        status,
      };
    });
}
