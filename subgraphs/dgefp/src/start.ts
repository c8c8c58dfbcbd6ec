// Starts the dgefp subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { startOperatorSubgraph } from '../../../kit/src/upstream/operatorSubgraph.js';
import { DgefpClient } from './dgefpClient.js';
import { OPERATOR_ID, type DgefpConfig } from './config.js';
import { createDgefpContext, createDgefpServer } from './server.js';
import { DGEFP_WINDOW } from './window.js';

/** Builds the upstream client from the config and serves the subgraph. */
export function startDgefp(config: DgefpConfig): Promise<RunningServer> {
  return startOperatorSubgraph({
    operator: OPERATOR_ID,
    label: 'DGEFP',
    source: 'api',
    breaker: config.breaker,
    settings: config.upstream,
    listen: config,
    server: createDgefpServer({ hideInternalErrors: config.production }),
    client: (upstream) => new DgefpClient(upstream, config.upstream.baseUrl),
    context: createDgefpContext,
    window: { name: DGEFP_WINDOW, settings: config.window },
  });
}
