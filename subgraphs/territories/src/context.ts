// What every territories resolver receives.
import type { Loaders } from './loaders.js';
import type { ProgrammeStore } from './programmeStore.js';

/** Per-request context of the territories subgraph. */
export interface TerritoriesContext {
  store: ProgrammeStore;
  loaders: Loaders;
  requestId?: string;
}
