// The etat subgraph as a pure server: schema + resolvers, no port.
import { fileURLToPath } from 'node:url';
import { createSubgraphServer } from '../../../kit/src/subgraphServer.js';
import { StaleCollector, staleExtensionsPlugin } from '../../../kit/src/upstream/stale.js';
import type { EtatClient } from './etatClient.js';
import type { EtatContext } from './context.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** Builds the Apollo server of the etat subgraph. */
export function createEtatServer(options: { hideInternalErrors?: boolean } = {}) {
  return createSubgraphServer<EtatContext>({
    name: 'etat',
    schemaPath: SCHEMA_PATH,
    resolvers,
    plugins: [staleExtensionsPlugin<EtatContext>()],
    hideInternalErrors: options.hideInternalErrors,
  });
}

/** Makes the context of one request. */
export function createEtatContext(client: EtatClient, requestId?: string): EtatContext {
  const stale = new StaleCollector();
  return { loaders: createLoaders(client, stale, requestId), stale, requestId };
}
