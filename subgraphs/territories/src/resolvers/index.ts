// The territories subgraph's resolver map, one file per group of types.
import { DateScalar, DateTimeScalar, EurosScalar } from '../../../../kit/src/scalars.js';
import type { GraphQLResolverMap } from '../../../../kit/src/subgraphServer.js';
import type { TerritoriesContext } from '../context.js';
import { Commune, Department, Epci, Region } from './Geography.js';
import {
  ActionSheet,
  Binome,
  CofinancingYear,
  Company,
  EngineeringMission,
  ProjectLead,
  Site,
} from './Programme.js';
import { Query } from './Query.js';
import { Groupement, Territory } from './Territory.js';

export const resolvers = {
  Euros: EurosScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Territory,
  Groupement,
  Region,
  Department,
  Epci,
  Commune,
  ActionSheet,
  Binome,
  ProjectLead,
  CofinancingYear,
  Site,
  EngineeringMission,
  Company,
} as unknown as GraphQLResolverMap<TerritoriesContext>;
