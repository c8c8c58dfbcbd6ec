// Starts the business-france subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { startOperatorSubgraph } from '../../../kit/src/upstream/operatorSubgraph.js';
import { VieSearchClient } from '../../../kit/src/upstream/vieSearchClient.js';
import { BusinessFranceClient, MAX_LIMIT } from './businessFranceClient.js';
import { OPERATOR_ID, type BusinessFranceConfig } from './config.js';
import { createBusinessFranceContext, createBusinessFranceServer } from './server.js';
import { BUSINESS_FRANCE_WINDOW } from './window.js';

/** Builds the upstream client from the config and serves the subgraph. */
export function startBusinessFrance(config: BusinessFranceConfig): Promise<RunningServer> {
  return startOperatorSubgraph({
    operator: OPERATOR_ID,
    label: 'Business France',
    source: 'business-france',
    breaker: config.breaker,
    settings: config.upstream,
    listen: config,
    server: createBusinessFranceServer({ hideInternalErrors: config.production }),
    client: (upstream) =>
      new BusinessFranceClient(
        new VieSearchClient(upstream, { maxLimit: MAX_LIMIT }),
        config.upstream.baseUrl,
      ),
    context: createBusinessFranceContext,
    window: { name: BUSINESS_FRANCE_WINDOW, settings: config.window },
  });
}
