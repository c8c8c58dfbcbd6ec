// Territory, as this subgraph extends it: the gateway hands over the territory's communes; their
// departments are what APEC is searched by, and the offers are then placed in the communes.
import { summarize } from '../../../../kit/src/operatorSummary.js';
import { perParent } from '../../../../kit/src/perParent.js';
import { departmentOfCommune } from '../../../../kit/src/reference/companyIds.js';
import { checkPageSize, decodeCursor, paginate, type PageArgs } from '../../../../kit/src/pagination.js';
import { describeSource } from '../../../../kit/src/provenance.js';
import { DATASET, type ApecOffer } from '../apecClient.js';
import type { ApecContext } from '../context.js';
import type { DepartmentOffers } from '../loaders.js';

/** Largest page a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
const LIMITS = { max: MAX_PAGE_SIZE, fallback: 20 };

/** The representation the gateway sends (`@requires(fields: "communeCodes")`). */
export interface TerritoryRepresentation {
  id: string;
  communeCodes: string[];
}

/** A territory's APEC picture, read once for all its fields. */
export interface ApecTerritoryValue {
  departments: DepartmentOffers[];
  communes: Set<string>;
}

// Once per territory and request: offers and summary both need the placed offers, sorted.
const placed = perParent((v: ApecTerritoryValue, _ctx: ApecContext): ApecOffer[] =>
  v.departments
    .flatMap((d) => d.offers)
    .filter((o) => o.communeCode !== null && v.communes.has(o.communeCode))
    .sort((a, b) => b.publishedOn.localeCompare(a.publishedOn) || a.id.localeCompare(b.id)),
);

export const Territory = {
  apec: async (t: TerritoryRepresentation, _: unknown, ctx: ApecContext): Promise<ApecTerritoryValue> => {
    const codes = [...new Set(t.communeCodes.map(departmentOfCommune))].sort();
    const results = await ctx.loaders.offersByDepartment.loadMany(codes);
    const failed = results.find((r): r is Error => r instanceof Error);
    if (failed) throw failed;
    return { departments: results as DepartmentOffers[], communes: new Set(t.communeCodes) };
  },
};

export const ApecTerritory = {
  offers: (v: ApecTerritoryValue, args: PageArgs, ctx: ApecContext) => {
    checkPageSize(args.first, LIMITS.max, LIMITS.fallback);
    if (args.after) decodeCursor(args.after);
    return paginate(placed(v, ctx), args, LIMITS);
  },
  departments: (v: ApecTerritoryValue) =>
    v.departments.map((d) => ({
      code: d.code,
      offerCount: d.offers.length,
      inTerritoryCount: d.offers.filter((o) => o.communeCode !== null && v.communes.has(o.communeCode))
        .length,
      unlocatedCount: d.offers.filter((o) => o.communeCode === null).length,
    })),
  // An offer is a recruitment need: the compétences axis; APEC pays nothing, so 0 €.
  summary: (v: ApecTerritoryValue, _: unknown, ctx: ApecContext) =>
    summarize(
      'APEC',
      placed(v, ctx).map(() => ({ amount: 0, axis: 'COMPETENCES' as const })),
    ),
  source: (v: ApecTerritoryValue, _: unknown, ctx: ApecContext) =>
    v.departments[0]?.source ?? describeSource(DATASET, ctx.baseUrl, null),
};
