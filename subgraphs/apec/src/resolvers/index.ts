// The apec subgraph's resolver map, one file per group of types.
import { DateScalar, DateTimeScalar, EurosScalar } from '../../../../kit/src/scalars.js';
import type { GraphQLResolverMap } from '../../../../kit/src/subgraphServer.js';
import type { ApecContext } from '../context.js';
import { ApecTerritory, Territory } from './Territory.js';

export const resolvers = {
  Euros: EurosScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Territory,
  ApecTerritory,
} as unknown as GraphQLResolverMap<ApecContext>;
