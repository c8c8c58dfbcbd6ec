// Resolvers and data of the reviews subgraph of the public gateways workload.
import { readFileSync } from 'node:fs';
import type { GraphQLResolverMap } from '../../kit/src/subgraphServer.js';

interface Review {
  id: string;
  body: string;
  upc: string;
}

const BODIES = JSON.parse(
  readFileSync(new URL('../workload/review-bodies.json', import.meta.url), 'utf8'),
) as string[];
const UPCS = ['1', '1', '1', '1', '2', '2', '2', '2', '3', '4', '4'];
const REVIEWS: Review[] = UPCS.map((upc, index) => ({
  id: String(index + 1),
  body: BODIES[index] ?? '',
  upc,
}));
const AUTHOR = { __typename: 'User', id: '1', username: 'urigo' };

export const reviewsResolvers: GraphQLResolverMap<unknown> = {
  Review: {
    __resolveReference: (reference: { id: string }) =>
      REVIEWS.find((review) => review.id === reference.id) ?? null,
    product: (review: Review) => ({ __typename: 'Product', upc: review.upc }),
    author: () => AUTHOR,
  },
  User: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    reviews: () => REVIEWS.slice(0, 2),
  },
  Product: {
    __resolveReference: (reference: { upc: string }) => ({ upc: reference.upc }),
    reviews: (product: { upc: string }) => REVIEWS.filter((review) => review.upc === product.upc),
  },
};
