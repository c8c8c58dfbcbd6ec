// The ademe subgraph as a pure server: schema + resolvers, no port.
import { fileURLToPath } from 'node:url';
import { createSubgraphServer } from '../../../kit/src/subgraphServer.js';
import type { AdemeMirror } from './ademeMirror.js';
import type { AdemeContext } from './context.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** Builds the Apollo server of the ademe subgraph. */
export function createAdemeServer(options: { hideInternalErrors?: boolean } = {}) {
  return createSubgraphServer<AdemeContext>({
    name: 'ademe',
    schemaPath: SCHEMA_PATH,
    resolvers,
    hideInternalErrors: options.hideInternalErrors,
  });
}

/** Makes the context of one request. */
export function createAdemeContext(mirror: AdemeMirror, requestId?: string): AdemeContext {
  return { loaders: createLoaders(mirror), requestId };
}
