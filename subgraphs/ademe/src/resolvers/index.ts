// The ademe subgraph's resolver map, one file per group of types.
import { DateScalar, EurosScalar } from '../../../../kit/src/scalars.js';
import type { GraphQLResolverMap } from '../../../../kit/src/subgraphServer.js';
import type { AdemeContext } from '../context.js';
import { AdemeAidType, AdemeCompany, AdemeTerritory, FondsVertProjectType } from './Ademe.js';
import { Company, Territory } from './Territory.js';

export const resolvers = {
  Euros: EurosScalar,
  Date: DateScalar,
  Territory,
  Company,
  AdemeTerritory,
  AdemeCompany,
  AdemeAid: AdemeAidType,
  FondsVertProject: FondsVertProjectType,
} as unknown as GraphQLResolverMap<AdemeContext>;
