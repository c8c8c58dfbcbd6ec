// The banque-des-territoires subgraph as a pure server: schema + resolvers, no port.
import { fileURLToPath } from 'node:url';
import { createSubgraphServer } from '../../../kit/src/subgraphServer.js';
import { StaleCollector, staleExtensionsPlugin } from '../../../kit/src/upstream/stale.js';
import type { BanqueDesTerritoiresClient } from './banqueDesTerritoiresClient.js';
import type { BanqueDesTerritoiresContext } from './context.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** Builds the Apollo server of the banque-des-territoires subgraph. */
export function createBanqueDesTerritoiresServer(options: { hideInternalErrors?: boolean } = {}) {
  return createSubgraphServer<BanqueDesTerritoiresContext>({
    name: 'banque-des-territoires',
    schemaPath: SCHEMA_PATH,
    resolvers,
    plugins: [staleExtensionsPlugin<BanqueDesTerritoiresContext>()],
    hideInternalErrors: options.hideInternalErrors,
  });
}

/** Makes the context of one request. */
export function createBanqueDesTerritoiresContext(
  client: BanqueDesTerritoiresClient,
  requestId?: string,
): BanqueDesTerritoiresContext {
  const stale = new StaleCollector();
  return { loaders: createLoaders(client, stale, requestId), stale, requestId };
}
