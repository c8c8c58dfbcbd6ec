// The france-travail subgraph as a pure server: schema + resolvers, no port.
import { fileURLToPath } from 'node:url';
import type { MirrorStore } from '../../../kit/src/mirror/index.js';
import { createSubgraphServer } from '../../../kit/src/subgraphServer.js';
import { StaleCollector, staleExtensionsPlugin } from '../../../kit/src/upstream/stale.js';
import { OPERATOR_ID } from './config.js';
import type { FranceTravailContext } from './context.js';
import type { FranceTravailClient } from './franceTravailClient.js';
import { createLoaders } from './loaders.js';
import { PartialCollector, partialResultPlugin } from './partial.js';
import { resolvers } from './resolvers/index.js';
import type { SourceLocations } from './sources.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** Builds the Apollo server of the france-travail subgraph. */
export function createFranceTravailServer(options: { hideInternalErrors?: boolean; budgetMs: number }) {
  return createSubgraphServer<FranceTravailContext>({
    name: 'france-travail',
    schemaPath: SCHEMA_PATH,
    resolvers,
    plugins: [
      staleExtensionsPlugin<FranceTravailContext>(),
      partialResultPlugin<FranceTravailContext>(OPERATOR_ID, 'France Travail', options.budgetMs),
    ],
    hideInternalErrors: options.hideInternalErrors,
  });
}

/** What one request's context is made from. */
export interface ContextDependencies {
  client: FranceTravailClient;
  mirror: MirrorStore;
  locations: SourceLocations;
  /** Time a request may spend reading offers live. */
  budgetMs: number;
  /** The offer window's departments and the oldest copy still read (absent: offers read live). */
  window?: { departments: ReadonlySet<string>; maxAgeMs: number };
  now?: () => number;
}

/** Makes the context of one request; the live-read budget starts now. */
export function createFranceTravailContext(
  deps: ContextDependencies,
  requestId?: string,
): FranceTravailContext {
  const now = deps.now ?? Date.now;
  const stale = new StaleCollector();
  const loaders = createLoaders({
    client: deps.client,
    mirror: deps.mirror,
    stale,
    deadline: now() + deps.budgetMs,
    window: deps.window,
    requestId,
    now,
  });
  return { loaders, stale, partial: new PartialCollector(), locations: deps.locations, requestId };
}
