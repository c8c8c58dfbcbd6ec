// What every vte resolver receives.
import type { StaleAwareContext } from '../../../kit/src/upstream/stale.js';
import type { Retrievals } from '../../../kit/src/upstream/vieSearchClient.js';
import type { Loaders } from './loaders.js';
import type { VteClient } from './vteClient.js';

/** Per-request context of the vte subgraph. */
export interface VteContext extends StaleAwareContext {
  loaders: Loaders;
  /** When this request's data was read (for `source.retrievedAt`). */
  retrievals: Retrievals;
  /** For `source` values only: resolvers read data through the loaders. */
  client: VteClient;
  requestId?: string;
}
