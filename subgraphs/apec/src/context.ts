// What every apec resolver receives.
import type { StaleAwareContext } from '../../../kit/src/upstream/stale.js';
import type { Loaders } from './loaders.js';

/** Per-request context of the apec subgraph. */
export interface ApecContext extends StaleAwareContext {
  loaders: Loaders;
  requestId?: string;
  /** Where the upstream is read from: `source.illustrative` unless it is the real host. */
  baseUrl: string;
}
