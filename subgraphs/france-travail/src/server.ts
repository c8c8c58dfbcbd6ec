// The france-travail subgraph as a pure server: schema + resolvers, no port.
import { fileURLToPath } from 'node:url';
import { createSubgraphServer } from '../../../kit/src/subgraphServer.js';
import { StaleCollector, staleExtensionsPlugin } from '../../../kit/src/upstream/stale.js';
import type { FranceTravailContext } from './context.js';
import type { FranceTravailClient } from './franceTravailClient.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** Builds the Apollo server of the france-travail subgraph. */
export function createFranceTravailServer(options: { hideInternalErrors?: boolean } = {}) {
  return createSubgraphServer<FranceTravailContext>({
    name: 'france-travail',
    schemaPath: SCHEMA_PATH,
    resolvers,
    plugins: [staleExtensionsPlugin<FranceTravailContext>()],
    hideInternalErrors: options.hideInternalErrors,
  });
}

/** Makes the context of one request. */
export function createFranceTravailContext(
  client: FranceTravailClient,
  requestId?: string,
): FranceTravailContext {
  const stale = new StaleCollector();
  return { loaders: createLoaders(client, stale, requestId), stale, requestId };
}
