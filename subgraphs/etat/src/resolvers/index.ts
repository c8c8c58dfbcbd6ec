// The etat subgraph's resolver map, one file per group of types.
import { DateScalar, EurosScalar } from '../../../../kit/src/scalars.js';
import type { GraphQLResolverMap } from '../../../../kit/src/subgraphServer.js';
import type { EtatContext } from '../context.js';
import { EtatTerritory } from './EtatTerritory.js';
import { Territory } from './Territory.js';

export const resolvers = {
  Euros: EurosScalar,
  Date: DateScalar,
  Territory,
  EtatTerritory,
} as unknown as GraphQLResolverMap<EtatContext>;
