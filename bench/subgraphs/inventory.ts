// Resolvers and data of the inventory subgraph of the public gateways workload.
import type { GraphQLResolverMap } from '../../kit/src/subgraphServer.js';

const IN_STOCK = [true, false, false, false, true, true, true, false, true];

export const inventoryResolvers: GraphQLResolverMap<unknown> = {
  Product: {
    // Like the original, the entity resolver keeps only upc and inStock and drops the required
    // price and weight, so shippingEstimate is always null; the workload's answer depends on it.
    __resolveReference: (reference: { upc: string }) => ({
      upc: reference.upc,
      inStock: IN_STOCK[Number(reference.upc) - 1] ?? null,
    }),
    shippingEstimate: () => null,
  },
};
