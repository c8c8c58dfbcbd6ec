// Starts the etat subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { startOperatorSubgraph } from '../../../kit/src/upstream/operatorSubgraph.js';
import { EtatClient } from './etatClient.js';
import { OPERATOR_ID, type EtatConfig } from './config.js';
import { createEtatContext, createEtatServer } from './server.js';

/** Builds the upstream client from the config and serves the subgraph. */
export function startEtat(config: EtatConfig): Promise<RunningServer> {
  return startOperatorSubgraph({
    operator: OPERATOR_ID,
    label: 'Etat',
    source: 'api',
    breaker: config.breaker,
    settings: config.upstream,
    listen: config,
    server: createEtatServer({ hideInternalErrors: config.production }),
    client: (upstream) => new EtatClient(upstream),
    context: createEtatContext,
  });
}
