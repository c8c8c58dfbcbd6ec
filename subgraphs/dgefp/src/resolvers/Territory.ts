// Territory and Company, as this subgraph extends them: the gateway hands over a territory's
// communes, or a SIREN, and one batched read answers every field below.
import { checkSiren } from '../../../../kit/src/reference/companyIds.js';
import type { DgefpContext } from '../context.js';
import { mergeKeys, type DgefpValue } from './DgefpActions.js';

/** The representation the gateway sends (`@requires(fields: "communeCodes")`). */
export interface TerritoryRepresentation {
  id: string;
  communeCodes: string[];
}

export const Territory = {
  dgefp: async (t: TerritoryRepresentation, _: unknown, ctx: DgefpContext): Promise<DgefpValue> =>
    mergeKeys(await ctx.loaders.actionsByCommune.load(t.communeCodes), ctx),
};

export const Company = {
  __resolveReference: (ref: { siren: string }) => ({ siren: checkSiren(ref.siren) }),
  dgefp: async (c: { siren: string }, _: unknown, ctx: DgefpContext): Promise<DgefpValue> =>
    mergeKeys([await ctx.loaders.actionsByCompany.load(checkSiren(c.siren))], ctx),
};
