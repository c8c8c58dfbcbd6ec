// What every etat resolver receives.
import type { StaleAwareContext } from '../../../kit/src/upstream/stale.js';
import type { Loaders } from './loaders.js';

/** Per-request context of the etat subgraph. */
export interface EtatContext extends StaleAwareContext {
  loaders: Loaders;
  requestId?: string;
}
