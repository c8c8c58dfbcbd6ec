// Starts the apec subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { startOperatorSubgraph } from '../../../kit/src/upstream/operatorSubgraph.js';
import { ApecClient } from './apecClient.js';
import { OPERATOR_ID, type ApecConfig } from './config.js';
import { createApecContext, createApecServer } from './server.js';

/** Builds the upstream client from the config and serves the subgraph. */
export function startApec(config: ApecConfig): Promise<RunningServer> {
  return startOperatorSubgraph({
    operator: OPERATOR_ID,
    label: 'Apec',
    source: 'api',
    breaker: config.breaker,
    settings: config.upstream,
    listen: config,
    server: createApecServer({ hideInternalErrors: config.production }),
    client: (upstream) => new ApecClient(upstream, config.upstream.baseUrl),
    context: createApecContext,
  });
}
