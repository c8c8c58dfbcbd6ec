// The action-logement subgraph's resolver map, one file per group of types.
import { DateScalar, DateTimeScalar, EurosScalar } from '../../../../kit/src/scalars.js';
import type { GraphQLResolverMap } from '../../../../kit/src/subgraphServer.js';
import type { ActionLogementContext } from '../context.js';
import {
  ActionLogementCompany,
  ActionLogementTerritory,
  Company,
  HousingAidType,
  Territory,
} from './Territory.js';

export const resolvers = {
  Euros: EurosScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Territory,
  Company,
  ActionLogementTerritory,
  ActionLogementCompany,
  HousingAid: HousingAidType,
} as unknown as GraphQLResolverMap<ActionLogementContext>;
