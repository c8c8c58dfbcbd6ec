// Fields of Bpifrance's contribution to one territory (aggregates are public).
import { loadFlat } from '../../../../kit/src/loadFlat.js';
import { summarize } from '../../../../kit/src/operatorSummary.js';
import { checkPageSize, decodeCursor, paginate } from '../../../../kit/src/pagination.js';
import { sumEuros } from '../../../../kit/src/scalars.js';
import { axisOfAid } from '../axes.js';
import type { AidRecord, BpifranceProgramme } from '../bpifranceClient.js';
import type { BpifranceContext } from '../context.js';

/** Largest page of aid a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
const PROGRAMMES: readonly BpifranceProgramme[] = ['FONDS_ACCELERATION', 'REBOND_INDUSTRIEL', 'FRANCE_2030'];

/** The parent value: which communes the contribution covers. */
export interface BpifranceTerritoryValue {
  territoryId: string;
  communeCodes: string[];
}

/** Newest first, then by record id, so pages are stable. */
export function newestFirst(a: AidRecord, b: AidRecord): number {
  return b.year - a.year || a.id.localeCompare(b.id);
}

async function aidsOf(v: BpifranceTerritoryValue, ctx: BpifranceContext): Promise<AidRecord[]> {
  return (await loadFlat(ctx.loaders.aidsByCommune, v.communeCodes)).sort(newestFirst);
}

export const BpifranceTerritory = {
  aids: async (
    v: BpifranceTerritoryValue,
    args: { programme?: BpifranceProgramme | null; first?: number | null; after?: string | null },
    ctx: BpifranceContext,
  ) => {
    // Checked before any upstream call.
    checkPageSize(args.first, MAX_PAGE_SIZE, 20);
    if (args.after) decodeCursor(args.after);
    const all = await aidsOf(v, ctx);
    const chosen = args.programme ? all.filter((a) => a.programme === args.programme) : all;
    return paginate(chosen, args, { max: MAX_PAGE_SIZE, fallback: 20 });
  },

  companyCount: async (v: BpifranceTerritoryValue, _: unknown, ctx: BpifranceContext) =>
    new Set((await aidsOf(v, ctx)).map((a) => a.siren)).size,

  byProgramme: async (v: BpifranceTerritoryValue, _: unknown, ctx: BpifranceContext) => {
    const all = await aidsOf(v, ctx);
    return PROGRAMMES.map((programme) => {
      const chosen = all.filter((a) => a.programme === programme);
      return { programme, count: chosen.length, amount: sumEuros(chosen.map((a) => a.amount)) };
    });
  },

  summary: async (v: BpifranceTerritoryValue, _: unknown, ctx: BpifranceContext) =>
    summarize(
      'BPIFRANCE',
      (await aidsOf(v, ctx)).map((a) => ({ amount: a.amount, axis: axisOfAid(a) })),
    ),
};
