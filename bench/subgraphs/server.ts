// The four subgraphs of the public gateways workload as pure servers (no port), in the house
// shape: a schema file and resolvers per subgraph, built by the kit.
import { fileURLToPath } from 'node:url';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { createSubgraphServer, type GraphQLResolverMap } from '../../kit/src/subgraphServer.js';
import { accountsResolvers } from './accounts.js';
import { inventoryResolvers } from './inventory.js';
import { productsResolvers } from './products.js';
import { reviewsResolvers } from './reviews.js';

/** One subgraph of the workload: its name, schema file and resolvers. */
export interface BenchSubgraph {
  name: string;
  schemaPath: string;
  resolvers: GraphQLResolverMap<unknown>;
}

const schemaPath = (name: string) => fileURLToPath(new URL(`./${name}.graphql`, import.meta.url));

export const BENCH_SUBGRAPHS: BenchSubgraph[] = [
  { name: 'accounts', schemaPath: schemaPath('accounts'), resolvers: accountsResolvers },
  { name: 'inventory', schemaPath: schemaPath('inventory'), resolvers: inventoryResolvers },
  { name: 'products', schemaPath: schemaPath('products'), resolvers: productsResolvers },
  { name: 'reviews', schemaPath: schemaPath('reviews'), resolvers: reviewsResolvers },
];

/** Builds the Apollo server of one workload subgraph. */
export function createBenchSubgraphServer(subgraph: BenchSubgraph): ApolloServer<BaseContext> {
  return createSubgraphServer<BaseContext>({
    name: subgraph.name,
    schemaPath: subgraph.schemaPath,
    resolvers: subgraph.resolvers,
  });
}
