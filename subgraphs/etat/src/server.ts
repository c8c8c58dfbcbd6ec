// The etat subgraph as a pure server: schema + resolvers, no port.
import { fileURLToPath } from 'node:url';
import { loadGeography } from '../../../kit/src/reference/geography.js';
import type { Geography } from '../../../kit/src/reference/programme.js';
import { createSubgraphServer } from '../../../kit/src/subgraphServer.js';
import { StaleCollector, staleExtensionsPlugin } from '../../../kit/src/upstream/stale.js';
import type { EtatClient } from './etatClient.js';
import type { EtatContext } from './context.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { createSources } from './sources.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));
/** The real region and department list the territorial actors are named from. */
export const GEO_DIR = fileURLToPath(new URL('../../../data/geo/', import.meta.url));

let geography: Geography | undefined;
/** The geography, loaded once per process. */
export function etatGeography(): Geography {
  geography ??= loadGeography(GEO_DIR);
  return geography;
}

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
export function createEtatContext(
  client: EtatClient,
  staticBaseUrl: string,
  requestId?: string,
): EtatContext {
  const stale = new StaleCollector();
  return {
    loaders: createLoaders(client),
    geography: etatGeography(),
    sources: createSources(client, staticBaseUrl, stale),
    stale,
    requestId,
  };
}
