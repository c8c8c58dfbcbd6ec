// The vte subgraph as a pure server: schema + resolvers, no port.
import { fileURLToPath } from 'node:url';
import { createSubgraphServer } from '../../../kit/src/subgraphServer.js';
import { StaleCollector, staleExtensionsPlugin } from '../../../kit/src/upstream/stale.js';
import type { VteClient } from './vteClient.js';
import type { VteContext } from './context.js';
import { Retrievals } from '../../../kit/src/upstream/vieSearchClient.js';
import type { RequestWindow } from '../../../kit/src/mirror/windowReads.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** Builds the Apollo server of the vte subgraph. */
export function createVteServer(options: { hideInternalErrors?: boolean } = {}) {
  return createSubgraphServer<VteContext>({
    name: 'vte',
    schemaPath: SCHEMA_PATH,
    resolvers,
    plugins: [staleExtensionsPlugin<VteContext>()],
    hideInternalErrors: options.hideInternalErrors,
  });
}

/** Makes the context of one request. */
export function createVteContext(client: VteClient, requestId?: string, window?: RequestWindow): VteContext {
  const stale = new StaleCollector();
  const retrievals = new Retrievals();
  return {
    loaders: createLoaders(client, stale, retrievals, requestId, window),
    stale,
    retrievals,
    client,
    requestId,
  };
}
