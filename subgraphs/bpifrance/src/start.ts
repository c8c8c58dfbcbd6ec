// Starts the bpifrance subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { OpendatasoftClient } from '../../../kit/src/upstream/opendatasoftClient.js';
import { startOperatorSubgraph } from '../../../kit/src/upstream/operatorSubgraph.js';
import { OPERATOR_ID, type BpifranceConfig } from './config.js';
import { BpifranceClient } from './bpifranceClient.js';
import { createBpifranceContext, createBpifranceServer } from './server.js';

/** Builds the upstream client from the config and serves the subgraph. */
export function startBpifrance(config: BpifranceConfig): Promise<RunningServer> {
  return startOperatorSubgraph({
    operator: OPERATOR_ID,
    label: 'Bpifrance',
    source: 'economie',
    breaker: config.breaker,
    settings: config.upstream,
    listen: config,
    server: createBpifranceServer({ hideInternalErrors: config.production }),
    client: (upstream) => new BpifranceClient(new OpendatasoftClient(upstream, { apiKey: config.apiKey })),
    context: createBpifranceContext,
  });
}
