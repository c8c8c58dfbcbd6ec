// Starts the ademe subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { startOperatorSubgraph } from '../../../kit/src/upstream/operatorSubgraph.js';
import { AdemeClient } from './ademeClient.js';
import { OPERATOR_ID, type AdemeConfig } from './config.js';
import { createAdemeContext, createAdemeServer } from './server.js';

/** Builds the upstream client from the config and serves the subgraph. */
export function startAdeme(config: AdemeConfig): Promise<RunningServer> {
  return startOperatorSubgraph({
    operator: OPERATOR_ID,
    label: 'ADEME',
    source: 'data-fair',
    breaker: config.breaker,
    settings: config.upstream,
    listen: config,
    server: createAdemeServer({ hideInternalErrors: config.production }),
    client: (upstream) =>
      new AdemeClient({
        upstream,
        datasets: config.datasets,
        aidColumns: config.aidColumns,
        pageSize: config.pageSize,
        valuesPerCall: config.valuesPerCall,
      }),
    context: createAdemeContext,
  });
}
