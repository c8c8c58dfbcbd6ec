// What every banque-des-territoires resolver receives.
import type { StaleAwareContext } from '../../../kit/src/upstream/stale.js';
import type { Loaders } from './loaders.js';

/** Per-request context of the banque-des-territoires subgraph. */
export interface BanqueDesTerritoiresContext extends StaleAwareContext {
  loaders: Loaders;
  requestId?: string;
}
