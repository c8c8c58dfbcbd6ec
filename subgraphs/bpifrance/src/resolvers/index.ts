// The bpifrance subgraph's resolver map, one file per group of types.
import { DateScalar, DateTimeScalar, EurosScalar } from '../../../../kit/src/scalars.js';
import type { GraphQLResolverMap } from '../../../../kit/src/subgraphServer.js';
import type { BpifranceContext } from '../context.js';
import { BpifranceTerritory } from './BpifranceTerritory.js';
import { BpifranceAid, BpifranceCompany, Company } from './Company.js';
import { Territory } from './Territory.js';

export const resolvers = {
  Euros: EurosScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Territory,
  Company,
  BpifranceTerritory,
  BpifranceCompany,
  BpifranceAid,
} as unknown as GraphQLResolverMap<BpifranceContext>;
