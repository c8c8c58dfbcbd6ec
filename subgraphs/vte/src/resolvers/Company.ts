// Company, as this subgraph extends it (the gateway hands over a SIREN), and VTE's contribution to
// a company.
import { checkSiren } from '../../../../kit/src/reference/companyIds.js';
import type { VteContext } from '../context.js';
import { newestAids, newestOffers, summaryOf } from './VteTerritory.js';

type Ctx = VteContext;

async function companyData(c: { siren: string }, ctx: Ctx) {
  const [offers, aids] = await Promise.all([
    ctx.loaders.offersByCompany.load(c.siren),
    ctx.loaders.aidsByCompany.load(c.siren),
  ]);
  return { offers, aids };
}

export const Company = {
  __resolveReference: (ref: { siren: string }) => ({ siren: checkSiren(ref.siren) }),
  vte: (c: { siren: string }) => ({ siren: checkSiren(c.siren) }),
};

export const VteCompany = {
  offers: async (c: { siren: string }, _: unknown, ctx: Ctx) =>
    newestOffers([...(await ctx.loaders.offersByCompany.load(c.siren))]),
  aids: async (c: { siren: string }, _: unknown, ctx: Ctx) =>
    newestAids([...(await ctx.loaders.aidsByCompany.load(c.siren))]),
  summary: async (c: { siren: string }, _: unknown, ctx: Ctx) => {
    const { offers, aids } = await companyData(c, ctx);
    return summaryOf([...offers], [...aids], ctx);
  },
  source: async (c: { siren: string }, _: unknown, ctx: Ctx) => {
    await companyData(c, ctx);
    return ctx.client.source('backend', ctx.retrievals.retrievedAt);
  },
};
