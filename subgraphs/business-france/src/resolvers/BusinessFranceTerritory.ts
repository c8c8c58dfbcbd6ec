// Fields of Business France's contribution to one territory.
import { perParent } from '../../../../kit/src/perParent.js';
import { summarize } from '../../../../kit/src/operatorSummary.js';
import { checkPageSize, decodeCursor, paginate } from '../../../../kit/src/pagination.js';
import { axisOfProject } from '../axes.js';
import type { InvestmentKind, ProjectRecord } from '../businessFranceClient.js';
import type { BusinessFranceContext } from '../context.js';

/** Largest page of projects a caller may ask for. */
export const MAX_PAGE_SIZE = 100;

/** The parent value: which communes the contribution covers. */
export interface BusinessFranceTerritoryValue {
  territoryId: string;
  communeCodes: string[];
}

/** Newest announcement first, then by reference, so pages are stable. */
export function newestFirst(a: ProjectRecord, b: ProjectRecord): number {
  return b.announcedOn.localeCompare(a.announcedOn) || a.id.localeCompare(b.id);
}

// Once per territory and request: projects, summary, jobs and source each need the same list.
const projectsOf = perParent(
  async (v: BusinessFranceTerritoryValue, ctx: BusinessFranceContext): Promise<ProjectRecord[]> =>
    (await ctx.loaders.projectsInCommunes.load(v.communeCodes)).sort(newestFirst),
);

const sitesOf = perParent(async (v: BusinessFranceTerritoryValue, ctx: BusinessFranceContext) =>
  (await ctx.loaders.sitesInCommunes.load(v.communeCodes)).sort((a, b) => a.siteId.localeCompare(b.siteId)),
);

export const BusinessFranceTerritory = {
  projects: async (
    v: BusinessFranceTerritoryValue,
    args: { kind?: InvestmentKind | null; first?: number | null; after?: string | null },
    ctx: BusinessFranceContext,
  ) => {
    // Checked before any upstream call.
    checkPageSize(args.first, MAX_PAGE_SIZE, 20);
    if (args.after) decodeCursor(args.after);
    const all = await projectsOf(v, ctx);
    const chosen = args.kind ? all.filter((p) => p.kind === args.kind) : all;
    return paginate(chosen, args, { max: MAX_PAGE_SIZE, fallback: 20 });
  },

  promotedSites: (v: BusinessFranceTerritoryValue, _: unknown, ctx: BusinessFranceContext) => sitesOf(v, ctx),

  summary: async (v: BusinessFranceTerritoryValue, _: unknown, ctx: BusinessFranceContext) => ({
    ...summarize(
      'BUSINESS_FRANCE',
      (await projectsOf(v, ctx)).map((p) => ({ amount: p.investment, axis: axisOfProject(p) })),
    ),
    // Ready for a `source` on the shared OperatorSummary.
    source: ctx.client.source('projects', ctx.retrievals.retrievedAt),
  }),

  source: async (v: BusinessFranceTerritoryValue, _: unknown, ctx: BusinessFranceContext) => {
    await Promise.all([projectsOf(v, ctx), sitesOf(v, ctx)]);
    return ctx.client.source('backend', ctx.retrievals.retrievedAt);
  },

  jobs: async (v: BusinessFranceTerritoryValue, _: unknown, ctx: BusinessFranceContext) =>
    (await projectsOf(v, ctx)).reduce((sum, p) => sum + p.jobs, 0),
};
