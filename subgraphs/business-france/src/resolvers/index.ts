// The business-france subgraph's resolver map, one file per group of types.
import { DateScalar, DateTimeScalar, EurosScalar } from '../../../../kit/src/scalars.js';
import type { GraphQLResolverMap } from '../../../../kit/src/subgraphServer.js';
import type { BusinessFranceContext } from '../context.js';
import { BusinessFranceTerritory } from './BusinessFranceTerritory.js';
import { Company, InvestmentProject } from './Company.js';
import { Territory } from './Territory.js';

export const resolvers = {
  Euros: EurosScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Territory,
  Company,
  BusinessFranceTerritory,
  InvestmentProject,
} as unknown as GraphQLResolverMap<BusinessFranceContext>;
