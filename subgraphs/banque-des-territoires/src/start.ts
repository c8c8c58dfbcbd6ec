// Starts the banque-des-territoires subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { OpendatasoftClient } from '../../../kit/src/upstream/opendatasoftClient.js';
import { startOperatorSubgraph } from '../../../kit/src/upstream/operatorSubgraph.js';
import { BanqueDesTerritoiresClient } from './banqueDesTerritoiresClient.js';
import { OPERATOR_ID, type BanqueDesTerritoiresConfig } from './config.js';
import { createBanqueDesTerritoiresContext, createBanqueDesTerritoiresServer } from './server.js';

/** Builds the upstream client from the config and serves the subgraph. */
export function startBanqueDesTerritoires(config: BanqueDesTerritoiresConfig): Promise<RunningServer> {
  return startOperatorSubgraph({
    operator: OPERATOR_ID,
    label: 'Banque des Territoires',
    source: 'caisse-des-depots',
    breaker: config.breaker,
    settings: config.upstream,
    listen: config,
    server: createBanqueDesTerritoiresServer({ hideInternalErrors: config.production }),
    client: (upstream) =>
      new BanqueDesTerritoiresClient(new OpendatasoftClient(upstream, { apiKey: config.apiKey })),
    context: createBanqueDesTerritoiresContext,
  });
}
