// The action-logement subgraph as a pure server: schema + resolvers, no port.
import { fileURLToPath } from 'node:url';
import { createSubgraphServer } from '../../../kit/src/subgraphServer.js';
import { StaleCollector, staleExtensionsPlugin } from '../../../kit/src/upstream/stale.js';
import type { ActionLogementClient } from './actionLogementClient.js';
import type { ActionLogementContext } from './context.js';
import type { RequestWindow } from '../../../kit/src/mirror/windowReads.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** Builds the Apollo server of the action-logement subgraph. */
export function createActionLogementServer(options: { hideInternalErrors?: boolean } = {}) {
  return createSubgraphServer<ActionLogementContext>({
    name: 'action-logement',
    schemaPath: SCHEMA_PATH,
    resolvers,
    plugins: [staleExtensionsPlugin<ActionLogementContext>()],
    hideInternalErrors: options.hideInternalErrors,
  });
}

/** Makes the context of one request. */
export function createActionLogementContext(
  client: ActionLogementClient,
  requestId?: string,
  window?: RequestWindow,
): ActionLogementContext {
  const stale = new StaleCollector();
  return {
    loaders: createLoaders(client, stale, requestId, window),
    stale,
    requestId,
    baseUrl: client.baseUrl,
  };
}
