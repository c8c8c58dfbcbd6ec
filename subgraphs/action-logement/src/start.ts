// Starts the action-logement subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { startOperatorSubgraph } from '../../../kit/src/upstream/operatorSubgraph.js';
import { ActionLogementClient } from './actionLogementClient.js';
import { OPERATOR_ID, type ActionLogementConfig } from './config.js';
import { createActionLogementContext, createActionLogementServer } from './server.js';
import { ACTION_LOGEMENT_WINDOW } from './window.js';

/** Builds the upstream client from the config and serves the subgraph. */
export function startActionLogement(config: ActionLogementConfig): Promise<RunningServer> {
  return startOperatorSubgraph({
    operator: OPERATOR_ID,
    label: 'Action Logement',
    source: 'api',
    breaker: config.breaker,
    settings: config.upstream,
    listen: config,
    server: createActionLogementServer({ hideInternalErrors: config.production }),
    client: (upstream) => new ActionLogementClient(upstream, config.upstream.baseUrl),
    context: createActionLogementContext,
    window: { name: ACTION_LOGEMENT_WINDOW, settings: config.window },
  });
}
