// The ademe subgraph's resolver map, one file per group of types.
import { DateScalar, DateTimeScalar, EurosScalar } from '../../../../kit/src/scalars.js';
import type { GraphQLResolverMap } from '../../../../kit/src/subgraphServer.js';
import type { AdemeContext } from '../context.js';
import { AdemeAid } from './AdemeAid.js';
import { AdemeTerritory } from './AdemeTerritory.js';
import { AdemeCompany, Company } from './Company.js';
import { Territory } from './Territory.js';

export const resolvers = {
  Euros: EurosScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Territory,
  Company,
  AdemeTerritory,
  AdemeCompany,
  AdemeAid,
} as unknown as GraphQLResolverMap<AdemeContext>;
