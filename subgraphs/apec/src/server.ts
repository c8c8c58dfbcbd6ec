// The apec subgraph as a pure server: schema + resolvers, no port.
import { fileURLToPath } from 'node:url';
import { createSubgraphServer } from '../../../kit/src/subgraphServer.js';
import { StaleCollector, staleExtensionsPlugin } from '../../../kit/src/upstream/stale.js';
import type { ApecClient } from './apecClient.js';
import type { ApecContext } from './context.js';
import type { RequestWindow } from '../../../kit/src/mirror/windowReads.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** Builds the Apollo server of the apec subgraph. */
export function createApecServer(options: { hideInternalErrors?: boolean } = {}) {
  return createSubgraphServer<ApecContext>({
    name: 'apec',
    schemaPath: SCHEMA_PATH,
    resolvers,
    plugins: [staleExtensionsPlugin<ApecContext>()],
    hideInternalErrors: options.hideInternalErrors,
  });
}

/** Makes the context of one request. */
export function createApecContext(
  client: ApecClient,
  requestId?: string,
  window?: RequestWindow,
): ApecContext {
  const stale = new StaleCollector();
  return {
    loaders: createLoaders(client, stale, requestId, window),
    stale,
    requestId,
    baseUrl: client.baseUrl,
  };
}
