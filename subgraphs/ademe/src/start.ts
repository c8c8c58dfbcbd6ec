// Starts the ademe subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { listenSubgraph } from '../../../kit/src/subgraphServer.js';
import { createUpstreamCache } from '../../../kit/src/upstream/cache.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import { AdemeClient } from './ademeClient.js';
import type { AdemeConfig } from './config.js';
import { OPERATOR_ID } from './loaders.js';
import { createAdemeContext, createAdemeServer } from './server.js';

/** Builds the upstream client from the config and serves the subgraph. */
export async function startAdeme(config: AdemeConfig): Promise<RunningServer> {
  const { upstream: settings } = config;
  const cache = createUpstreamCache({ url: settings.cacheUrl, namespace: `${OPERATOR_ID}:data-fair` });
  const upstream = new UpstreamClient({
    operator: OPERATOR_ID,
    label: 'ADEME',
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    cache,
    ttlMs: settings.cacheTtlMs,
    minIntervalMs: settings.minIntervalMs,
    breaker: config.breaker,
  });
  const client = new AdemeClient({
    upstream,
    datasets: config.datasets,
    aidColumns: config.aidColumns,
    pageSize: config.pageSize,
    valuesPerCall: config.valuesPerCall,
  });
  const server = createAdemeServer({ hideInternalErrors: config.production });
  const running = await listenSubgraph(server, {
    port: config.port,
    host: config.host,
    gatewaySecret: config.gatewaySecret,
    context: (_req, call) => createAdemeContext(client, call.requestId),
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
