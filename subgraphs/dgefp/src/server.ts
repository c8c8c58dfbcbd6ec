// The dgefp subgraph as a pure server: schema + resolvers, no port.
import { fileURLToPath } from 'node:url';
import { createSubgraphServer } from '../../../kit/src/subgraphServer.js';
import { StaleCollector, staleExtensionsPlugin } from '../../../kit/src/upstream/stale.js';
import type { DgefpClient } from './dgefpClient.js';
import type { DgefpContext } from './context.js';
import type { RequestWindow } from '../../../kit/src/mirror/windowReads.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** Builds the Apollo server of the dgefp subgraph. */
export function createDgefpServer(options: { hideInternalErrors?: boolean } = {}) {
  return createSubgraphServer<DgefpContext>({
    name: 'dgefp',
    schemaPath: SCHEMA_PATH,
    resolvers,
    plugins: [staleExtensionsPlugin<DgefpContext>()],
    hideInternalErrors: options.hideInternalErrors,
  });
}

/** Makes the context of one request. */
export function createDgefpContext(
  client: DgefpClient,
  requestId?: string,
  window?: RequestWindow,
): DgefpContext {
  const stale = new StaleCollector();
  return {
    loaders: createLoaders(client, stale, requestId, window),
    stale,
    requestId,
    baseUrl: client.baseUrl,
  };
}
