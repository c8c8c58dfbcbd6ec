// What every ademe resolver receives.
import type { Loaders } from './loaders.js';

/** Per-request context of the ademe subgraph. */
export interface AdemeContext {
  loaders: Loaders;
  requestId?: string;
}
