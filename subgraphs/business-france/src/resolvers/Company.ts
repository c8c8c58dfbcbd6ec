// Company, as this subgraph extends it, and the projects that point back to companies.
import { checkSiren } from '../../../../kit/src/reference/companyIds.js';
import { axisOfProject } from '../axes.js';
import type { ProjectRecord } from '../businessFranceClient.js';
import type { BusinessFranceContext } from '../context.js';
import { newestFirst } from './BusinessFranceTerritory.js';

export const Company = {
  // Checked before any upstream call: a bad SIREN never reaches the backend.
  businessFrance: async (company: { siren: string }, _: unknown, ctx: BusinessFranceContext) => {
    checkSiren(company.siren);
    const projects = await ctx.loaders.projectsBySiren.load(company.siren);
    return {
      projects: [...projects].sort(newestFirst),
      source: ctx.client.source('projects', ctx.retrievals.retrievedAt),
    };
  },
};

export const InvestmentProject = {
  company: (p: ProjectRecord) => (p.siren ? { siren: p.siren } : null),
  axis: (p: ProjectRecord) => axisOfProject(p),
};
