// Starts the apec subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { startOperatorSubgraph } from '../../../kit/src/upstream/operatorSubgraph.js';
import { loadGeography } from '../../../kit/src/reference/geography.js';
import { ApecClient } from './apecClient.js';
import { CommuneLocator } from './communeLocator.js';
import { OPERATOR_ID, type ApecConfig } from './config.js';
import { createApecContext, createApecServer } from './server.js';
import { APEC_WINDOW } from './window.js';

/** Builds the upstream client from the config and serves the subgraph. */
export function startApec(config: ApecConfig): Promise<RunningServer> {
  const locator = new CommuneLocator(loadGeography(config.geoDir).communes.values());
  return startOperatorSubgraph({
    operator: OPERATOR_ID,
    label: 'APEC',
    source: 'apec-fr-search',
    breaker: config.breaker,
    settings: config.upstream,
    listen: config,
    server: createApecServer({ hideInternalErrors: config.production }),
    client: (upstream) => new ApecClient(upstream, config.upstream.baseUrl, locator),
    context: createApecContext,
    window: { name: APEC_WINDOW, settings: config.window },
  });
}
