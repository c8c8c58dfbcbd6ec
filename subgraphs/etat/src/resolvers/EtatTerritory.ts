// Fields of Etat's contribution to a territory.
import { loadFlat } from '../../../../kit/src/loadFlat.js';
import { checkPageSize, decodeCursor, paginate, type PageArgs } from '../../../../kit/src/pagination.js';
import { sumEuros } from '../../../../kit/src/scalars.js';
import type { EtatRecord } from '../etatClient.js';
import type { EtatContext } from '../context.js';

/** Largest page a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
const LIMITS = { max: MAX_PAGE_SIZE, fallback: 20 };

/** The parent value of a territory's contribution. */
export interface EtatTerritoryValue {
  territoryId: string;
  communeCodes: string[];
}

async function recordsOf(value: EtatTerritoryValue, ctx: EtatContext): Promise<EtatRecord[]> {
  const records = await loadFlat(ctx.loaders.recordsByCommune, value.communeCodes);
  return records.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

export const EtatTerritory = {
  records: async (value: EtatTerritoryValue, args: PageArgs, ctx: EtatContext) => {
    // Bad page arguments are refused before any upstream call.
    checkPageSize(args.first, LIMITS.max, LIMITS.fallback);
    if (args.after) decodeCursor(args.after);
    return paginate(await recordsOf(value, ctx), args, LIMITS);
  },
  count: async (value: EtatTerritoryValue, _args: unknown, ctx: EtatContext) =>
    (await recordsOf(value, ctx)).length,
  amount: async (value: EtatTerritoryValue, _args: unknown, ctx: EtatContext) =>
    sumEuros((await recordsOf(value, ctx)).map((r) => r.amount)),
};
