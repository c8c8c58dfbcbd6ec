// What every business-france resolver receives.
import type { StaleAwareContext } from '../../../kit/src/upstream/stale.js';
import type { Retrievals } from '../../../kit/src/upstream/vieSearchClient.js';
import type { BusinessFranceClient } from './businessFranceClient.js';
import type { Loaders } from './loaders.js';

/** Per-request context of the business-france subgraph. */
export interface BusinessFranceContext extends StaleAwareContext {
  loaders: Loaders;
  /** When this request's data was read (for `source.retrievedAt`). */
  retrievals: Retrievals;
  /** For `source` values only: resolvers read data through the loaders. */
  client: BusinessFranceClient;
  requestId?: string;
}
