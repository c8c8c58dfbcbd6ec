// Company, as this subgraph extends it (the gateway hands over a SIREN), and France Travail's
// contribution to a company.
import { checkSiren } from '../../../../kit/src/reference/companyIds.js';
import type { PageArgs } from '../../../../kit/src/pagination.js';
import type { FranceTravailContext } from '../context.js';
import { listed } from '../loaders.js';
import { OFFERS_DATASET, sourceOf } from '../sources.js';
import { checkEstablishment } from '../validate.js';
import { checkPage, newestFirst, offerPage, oldest, summaryOf } from './FranceTravailTerritory.js';

/** The parent value of a company's contribution. */
export interface FranceTravailCompanyValue {
  siren: string;
}

type Ctx = FranceTravailContext;

export const Company = {
  __resolveReference: (ref: { siren: string }) => ({ siren: checkSiren(ref.siren) }),
  franceTravail: (c: { siren: string }): FranceTravailCompanyValue => ({ siren: checkSiren(c.siren) }),
};

export const FranceTravailCompany = {
  offers: async (v: FranceTravailCompanyValue, args: PageArgs & { siret?: string | null }, ctx: Ctx) => {
    checkPage(args);
    if (args.siret != null) checkEstablishment(v.siren, args.siret);
    const all = await ctx.loaders.offersByCompany.load(v.siren);
    const chosen = args.siret == null ? [...all] : all.filter((o) => o.siret === args.siret);
    return offerPage(newestFirst(chosen.map(listed)), args);
  },
  summary: async (v: FranceTravailCompanyValue, _: unknown, ctx: Ctx) =>
    summaryOf(await ctx.loaders.offersByCompany.load(v.siren)),
  source: async (v: FranceTravailCompanyValue, _: unknown, ctx: Ctx) => {
    const offers = await ctx.loaders.offersByCompany.load(v.siren);
    // A company with no offer still had its search read now.
    return sourceOf(
      OFFERS_DATASET,
      ctx.locations.apiUrl,
      oldest(offers.map((o) => o.retrievedAt)) ?? new Date().toISOString(),
    );
  },
};
