// Company, as this subgraph extends it, and the aid records that point back to companies.
import { checkSiren } from '../../../../kit/src/reference/companyIds.js';
import { summarize } from '../../../../kit/src/operatorSummary.js';
import { axisOfAid } from '../axes.js';
import type { AidRecord } from '../bpifranceClient.js';
import type { BpifranceContext } from '../context.js';
import { newestFirst } from './BpifranceTerritory.js';

export const Company = {
  // Checked before any upstream call: a bad SIREN never reaches the portal.
  bpifrance: async (company: { siren: string }, _: unknown, ctx: BpifranceContext) => {
    checkSiren(company.siren);
    const aids = await ctx.loaders.aidsBySiren.load(company.siren);
    return { aids: [...aids].sort(newestFirst) };
  },
};

export const BpifranceCompany = {
  // Restricted by @requiresScopes in the schema: the gateway only asks for it on behalf of a
  // caller holding `bpifrance:amounts`.
  summary: (c: { aids: AidRecord[] }) =>
    summarize(
      'BPIFRANCE',
      c.aids.map((a) => ({ amount: a.amount, axis: axisOfAid(a) })),
    ),
};

export const BpifranceAid = {
  company: (a: AidRecord) => ({ siren: a.siren }),
  axis: (a: AidRecord) => axisOfAid(a),
};
