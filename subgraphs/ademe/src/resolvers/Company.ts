// Company, as this subgraph extends it (the gateway hands over a SIREN), and ADEME's contribution
// to a company: its aids found in the mirror by SIREN, one SQL query per batch of companies.
import { checkSiren } from '../../../../kit/src/reference/companyIds.js';
import type { AdemeContext } from '../context.js';
import { newestFirst, summaryOfRows } from './AdemeAid.js';

type Ctx = AdemeContext;

export const Company = {
  __resolveReference: (ref: { siren: string }) => ({ siren: checkSiren(ref.siren) }),
  ademe: (c: { siren: string }) => ({ siren: checkSiren(c.siren) }),
};

export const AdemeCompany = {
  aids: async (c: { siren: string }, _: unknown, ctx: Ctx) =>
    newestFirst([...(await ctx.loaders.aidsBySiren.load(c.siren))]),
  summary: async (c: { siren: string }, _: unknown, ctx: Ctx) =>
    summaryOfRows(await ctx.loaders.aidsBySiren.load(c.siren)),
  source: async (_: { siren: string }, __: unknown, ctx: Ctx) => (await ctx.loaders.freshness()).source,
};
