// The etat subgraph's resolver map, one file per group of types.
import { DateScalar, DateTimeScalar, EurosScalar } from '../../../../kit/src/scalars.js';
import type { GraphQLResolverMap } from '../../../../kit/src/subgraphServer.js';
import type { EtatContext } from '../context.js';
import { EtatTerritory, FondsVert, FondsVertGrant } from './EtatTerritory.js';
import { Territory } from './Territory.js';

export const resolvers = {
  Euros: EurosScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Territory,
  EtatTerritory,
  FondsVert,
  FondsVertGrant,
} as unknown as GraphQLResolverMap<EtatContext>;
