// Bpifrance in one territory: France Relance projects placed in its communes and the illustrative
// France 2030 laureates (both from the mirror, one SQL query per batch), a summary whose counts
// come from SQL, what could not be placed, and where it all comes from.
import { perParent } from '../../../../kit/src/perParent.js';
import { departmentOfCommune } from '../../../../kit/src/reference/companyIds.js';
import {
  PHASE2_AXES,
  type OperatorSummaryValue,
  type Phase2Axis,
} from '../../../../kit/src/operatorSummary.js';
import { checkPageSize, decodeCursor, paginate, type PageArgs } from '../../../../kit/src/pagination.js';
import { sumEuros } from '../../../../kit/src/scalars.js';
import {
  axisOf,
  isAccelerationFund,
  newestFirst,
  PROGRAMMES,
  type AidValue,
  type BpifranceProgramme,
} from '../aid.js';
import type { BpifranceContext } from '../context.js';

/** Largest page of aid a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

/** The parent value: which communes the contribution covers. */
export interface BpifranceTerritoryValue {
  territoryId: string;
  communeCodes: readonly string[];
}

type Ctx = BpifranceContext;

// Once per territory and request: aids, companyCount, byProgramme, aidsWithoutAmount and summary
// need the same lists.
const laureatesOf = perParent((v: BpifranceTerritoryValue, ctx: Ctx): Promise<AidValue[]> =>
  ctx.loaders.laureatesInCommunes.load([...new Set(v.communeCodes)]),
);

const aidsOf = perParent(async (v: BpifranceTerritoryValue, ctx: Ctx): Promise<AidValue[]> => {
  const [projects, laureates] = await Promise.all([
    ctx.loaders.projectsInCommunes.load([...new Set(v.communeCodes)]),
    laureatesOf(v, ctx),
  ]);
  return [...projects, ...laureates].sort(newestFirst);
});

/** Sum of the published amounts; null when none of the aids publishes one. */
export function publishedAmount(aids: readonly AidValue[]): number | null {
  const amounts = aids.flatMap((a) => (a.amount === null ? [] : [a.amount]));
  return amounts.length === 0 ? null : sumEuros(amounts);
}

/** Builds the shared `OperatorSummary` from counted items; items without an amount add 0 €. */
export function operatorSummary(
  items: readonly { axis: Phase2Axis; count: number; amount: number }[],
): OperatorSummaryValue {
  const total = (list: typeof items) => ({
    count: list.reduce((n, i) => n + i.count, 0),
    amount: sumEuros(list.map((i) => i.amount)),
  });
  return {
    operator: 'BPIFRANCE',
    ...total(items),
    byAxis: PHASE2_AXES.map((axis) => ({ axis, ...total(items.filter((i) => i.axis === axis)) })),
  };
}

export const BpifranceTerritory = {
  aids: async (
    v: BpifranceTerritoryValue,
    args: PageArgs & { programme?: BpifranceProgramme | null },
    ctx: Ctx,
  ) => {
    // Checked before the mirror is read.
    checkPageSize(args.first, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
    if (args.after) decodeCursor(args.after);
    const all = await aidsOf(v, ctx);
    const chosen = args.programme ? all.filter((a) => a.programme === args.programme) : all;
    return paginate(chosen, args, { max: MAX_PAGE_SIZE, fallback: DEFAULT_PAGE_SIZE });
  },

  companyCount: async (v: BpifranceTerritoryValue, _: unknown, ctx: Ctx) =>
    new Set((await aidsOf(v, ctx)).map((a) => a.siren)).size,

  byProgramme: async (v: BpifranceTerritoryValue, _: unknown, ctx: Ctx) => {
    const all = await aidsOf(v, ctx);
    return PROGRAMMES.map((programme) => {
      const chosen = all.filter((a) => a.programme === programme);
      return { programme, count: chosen.length, amount: publishedAmount(chosen) };
    });
  },

  // France Relance counted per measure by the database; the few illustrative laureates added here.
  summary: async (v: BpifranceTerritoryValue, _: unknown, ctx: Ctx) => {
    const [counts, laureates] = await Promise.all([
      ctx.loaders.measureCountsByTerritory.load({ key: v.territoryId, communes: [...v.communeCodes] }),
      laureatesOf(v, ctx),
    ]);
    return operatorSummary([
      ...counts.map((c) => {
        const programme = isAccelerationFund(c.mesure, c.mesureLight)
          ? 'FONDS_ACCELERATION'
          : 'FRANCE_RELANCE_OTHER';
        return { axis: axisOf(programme, c.mesure ?? c.mesureLight ?? ''), count: c.count, amount: 0 };
      }),
      ...laureates.map((a) => ({ axis: a.axis, count: 1, amount: a.amount ?? 0 })),
    ]);
  },

  aidsWithoutAmount: async (v: BpifranceTerritoryValue, _: unknown, ctx: Ctx) =>
    (await aidsOf(v, ctx)).filter((a) => a.amount === null).length,

  unlocatedCount: async (v: BpifranceTerritoryValue, _: unknown, ctx: Ctx) => {
    const departments = [...new Set(v.communeCodes.map(departmentOfCommune))];
    const counts = await ctx.loaders.unlocatedByDepartment.loadMany(departments);
    return counts.reduce<number>((n, c) => {
      if (c instanceof Error) throw c;
      return n + c;
    }, 0);
  },

  source: async (_: BpifranceTerritoryValue, __: unknown, ctx: Ctx) => (await ctx.loaders.freshness()).source,

  france2030Source: (_: BpifranceTerritoryValue, __: unknown, ctx: Ctx) => ctx.loaders.france2030Source(),
};
