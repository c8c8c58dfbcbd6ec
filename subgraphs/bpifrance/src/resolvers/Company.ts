// Company, as this subgraph extends it, and the aid records that point back to companies.
import { checkSiren } from '../../../../kit/src/reference/companyIds.js';
import { newestFirst, type AidValue } from '../aid.js';
import type { BpifranceContext } from '../context.js';
import { operatorSummary } from './BpifranceTerritory.js';

/** The parent value of a company's Bpifrance block. */
export interface BpifranceCompanyValue {
  aids: AidValue[];
}

export const Company = {
  // Checked before any read: a bad SIREN never reaches the mirror or the portal.
  bpifrance: async (
    company: { siren: string },
    _: unknown,
    ctx: BpifranceContext,
  ): Promise<BpifranceCompanyValue> => {
    checkSiren(company.siren);
    const [projects, laureates] = await Promise.all([
      ctx.loaders.projectsBySiren.load(company.siren),
      ctx.loaders.laureatesBySiren.load(company.siren),
    ]);
    return { aids: [...projects, ...laureates].sort(newestFirst) };
  },
};

export const BpifranceCompany = {
  // Restricted by @requiresScopes in the schema: the gateway only asks for it on behalf of a
  // caller holding `bpifrance:amounts`.
  summary: (c: BpifranceCompanyValue) =>
    operatorSummary(c.aids.map((a) => ({ axis: a.axis, count: 1, amount: a.amount ?? 0 }))),
  source: async (_: BpifranceCompanyValue, __: unknown, ctx: BpifranceContext) =>
    (await ctx.loaders.freshness()).source,
};

export const BpifranceAid = {
  company: (a: AidValue) => ({ siren: a.siren }),
};
