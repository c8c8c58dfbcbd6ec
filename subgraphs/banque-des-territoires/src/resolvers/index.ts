// The banque-des-territoires subgraph's resolver map, one file per group of types.
import { DateScalar, DateTimeScalar, EurosScalar } from '../../../../kit/src/scalars.js';
import type { GraphQLResolverMap } from '../../../../kit/src/subgraphServer.js';
import type { BanqueDesTerritoiresContext } from '../context.js';
import { BanqueDesTerritoires, Financing } from './BanqueDesTerritoires.js';
import { Territory } from './Territory.js';

export const resolvers = {
  Euros: EurosScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Territory,
  BanqueDesTerritoires,
  Financing,
} as unknown as GraphQLResolverMap<BanqueDesTerritoiresContext>;
