// Fields of VTE's contribution to a territory, and of the offers and aid it lists.
import { perParent } from '../../../../kit/src/perParent.js';
import { summarize } from '../../../../kit/src/operatorSummary.js';
import { checkPageSize, decodeCursor, paginate, type PageArgs } from '../../../../kit/src/pagination.js';
import { sumEuros } from '../../../../kit/src/scalars.js';
import type { VteContext } from '../context.js';
import type { VteAid, VteAidScheme, VteOffer } from '../vteClient.js';

/** Largest page a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;
const LIMITS = { max: MAX_PAGE_SIZE, fallback: DEFAULT_PAGE_SIZE };
const SCHEMES: readonly VteAidScheme[] = ['VTE_TERRITOIRES_INDUSTRIE', 'VTE_VERT'];

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

/**
 * Each offer counts once, for all the aid granted on it (0 € while open): a VTE Vert offer on the
 * transition écologique axis (its mission is the company's ecological transition), any other on
 * compétences.
 */
export function summaryOf(offers: VteOffer[], aids: VteAid[], ctx: Ctx) {
  const aidByOffer = new Map<string, number[]>();
  for (const aid of aids) {
    const amounts = aidByOffer.get(aid.offerId);
    if (amounts) amounts.push(aid.amount);
    else aidByOffer.set(aid.offerId, [aid.amount]);
  }
  return {
    ...summarize(
      'VTE',
      offers.map((o) => ({
        amount: sumEuros(aidByOffer.get(o.id) ?? []),
        axis: o.green ? ('TRANSITION_ECOLOGIQUE' as const) : ('COMPETENCES' as const),
      })),
    ),
    // Ready for a `source` on the shared OperatorSummary.
    source: ctx.client.source('backend', ctx.retrievals.retrievedAt),
  };
}

/** Count and amount of the aid under each scheme, zeros included, in a fixed order. */
export function bySchemeOf(aids: VteAid[]) {
  return SCHEMES.map((scheme) => {
    const under = aids.filter((a) => a.scheme === scheme);
    return { scheme, count: under.length, amount: sumEuros(under.map((a) => a.amount)) };
  });
}

// Once per territory and request: offers, aid, summary and source each need the same lists.
const offersOf = perParent(async (v: VteTerritoryValue, ctx: Ctx) =>
  newestOffers(await ctx.loaders.offersInCommunes.load(v.communeCodes)),
);
const aidsOf = perParent(async (v: VteTerritoryValue, ctx: Ctx) =>
  newestAids(await ctx.loaders.aidsInCommunes.load(v.communeCodes)),
);

async function territoryData(v: VteTerritoryValue, ctx: Ctx) {
  const [offers, aids] = await Promise.all([offersOf(v, ctx), aidsOf(v, ctx)]);
  return { offers, aids };
}

export const VteTerritory = {
  offers: async (v: VteTerritoryValue, args: PageArgs & { filled?: boolean | null }, ctx: Ctx) => {
    checkPage(args);
    const all = await offersOf(v, ctx);
    const chosen = args.filled == null ? all : all.filter((o) => o.filled === args.filled);
    return paginate(chosen, args, LIMITS);
  },
  aids: async (v: VteTerritoryValue, args: PageArgs & { scheme?: VteAidScheme | null }, ctx: Ctx) => {
    checkPage(args);
    const every = await aidsOf(v, ctx);
    const all = args.scheme ? every.filter((a) => a.scheme === args.scheme) : every;
    return {
      ...paginate(all, args, LIMITS),
      totalAmount: sumEuros(all.map((a) => a.amount)),
      byScheme: bySchemeOf(all),
    };
  },
  summary: async (v: VteTerritoryValue, _: unknown, ctx: Ctx) => {
    const { offers, aids } = await territoryData(v, ctx);
    return summaryOf(offers, aids, ctx);
  },
  source: async (v: VteTerritoryValue, _: unknown, ctx: Ctx) => {
    await territoryData(v, ctx);
    return ctx.client.source('backend', ctx.retrievals.retrievedAt);
  },
};

export const VteOfferType = { company: (o: VteOffer) => ({ siren: o.siren }) };

/** French names of the schemes, as the programme's documents write them. */
const SCHEME_LABELS: Record<VteAidScheme, string> = {
  VTE_TERRITOIRES_INDUSTRIE: 'Aide VTE Territoires d’industrie',
  VTE_VERT: 'Aide VTE Vert',
};

export const VteAidType = {
  company: (a: VteAid) => ({ siren: a.siren }),
  programme: (a: VteAid) => SCHEME_LABELS[a.scheme],
};
