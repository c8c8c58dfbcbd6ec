// The vte subgraph's resolver map, one file per group of types.
import { DateScalar, DateTimeScalar, EurosScalar } from '../../../../kit/src/scalars.js';
import type { GraphQLResolverMap } from '../../../../kit/src/subgraphServer.js';
import type { VteContext } from '../context.js';
import { Company, VteCompany } from './Company.js';
import { Territory } from './Territory.js';
import { VteAidType, VteOfferType, VteTerritory } from './VteTerritory.js';

export const resolvers = {
  Euros: EurosScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Territory,
  Company,
  VteTerritory,
  VteCompany,
  VteOffer: VteOfferType,
  VteAid: VteAidType,
} as unknown as GraphQLResolverMap<VteContext>;
