// What every vte resolver receives.
import type { StaleAwareContext } from '../../../kit/src/upstream/stale.js';
import type { Loaders } from './loaders.js';

/** Per-request context of the vte subgraph. */
export interface VteContext extends StaleAwareContext {
  loaders: Loaders;
  requestId?: string;
}
