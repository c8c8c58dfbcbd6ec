// Fields of VTE's contribution to a territory, and of the offers and aid it lists.
import { loadFlat } from '../../../../kit/src/loadFlat.js';
import { summarize } from '../../../../kit/src/operatorSummary.js';
import { checkPageSize, decodeCursor, paginate, type PageArgs } from '../../../../kit/src/pagination.js';
import { sumEuros } from '../../../../kit/src/scalars.js';
import type { VteContext } from '../context.js';
import type { VteAid, VteOffer } from '../vteClient.js';

/** Largest page a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;
const LIMITS = { max: MAX_PAGE_SIZE, fallback: DEFAULT_PAGE_SIZE };

/** The parent value of a territory's contribution. */
export interface VteTerritoryValue {
  territoryId: string;
  communeCodes: string[];
}

type Ctx = VteContext;

/** Checks page arguments up front, so a bad one costs no upstream call. */
function checkPage(args: PageArgs): void {
  checkPageSize(args.first, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  if (args.after) decodeCursor(args.after);
}

/** Offers newest first, then by id. */
export const newestOffers = (offers: VteOffer[]) =>
  offers.sort((a, b) => b.publishedOn.localeCompare(a.publishedOn) || a.id.localeCompare(b.id));
/** Aid newest first, then by id. */
export const newestAids = (aids: VteAid[]) =>
  aids.sort((a, b) => b.hiredOn.localeCompare(a.hiredOn) || a.id.localeCompare(b.id));

/** Each offer counts once on the compétences axis, for the aid granted on it (0 € while open). */
export function summaryOf(offers: VteOffer[], aids: VteAid[]) {
  const aidByOffer = new Map<string, number>();
  for (const aid of aids) aidByOffer.set(aid.offerId, (aidByOffer.get(aid.offerId) ?? 0) + aid.amount);
  return summarize(
    'VTE',
    offers.map((o) => ({ amount: aidByOffer.get(o.id) ?? 0, axis: 'COMPETENCES' as const })),
  );
}

export const VteTerritory = {
  offers: async (v: VteTerritoryValue, args: PageArgs & { filled?: boolean | null }, ctx: Ctx) => {
    checkPage(args);
    const all = newestOffers(await loadFlat(ctx.loaders.offersByCommune, v.communeCodes));
    const chosen = args.filled == null ? all : all.filter((o) => o.filled === args.filled);
    return paginate(chosen, args, LIMITS);
  },
  aids: async (v: VteTerritoryValue, args: PageArgs, ctx: Ctx) => {
    checkPage(args);
    const all = newestAids(await loadFlat(ctx.loaders.aidsByCommune, v.communeCodes));
    return { ...paginate(all, args, LIMITS), totalAmount: sumEuros(all.map((a) => a.amount)) };
  },
  summary: async (v: VteTerritoryValue, _: unknown, ctx: Ctx) => {
    const [offers, aids] = await Promise.all([
      loadFlat(ctx.loaders.offersByCommune, v.communeCodes),
      loadFlat(ctx.loaders.aidsByCommune, v.communeCodes),
    ]);
    return summaryOf(offers, aids);
  },
};

export const VteOfferType = { company: (o: VteOffer) => ({ siren: o.siren }) };
export const VteAidType = { company: (a: VteAid) => ({ siren: a.siren }) };
