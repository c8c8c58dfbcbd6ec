// The business-france subgraph as a pure server: schema + resolvers, no port.
import { fileURLToPath } from 'node:url';
import { createSubgraphServer } from '../../../kit/src/subgraphServer.js';
import { StaleCollector, staleExtensionsPlugin } from '../../../kit/src/upstream/stale.js';
import type { BusinessFranceClient } from './businessFranceClient.js';
import type { BusinessFranceContext } from './context.js';
import { Retrievals } from '../../../kit/src/upstream/vieSearchClient.js';
import type { RequestWindow } from '../../../kit/src/mirror/windowReads.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** Builds the Apollo server of the business-france subgraph. */
export function createBusinessFranceServer(options: { hideInternalErrors?: boolean } = {}) {
  return createSubgraphServer<BusinessFranceContext>({
    name: 'business-france',
    schemaPath: SCHEMA_PATH,
    resolvers,
    plugins: [staleExtensionsPlugin<BusinessFranceContext>()],
    hideInternalErrors: options.hideInternalErrors,
  });
}

/** Makes the context of one request. */
export function createBusinessFranceContext(
  client: BusinessFranceClient,
  requestId?: string,
  window?: RequestWindow,
): BusinessFranceContext {
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
