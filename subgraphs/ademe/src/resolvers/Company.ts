// Company, as this subgraph extends it (the gateway hands over a SIREN), and ADEME's contribution
// to a company.
import { checkSiren } from '../../../../kit/src/reference/companyIds.js';
import { summarize } from '../../../../kit/src/operatorSummary.js';
import type { AdemeContext } from '../context.js';
import { aidItems, newestFirst } from './AdemeTerritory.js';

type Ctx = AdemeContext;

export const Company = {
  __resolveReference: (ref: { siren: string }) => ({ siren: checkSiren(ref.siren) }),
  ademe: (c: { siren: string }) => ({ siren: checkSiren(c.siren) }),
};

export const AdemeCompany = {
  aids: async (c: { siren: string }, _: unknown, ctx: Ctx) =>
    newestFirst([...(await ctx.loaders.aidsByCompany.load(c.siren))]),
  summary: async (c: { siren: string }, _: unknown, ctx: Ctx) =>
    summarize('ADEME', aidItems(await ctx.loaders.aidsByCompany.load(c.siren))),
};
