// What every business-france resolver receives.
import type { StaleAwareContext } from '../../../kit/src/upstream/stale.js';
import type { Loaders } from './loaders.js';

/** Per-request context of the business-france subgraph. */
export interface BusinessFranceContext extends StaleAwareContext {
  loaders: Loaders;
  requestId?: string;
}
