// What every dgefp resolver receives.
import type { StaleAwareContext } from '../../../kit/src/upstream/stale.js';
import type { Loaders } from './loaders.js';

/** Per-request context of the dgefp subgraph. */
export interface DgefpContext extends StaleAwareContext {
  loaders: Loaders;
  requestId?: string;
  /** Where the upstream is read from: `source.illustrative` unless it is the real host. */
  baseUrl: string;
}
