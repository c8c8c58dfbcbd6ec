// The territories subgraph as a pure server: schema + resolvers + store, no port.
import { fileURLToPath } from 'node:url';
import { createSubgraphServer } from '../../../kit/src/subgraphServer.js';
import type { TerritoriesContext } from './context.js';
import { createLoaders } from './loaders.js';
import type { ProgrammeStore } from './programmeStore.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** Builds the Apollo server of the territories subgraph. */
export function createTerritoriesServer(options: { hideInternalErrors?: boolean } = {}) {
  return createSubgraphServer<TerritoriesContext>({
    name: 'territories',
    schemaPath: SCHEMA_PATH,
    resolvers,
    hideInternalErrors: options.hideInternalErrors,
  });
}

/** Makes the context of one request. */
export function createTerritoriesContext(store: ProgrammeStore, requestId?: string): TerritoriesContext {
  return { store, loaders: createLoaders(store), requestId };
}
