// What every ademe resolver receives.
import type { StaleAwareContext } from '../../../kit/src/upstream/stale.js';
import type { Loaders } from './loaders.js';

/** Per-request context of the ademe subgraph. */
export interface AdemeContext extends StaleAwareContext {
  loaders: Loaders;
  requestId?: string;
}
