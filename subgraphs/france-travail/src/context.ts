// What every france-travail resolver receives.
import type { StaleAwareContext } from '../../../kit/src/upstream/stale.js';
import type { Loaders } from './loaders.js';

/** Per-request context of the france-travail subgraph. */
export interface FranceTravailContext extends StaleAwareContext {
  loaders: Loaders;
  requestId?: string;
}
