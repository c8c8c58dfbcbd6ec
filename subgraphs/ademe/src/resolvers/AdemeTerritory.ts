// Fields of ADEME's contribution to a territory, and of the aid and Fonds Vert projects it lists.
import { CodedError, ErrorCode } from '../../../../kit/src/errors.js';
import { loadFlat } from '../../../../kit/src/loadFlat.js';
import { summarize, type Phase2Axis, type SummaryItem } from '../../../../kit/src/operatorSummary.js';
import { checkPageSize, decodeCursor, paginate, type PageArgs } from '../../../../kit/src/pagination.js';
import { sumEuros } from '../../../../kit/src/scalars.js';
import type { AdemeAid, FondsVertProject } from '../ademeClient.js';
import type { AdemeContext } from '../context.js';
import type { RegionFondsVert } from '../loaders.js';

/** Largest page of aid a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;
const MEASURE = "Territoires d'industrie en transition écologique";

/** The parent value of a territory's contribution. */
export interface AdemeTerritoryValue {
  territoryId: string;
  regionCode: string;
  communeCodes: string[];
}

type Ctx = AdemeContext;

/** Every ADEME aid is ecological transition; a Fonds Vert project reclaiming a brownfield is land. */
export function axisOfProject(project: FondsVertProject): Phase2Axis {
  return /friche/i.test(project.title) ? 'FONCIER' : 'TRANSITION_ECOLOGIQUE';
}

/** Aid newest first, then by reference. */
export function newestFirst(aids: AdemeAid[]): AdemeAid[] {
  return aids.sort(
    (a, b) => b.agreementDate.localeCompare(a.agreementDate) || a.reference.localeCompare(b.reference),
  );
}

async function aidsOf(v: AdemeTerritoryValue, ctx: Ctx): Promise<AdemeAid[]> {
  return newestFirst(await loadFlat(ctx.loaders.aidsByCommune, v.communeCodes));
}

/** The region's Fonds Vert data, and the projects of it located in the territory. */
async function projectsOf(
  v: AdemeTerritoryValue,
  ctx: Ctx,
): Promise<{ all: FondsVertProject[]; region: RegionFondsVert }> {
  const region = await ctx.loaders.fondsVertByRegion.load(v.regionCode);
  const communes = new Set(v.communeCodes);
  return { all: region.projects.filter((p) => communes.has(p.communeCode)), region };
}

/** ADEME aid as summary items: all on the ecological-transition axis. */
export const aidItems = (aids: AdemeAid[]): SummaryItem[] =>
  aids.map((a) => ({ amount: a.amount, axis: 'TRANSITION_ECOLOGIQUE' }));

export const AdemeTerritory = {
  aids: async (v: AdemeTerritoryValue, args: PageArgs & { scheme?: string | null }, ctx: Ctx) => {
    // Checked before any upstream call.
    checkPageSize(args.first, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
    if (args.after) decodeCursor(args.after);
    const all = await aidsOf(v, ctx);
    const chosen = args.scheme ? all.filter((a) => a.scheme === args.scheme) : all;
    return {
      ...paginate(chosen, args, { max: MAX_PAGE_SIZE, fallback: DEFAULT_PAGE_SIZE }),
      totalAmount: sumEuros(chosen.map((a) => a.amount)),
    };
  },

  byScheme: async (v: AdemeTerritoryValue, _: unknown, ctx: Ctx) => {
    const totals = new Map<string, AdemeAid[]>();
    for (const aid of await aidsOf(v, ctx)) {
      const key = aid.scheme ?? '(none)';
      totals.set(key, [...(totals.get(key) ?? []), aid]);
    }
    return [...totals]
      .map(([scheme, aids]) => ({ scheme, count: aids.length, amount: sumEuros(aids.map((a) => a.amount)) }))
      .sort((a, b) => b.amount - a.amount || a.scheme.localeCompare(b.scheme));
  },

  fondsVert: async (v: AdemeTerritoryValue, args: { year?: number | null }, ctx: Ctx) => {
    const year = args.year ?? 2024;
    if (!Number.isInteger(year) || year < 2023 || year > 2100) {
      throw new CodedError(
        ErrorCode.BAD_USER_INPUT,
        `The Fonds Vert measure started in 2023; got year ${year}.`,
      );
    }
    const { all, region } = await projectsOf(v, ctx);
    const envelope = region.envelopes.find((e) => e.year === year)?.amount ?? null;
    const committed = sumEuros(region.projects.filter((p) => p.year === year).map((p) => p.grant));
    const projects = all
      .filter((p) => p.year === year)
      .sort((a, b) => b.grant - a.grant || a.title.localeCompare(b.title));
    return {
      measure: MEASURE,
      year,
      regionCode: v.regionCode,
      regionEnvelope: envelope,
      regionCommitted: committed,
      regionConsumptionPercent: envelope ? Math.round((committed / envelope) * 1000) / 10 : null,
      territoryAmount: sumEuros(projects.map((p) => p.grant)),
      projects,
    };
  },

  summary: async (v: AdemeTerritoryValue, _: unknown, ctx: Ctx) => {
    const [aids, { all }] = await Promise.all([aidsOf(v, ctx), projectsOf(v, ctx)]);
    return summarize('ADEME', [
      ...aidItems(aids),
      ...all.map((p) => ({ amount: p.grant, axis: axisOfProject(p) })),
    ]);
  },
};

export const AdemeAidType = {
  company: (a: AdemeAid) => ({ siren: a.siren }),
  axis: () => 'TRANSITION_ECOLOGIQUE',
};

export const FondsVertProjectType = {
  company: (p: FondsVertProject) => (p.holderSiret ? { siren: p.holderSiret.slice(0, 9) } : null),
  axis: axisOfProject,
};
