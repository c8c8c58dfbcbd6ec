// What every france-travail resolver receives.
import type { StaleAwareContext } from '../../../kit/src/upstream/stale.js';
import type { Loaders } from './loaders.js';
import type { PartialAwareContext } from './partial.js';
import type { SourceLocations } from './sources.js';

/** Per-request context of the france-travail subgraph. */
export interface FranceTravailContext extends StaleAwareContext, PartialAwareContext {
  loaders: Loaders;
  /** Where each source is read from (for `source.illustrative`). */
  locations: SourceLocations;
  requestId?: string;
}
