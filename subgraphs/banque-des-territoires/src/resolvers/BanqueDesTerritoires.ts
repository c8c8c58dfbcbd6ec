// Fields of one territory's Banque des Territoires contribution.
import { loadFlat } from '../../../../kit/src/loadFlat.js';
import { summarize, type SummaryItem } from '../../../../kit/src/operatorSummary.js';
import { checkPageSize, decodeCursor, paginate } from '../../../../kit/src/pagination.js';
import { sumEuros } from '../../../../kit/src/scalars.js';
import { axisOfTheme } from '../axes.js';
import type { FinancingKind, FinancingRecord, SchoolRecord } from '../banqueDesTerritoiresClient.js';
import type { BanqueDesTerritoiresContext } from '../context.js';

/** Largest page of financings a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
const KINDS: readonly FinancingKind[] = ['LOAN', 'ENGINEERING', 'INVESTMENT'];

/** The parent value: which communes the contribution covers. */
export interface BanqueDesTerritoiresValue {
  territoryId: string;
  communeCodes: string[];
}

type Ctx = BanqueDesTerritoiresContext;

async function financingsOf(v: BanqueDesTerritoiresValue, ctx: Ctx): Promise<FinancingRecord[]> {
  const all = await loadFlat(ctx.loaders.financingsByCommune, v.communeCodes);
  return all.sort((a, b) => b.agreementDate.localeCompare(a.agreementDate) || a.id.localeCompare(b.id));
}

function schoolsOf(v: BanqueDesTerritoiresValue, ctx: Ctx): Promise<SchoolRecord[]> {
  return loadFlat(ctx.loaders.schoolsByCommune, v.communeCodes);
}

export const BanqueDesTerritoires = {
  financings: async (
    v: BanqueDesTerritoiresValue,
    args: { kind?: FinancingKind | null; first?: number | null; after?: string | null },
    ctx: Ctx,
  ) => {
    // Checked before any upstream call.
    checkPageSize(args.first, MAX_PAGE_SIZE, 20);
    if (args.after) decodeCursor(args.after);
    const all = await financingsOf(v, ctx);
    const chosen = args.kind ? all.filter((f) => f.kind === args.kind) : all;
    return paginate(chosen, args, { max: MAX_PAGE_SIZE, fallback: 20 });
  },

  byKind: async (v: BanqueDesTerritoiresValue, _: unknown, ctx: Ctx) => {
    const all = await financingsOf(v, ctx);
    return KINDS.map((kind) => {
      const ofKind = all.filter((f) => f.kind === kind);
      return { kind, count: ofKind.length, amount: sumEuros(ofKind.map((f) => f.amount)) };
    });
  },

  productionSchools: (v: BanqueDesTerritoiresValue, _: unknown, ctx: Ctx) => schoolsOf(v, ctx),

  summary: async (v: BanqueDesTerritoiresValue, _: unknown, ctx: Ctx) => {
    const [financings, schools] = await Promise.all([financingsOf(v, ctx), schoolsOf(v, ctx)]);
    // Écoles de production train for industrial trades: the compétences axis.
    const items: SummaryItem[] = [
      ...financings.map((f) => ({ amount: f.amount, axis: axisOfTheme(f.theme) })),
      ...schools.map((s) => ({ amount: s.support, axis: 'COMPETENCES' as const })),
    ];
    return summarize('BANQUE_DES_TERRITOIRES', items);
  },
};

export const Financing = {
  axis: (f: FinancingRecord) => axisOfTheme(f.theme),
};
