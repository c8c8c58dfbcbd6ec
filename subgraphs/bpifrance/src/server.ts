// The bpifrance subgraph as a pure server: schema + resolvers, no port.
import { fileURLToPath } from 'node:url';
import { createSubgraphServer } from '../../../kit/src/subgraphServer.js';
import type { BpifranceContext } from './context.js';
import { createLoaders, type BpifranceSources } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** Builds the Apollo server of the bpifrance subgraph. */
export function createBpifranceServer(options: { hideInternalErrors?: boolean } = {}) {
  return createSubgraphServer<BpifranceContext>({
    name: 'bpifrance',
    schemaPath: SCHEMA_PATH,
    resolvers,
    hideInternalErrors: options.hideInternalErrors,
  });
}

/** Makes the context of one request. */
export function createBpifranceContext(sources: BpifranceSources, requestId?: string): BpifranceContext {
  return { loaders: createLoaders(sources), requestId };
}
