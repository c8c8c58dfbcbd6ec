// Starts the vte subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { startOperatorSubgraph } from '../../../kit/src/upstream/operatorSubgraph.js';
import { VieSearchClient } from '../../../kit/src/upstream/vieSearchClient.js';
import { OPERATOR_ID, type VteConfig } from './config.js';
import { createVteContext, createVteServer } from './server.js';
import { MAX_LIMIT, VteClient } from './vteClient.js';
import { VTE_WINDOW } from './window.js';

/** Builds the upstream client from the config and serves the subgraph. */
export function startVte(config: VteConfig): Promise<RunningServer> {
  return startOperatorSubgraph({
    operator: OPERATOR_ID,
    label: 'VTE',
    source: 'vte-backend',
    breaker: config.breaker,
    settings: config.upstream,
    listen: config,
    server: createVteServer({ hideInternalErrors: config.production }),
    client: (upstream) =>
      new VteClient(new VieSearchClient(upstream, { maxLimit: MAX_LIMIT }), config.upstream.baseUrl),
    context: createVteContext,
    window: { name: VTE_WINDOW, settings: config.window },
  });
}
