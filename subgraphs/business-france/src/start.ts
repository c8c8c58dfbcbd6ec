// Starts the business-france subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { listenSubgraph } from '../../../kit/src/subgraphServer.js';
import { createUpstreamCache } from '../../../kit/src/upstream/cache.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import { VieSearchClient } from '../../../kit/src/upstream/vieSearchClient.js';
import { BusinessFranceClient } from './businessFranceClient.js';
import type { BusinessFranceConfig } from './config.js';
import { OPERATOR_ID } from './loaders.js';
import { createBusinessFranceContext, createBusinessFranceServer } from './server.js';

/** Largest page the Business France search accepts. */
const MAX_LIMIT = 100;

/** Builds the upstream client from the config and serves the subgraph. */
export async function startBusinessFrance(config: BusinessFranceConfig): Promise<RunningServer> {
  const { upstream: settings } = config;
  const cache = createUpstreamCache({ url: settings.cacheUrl, namespace: `${OPERATOR_ID}:business-france` });
  const upstream = new UpstreamClient({
    operator: OPERATOR_ID,
    label: 'Business France',
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    cache,
    ttlMs: settings.cacheTtlMs,
    minIntervalMs: settings.minIntervalMs,
    breaker: { failureThreshold: 5, resetMs: 10_000 },
  });
  const client = new BusinessFranceClient(new VieSearchClient(upstream, { maxLimit: MAX_LIMIT }));
  const server = createBusinessFranceServer({ hideInternalErrors: config.production });
  const running = await listenSubgraph(server, {
    port: config.port,
    host: config.host,
    gatewaySecret: config.gatewaySecret,
    context: (_req, call) => createBusinessFranceContext(client, call.requestId),
  });
  return {
    ...running,
    close: async () => {
      await running.close();
      upstream.close();
      await cache.disconnect().catch(() => undefined);
    },
  };
}
