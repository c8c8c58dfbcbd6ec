// Starts the vte subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { listenSubgraph } from '../../../kit/src/subgraphServer.js';
import { createUpstreamCache } from '../../../kit/src/upstream/cache.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import { VieSearchClient } from '../../../kit/src/upstream/vieSearchClient.js';
import type { VteConfig } from './config.js';
import { OPERATOR_ID } from './loaders.js';
import { createVteContext, createVteServer } from './server.js';
import { VteClient } from './vteClient.js';

/** Largest page the VTE search accepts. */
const MAX_LIMIT = 100;

/** Builds the upstream client from the config and serves the subgraph. */
export async function startVte(config: VteConfig): Promise<RunningServer> {
  const { upstream: settings } = config;
  const cache = createUpstreamCache({ url: settings.cacheUrl, namespace: `${OPERATOR_ID}:vte-backend` });
  const upstream = new UpstreamClient({
    operator: OPERATOR_ID,
    label: 'VTE',
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    cache,
    ttlMs: settings.cacheTtlMs,
    minIntervalMs: settings.minIntervalMs,
    breaker: config.breaker,
  });
  const client = new VteClient(new VieSearchClient(upstream, { maxLimit: MAX_LIMIT }));
  const server = createVteServer({ hideInternalErrors: config.production });
  const running = await listenSubgraph(server, {
    port: config.port,
    host: config.host,
    gatewaySecret: config.gatewaySecret,
    context: (_req, call) => createVteContext(client, call.requestId),
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
