// The france-travail subgraph's resolver map, one file per group of types.
import { DateScalar, DateTimeScalar, EurosScalar } from '../../../../kit/src/scalars.js';
import type { GraphQLResolverMap } from '../../../../kit/src/subgraphServer.js';
import type { FranceTravailContext } from '../context.js';
import { Company, FranceTravailCompany } from './Company.js';
import { FranceTravailTerritory, RecruitmentOutlook } from './FranceTravailTerritory.js';
import { JobOffer } from './JobOffer.js';
import { Territory } from './Territory.js';

export const resolvers = {
  Euros: EurosScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Territory,
  Company,
  FranceTravailTerritory,
  FranceTravailCompany,
  RecruitmentOutlook,
  JobOffer,
} as unknown as GraphQLResolverMap<FranceTravailContext>;
