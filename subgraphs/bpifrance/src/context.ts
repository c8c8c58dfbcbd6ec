// What every bpifrance resolver receives.
import type { BaseContext } from '@apollo/server';
import type { Loaders } from './loaders.js';

/** Per-request context of the bpifrance subgraph. */
export interface BpifranceContext extends BaseContext {
  loaders: Loaders;
  requestId?: string;
}
