// The action-logement subgraph's resolver map, one file per group of types.
import { DateScalar, DateTimeScalar, EurosScalar } from '../../../../kit/src/scalars.js';
import type { GraphQLResolverMap } from '../../../../kit/src/subgraphServer.js';
import type { ActionLogementContext } from '../context.js';
import { ActionLogementTerritory } from './ActionLogementTerritory.js';
import { Territory } from './Territory.js';

export const resolvers = {
  Euros: EurosScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Territory,
  ActionLogementTerritory,
} as unknown as GraphQLResolverMap<ActionLogementContext>;
