// Fields of Dgefp's contribution to a territory.
import { loadFlat } from '../../../../kit/src/loadFlat.js';
import { checkPageSize, decodeCursor, paginate, type PageArgs } from '../../../../kit/src/pagination.js';
import { sumEuros } from '../../../../kit/src/scalars.js';
import { DATASET, type DgefpRecord } from '../dgefpClient.js';
import { describeSource } from '../../../../kit/src/provenance.js';
import type { DgefpContext } from '../context.js';

/** Largest page a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
const LIMITS = { max: MAX_PAGE_SIZE, fallback: 20 };

/** The parent value of a territory's contribution. */
export interface DgefpTerritoryValue {
  territoryId: string;
  communeCodes: string[];
}

async function recordsOf(value: DgefpTerritoryValue, ctx: DgefpContext): Promise<DgefpRecord[]> {
  const records = await loadFlat(ctx.loaders.recordsByCommune, value.communeCodes);
  return records.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

export const DgefpTerritory = {
  records: async (value: DgefpTerritoryValue, args: PageArgs, ctx: DgefpContext) => {
    // Bad page arguments are refused before any upstream call.
    checkPageSize(args.first, LIMITS.max, LIMITS.fallback);
    if (args.after) decodeCursor(args.after);
    return paginate(await recordsOf(value, ctx), args, LIMITS);
  },
  count: async (value: DgefpTerritoryValue, _args: unknown, ctx: DgefpContext) =>
    (await recordsOf(value, ctx)).length,
  amount: async (value: DgefpTerritoryValue, _args: unknown, ctx: DgefpContext) =>
    sumEuros((await recordsOf(value, ctx)).map((r) => r.amount)),
  // The figures' provenance: that of their records (a territory with none was still asked).
  source: async (value: DgefpTerritoryValue, _args: unknown, ctx: DgefpContext) =>
    (await recordsOf(value, ctx))[0]?.source ?? describeSource(DATASET, ctx.baseUrl, null),
};
