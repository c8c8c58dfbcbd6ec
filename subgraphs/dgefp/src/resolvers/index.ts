// The dgefp subgraph's resolver map, one file per group of types.
import { DateScalar, DateTimeScalar, EurosScalar } from '../../../../kit/src/scalars.js';
import type { GraphQLResolverMap } from '../../../../kit/src/subgraphServer.js';
import type { DgefpContext } from '../context.js';
import { DgefpActionType, DgefpCompany, DgefpTerritory } from './DgefpActions.js';
import { Company, Territory } from './Territory.js';

export const resolvers = {
  Euros: EurosScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Territory,
  Company,
  DgefpTerritory,
  DgefpCompany,
  DgefpAction: DgefpActionType,
} as unknown as GraphQLResolverMap<DgefpContext>;
