// Resolvers and data of the products subgraph of the public gateways workload.
import type { GraphQLResolverMap } from '../../kit/src/subgraphServer.js';

interface Product {
  upc: string;
  name: string;
  price: number;
  weight: number;
}

const PRODUCTS: Product[] = (
  [
    ['Table', 899, 100],
    ['Couch', 1299, 1000],
    ['Glass', 15, 20],
    ['Chair', 499, 100],
    ['TV', 1299, 1000],
    ['Lamp', 6999, 300],
    ['Grill', 3999, 2000],
    ['Fridge', 100000, 6000],
    ['Sofa', 9999, 800],
  ] as const
).map(([name, price, weight], index) => ({ upc: String(index + 1), name, price, weight }));

export const productsResolvers: GraphQLResolverMap<unknown> = {
  Query: {
    topProducts: (_root, args: { first: number }) => PRODUCTS.slice(0, args.first),
  },
  Product: {
    __resolveReference: (reference: { upc: string }) =>
      PRODUCTS.find((product) => product.upc === reference.upc) ?? null,
  },
};
