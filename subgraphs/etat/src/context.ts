// What every etat resolver receives.
import type { StaleAwareContext } from '../../../kit/src/upstream/stale.js';
import type { Geography } from '../../../kit/src/reference/programme.js';
import type { Loaders } from './loaders.js';
import type { EtatSources } from './sources.js';

/** Per-request context of the etat subgraph. */
export interface EtatContext extends StaleAwareContext {
  loaders: Loaders;
  geography: Geography;
  /** Provenance of the mirrored file for this request (read once). */
  sources: EtatSources;
  requestId?: string;
}
