// What every bpifrance resolver receives.
import type { StaleAwareContext } from '../../../kit/src/upstream/stale.js';
import type { Loaders } from './loaders.js';

/** Per-request context of the bpifrance subgraph. */
export interface BpifranceContext extends StaleAwareContext {
  loaders: Loaders;
  requestId?: string;
}
