// Builds the programme dataset: the 183 real Territoires d'industrie of 2023-2027 (ANCT's list in
// data/anct/, laid on the real geography of data/geo/), with what ANCT does not publish generated
// and marked illustrative: whether a territory was already labelled in 2018, the phase-1-only
// territories (ids `ti2018-…`), binômes, project leads, action sheets, missions and all sites but
// the two real ones. One seeded PRNG, no clock: the output is identical on every run.
import {
  loadAnctTerritoryList,
  realPerimeter,
  type AnctTerritory,
} from '../../kit/src/reference/anctTerritories.ts';
import {
  PHASE1_AXES,
  PHASE2_AXES,
  type Axis,
  type Geography,
  type ProgrammeDataset,
  type SiteRecord,
  type TerritoryRecord,
} from '../../kit/src/reference/programme.ts';
import {
  binomes,
  makeRng,
  missions,
  projectLead,
  sheets,
  sites,
  type Context,
  type Plan,
} from './details.ts';
import { chooseRenewed, planPhase1Only } from './phase1.ts';

const SEED = 20231183;

// The seed deck's figures the illustrative records are generated to match (they are not checks:
// the real figures are computed from the data by the territories subgraph and its tests).
const PHASE1_SHEETS_TOTAL = 1800;
const LABELLED_SITES_TOTAL = 50;
const SITES_UNDER_REVIEW = 18;
const MARNE = '51';
/** Marne: 14 binômes and 39 actions, typed 14 / 9 / 6 / 10 (the nearest split to 35/24/15/26 %). */
const MARNE_BINOMES = [3, 3, 3, 3, 2];
const MARNE_SHEETS = [9, 8, 8, 7, 7];
const MARNE_AXES: Readonly<Record<string, number>> = {
  COMPETENCES: 14,
  FONCIER: 9,
  INNOVATION: 6,
  TRANSITION_ECOLOGIQUE: 10,
};

/**
 * The sites clés en main the programme names, on their real territories and communes. Their
 * labelling year and surface are illustrative (the DGE/ANCT list of sites is not shipped).
 */
const REAL_SITES: Readonly<Record<string, Omit<SiteRecord, 'id'>>> = {
  'ti-4411': {
    name: 'ZAC de Vatry',
    communeCode: '51595',
    labelledYear: 2021,
    surfaceHectares: 100,
    sector: 'Logistique',
    applicationStatus: 'LABELLED',
    illustrative: false,
  },
  'ti-4405': {
    name: 'Pomacle-Bazancourt',
    communeCode: '51439',
    labelledYear: 2024,
    surfaceHectares: 40,
    sector: 'Bioéconomie',
    applicationStatus: 'LABELLED',
    illustrative: false,
  },
};

export const PROVENANCE = [
  "REAL: the 183 Territoires d'industrie of 2023-2027 — ids, labels (trailing no-break spaces trimmed) and",
  'member groupements by SIREN — from ANCT (data.gouv.fr "programme-territoires-dindustrie", Licence Ouverte',
  '2.0) as shipped in data/anct/ (ANCT cartography extract, see data/README.md); their communes through the',
  'DGCL BANATIC 2024 membership (epcicom.csv, single-commune groupements by siren_membre); departments,',
  'regions and populations from INSEE COG 2024. Three EPT groupements of the Métropole du Grand Paris are',
  'not in the BANATIC file: their communes are unknown (communesComplete false). The sites ZAC de Vatry',
  '(ti-4411) and Pomacle-Bazancourt (ti-4405) are real; their year and surface are illustrative.',
  'ILLUSTRATIVE (generated, seeded): phase-1 membership of the real territories and the phase-1-only',
  'territories (ids ti2018-RR-NN, a namespace ANCT does not use; 149 in phase 1, 15 in Grand Est), 1,800',
  'phase-1 action sheets, every binôme, project lead, co-financing, phase-2 action sheet (the Marne: 14',
  'binômes and 39 sheets over the 5 territories with most of their communes in the department), mission and',
  'the other sites clés en main (50 labelled in all). People, companies, SIRENs and contacts are fictional;',
  'phones use the ARCEP ranges reserved for fiction and e-mails the reserved .example domain.',
].join(' ');

interface Quotas {
  binomes: number;
  phase2Axes: Axis[];
  phase1Sheets: number;
  labelledSites: number;
  sitesUnderReview: number;
}

interface FullPlan extends Plan {
  phases: (1 | 2)[];
  illustrative: boolean;
  communesComplete: boolean;
}

/** Generates the programme dataset on the real list and geography; same output every run. */
export function generateProgramme(
  geo: Geography,
  list: readonly AnctTerritory[] = loadAnctTerritoryList(),
): ProgrammeDataset {
  const rng = makeRng(SEED);
  const real = list.map((t) => realPerimeter(geo, t, 'ANCT territory list'));
  const renewed = chooseRenewed(
    rng,
    real.map((t) => t.id),
  );
  const byPopulation = (codes: string[]) =>
    codes
      .map((code) => geo.communes.get(code)!)
      .sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
  const plans: FullPlan[] = real.map((t) => ({
    ...t,
    communes: byPopulation(t.communeCodes),
    phases: renewed.has(t.id) ? [1, 2] : [2],
    illustrative: false,
  }));
  const takenSirens = new Set(real.flatMap((t) => t.groupements.map((g) => g.siren)));
  const takenNames = new Set(real.map((t) => t.name));
  for (const p of planPhase1Only(rng, geo, takenSirens, takenNames))
    plans.push({ ...p, phases: [1], illustrative: true, communesComplete: true });

  const allQuotas = quotas(rng, plans);
  const ctx: Context = { rng, geo, companies: new Set(), sirens: new Set() };
  const territories = plans.map((p): TerritoryRecord => {
    const q = allQuotas.get(p.id)!;
    const phase1Axes = Array.from({ length: q.phase1Sheets }, () => rng.pick(PHASE1_AXES));
    const phase2 = p.phases.includes(2);
    const pairs = binomes(ctx, p, q.binomes);
    const companies = pairs.map((b) => b.companyName);
    const realSite = REAL_SITES[p.id];
    return {
      id: p.id,
      name: p.name,
      phases: p.phases,
      labelledYear: p.phases.includes(1) ? 2018 : 2023,
      phasesIllustrative: true,
      regionCode: p.regionCode,
      departmentCodes: p.departmentCodes,
      epciSirens: p.epciSirens,
      groupements: p.groupements,
      communeCodes: p.communes.map((c) => c.code).sort(),
      communesComplete: p.communesComplete,
      illustrative: p.illustrative,
      binomes: pairs,
      projectLead: phase2 ? projectLead(ctx, p) : null,
      actionSheets: [
        ...sheets(ctx, p, 1, phase1Axes, companies),
        ...sheets(ctx, p, 2, q.phase2Axes, companies),
      ],
      sites: phase2 ? sites(ctx, p, realSite ? [realSite] : [], q.labelledSites, q.sitesUnderReview) : [],
      missions: phase2 ? missions(ctx, p) : [],
    };
  });
  return { provenance: PROVENANCE, territories };
}

/** More than half of the territory's known communes lie in the department. */
function mostlyIn(p: Plan, department: string): boolean {
  const inside = p.communes.filter((c) => c.departmentCode === department).length;
  return inside * 2 > p.communes.length;
}

/** How many binômes, sheets and sites each territory gets, so that the seed's totals hold. */
function quotas(rng: ReturnType<typeof makeRng>, plans: FullPlan[]): Map<string, Quotas> {
  const out = new Map<string, Quotas>();
  for (const p of plans) {
    const phase2 = p.phases.includes(2);
    out.set(p.id, {
      binomes: phase2 ? rng.pick([1, 2, 2, 3, 3, 4, 5]) : 0,
      phase2Axes: phase2 ? Array.from({ length: rng.int(4, 12) }, () => rng.pick(PHASE2_AXES)) : [],
      phase1Sheets: p.phases.includes(1) ? rng.int(8, 16) : 0,
      labelledSites: 0,
      sitesUnderReview: 0,
    });
  }

  // The Marne: the seed's 14 binômes and 39 actions go to the territories with most of their
  // communes in the department; the seed counts 5 territories and so does that rule.
  const marne = plans.filter((p) => p.phases.includes(2) && mostlyIn(p, MARNE));
  if (marne.length !== MARNE_BINOMES.length)
    throw new Error(
      `generateProgramme: ${marne.length} territories have most of their communes in the Marne, the seed says ${MARNE_BINOMES.length}`,
    );
  const axes = rng.shuffle(
    Object.entries(MARNE_AXES).flatMap(([axis, n]) => Array<Axis>(n).fill(axis as Axis)),
  );
  const binomeCounts = rng.shuffle(MARNE_BINOMES);
  const sheetCounts = rng.shuffle(MARNE_SHEETS);
  marne.forEach((p, i) => {
    const q = out.get(p.id)!;
    q.binomes = binomeCounts[i]!;
    q.phase2Axes = axes.splice(0, sheetCounts[i]!);
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

  // Sites clés en main: the real ones, then one illustrative labelled site in enough other
  // territories (with known communes) to reach 50, and a few applications under review.
  const open = rng.shuffle(
    plans.filter((p) => p.phases.includes(2) && !REAL_SITES[p.id] && p.communes.length > 0),
  );
  let labelled = plans.filter((p) => REAL_SITES[p.id]).length;
  for (const p of open) {
    if (labelled >= LABELLED_SITES_TOTAL) break;
    out.get(p.id)!.labelledSites = 1;
    labelled++;
  }
  for (const p of rng.shuffle(open).slice(0, SITES_UNDER_REVIEW)) out.get(p.id)!.sitesUnderReview = 1;
  return out;
}
