// ADEME's contribution to a territory, read from the mirror: the aids of its communes (one SQL
// query per batch of communes), the summary by axis (computed in SQL), and the aids the
// territory may be missing because no commune could be given to them.
import { perParent } from '../../../../kit/src/perParent.js';
import { departmentOfCommune } from '../../../../kit/src/reference/companyIds.js';
import { checkPageSize, decodeCursor, paginate, type PageArgs } from '../../../../kit/src/pagination.js';
import type { AdemeAidRow } from '../ademeMirror.js';
import type { AdemeContext } from '../context.js';
import { newestFirst, toOperatorSummary } from './AdemeAid.js';

/** Largest page of aid a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

/** The parent value of a territory's contribution. */
export interface AdemeTerritoryValue {
  territoryId: string;
  communeCodes: readonly string[];
}

type Ctx = AdemeContext;

// Once per territory and request: aids and byScheme need the same sorted list.
const aidsOf = perParent(async (v: AdemeTerritoryValue, ctx: Ctx): Promise<AdemeAidRow[]> =>
  newestFirst(await ctx.loaders.aidsInCommunes.load([...new Set(v.communeCodes)])),
);

/** Cents summed as integers, then euros. */
function euros(rows: readonly AdemeAidRow[]): number {
  return rows.reduce((n, r) => n + (r.montant_cents ?? 0), 0) / 100;
}

export const AdemeTerritory = {
  aids: async (v: AdemeTerritoryValue, args: PageArgs & { scheme?: string | null }, ctx: Ctx) => {
    // Checked before the mirror is read.
    checkPageSize(args.first, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
    if (args.after) decodeCursor(args.after);
    const all = await aidsOf(v, ctx);
    const chosen = args.scheme ? all.filter((a) => a.dispositifaide === args.scheme) : all;
    return {
      ...paginate(chosen, args, { max: MAX_PAGE_SIZE, fallback: DEFAULT_PAGE_SIZE }),
      totalAmount: euros(chosen),
    };
  },

  byScheme: async (v: AdemeTerritoryValue, _: unknown, ctx: Ctx) => {
    const totals = new Map<string, AdemeAidRow[]>();
    for (const aid of await aidsOf(v, ctx)) {
      const key = aid.dispositifaide ?? '(none)';
      const list = totals.get(key);
      if (list) list.push(aid);
      else totals.set(key, [aid]);
    }
    return [...totals]
      .map(([scheme, aids]) => ({ scheme, count: aids.length, amount: euros(aids) }))
      .sort((a, b) => b.amount - a.amount || a.scheme.localeCompare(b.scheme));
  },

  summary: async (v: AdemeTerritoryValue, _: unknown, ctx: Ctx) =>
    toOperatorSummary(
      await ctx.loaders.summaryByTerritory.load({ key: v.territoryId, communes: [...v.communeCodes] }),
    ),

  unlocatedCount: async (v: AdemeTerritoryValue, _: unknown, ctx: Ctx) => {
    const departments = [...new Set(v.communeCodes.map(departmentOfCommune))];
    const counts = await ctx.loaders.unlocatedByDepartment.loadMany(departments);
    return counts.reduce<number>((n, c) => {
      if (c instanceof Error) throw c;
      return n + c;
    }, 0);
  },

  source: async (_: AdemeTerritoryValue, __: unknown, ctx: Ctx) => (await ctx.loaders.freshness()).source,
};
