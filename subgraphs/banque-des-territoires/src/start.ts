// Starts the banque-des-territoires subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { listenSubgraph } from '../../../kit/src/subgraphServer.js';
import { createUpstreamCache } from '../../../kit/src/upstream/cache.js';
import { OpendatasoftClient } from '../../../kit/src/upstream/opendatasoftClient.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import { CaisseDesDepotsClient } from './caisseDesDepotsClient.js';
import type { BanqueDesTerritoiresConfig } from './config.js';
import { OPERATOR_ID } from './loaders.js';
import { createBanqueDesTerritoiresContext, createBanqueDesTerritoiresServer } from './server.js';

/** Builds the upstream client from the config and serves the subgraph. */
export async function startBanqueDesTerritoires(config: BanqueDesTerritoiresConfig): Promise<RunningServer> {
  const { upstream: settings } = config;
  const cache = createUpstreamCache({
    url: settings.cacheUrl,
    namespace: `${OPERATOR_ID}:caisse-des-depots`,
  });
  const upstream = new UpstreamClient({
    operator: OPERATOR_ID,
    label: 'Banque des Territoires',
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    cache,
    ttlMs: settings.cacheTtlMs,
    minIntervalMs: settings.minIntervalMs,
    breaker: { failureThreshold: 5, resetMs: 10_000 },
  });
  const client = new CaisseDesDepotsClient(new OpendatasoftClient(upstream, { apiKey: config.apiKey }));
  const server = createBanqueDesTerritoiresServer({ hideInternalErrors: config.production });
  const running = await listenSubgraph(server, {
    port: config.port,
    host: config.host,
    gatewaySecret: config.gatewaySecret,
    context: (_req, call) => createBanqueDesTerritoiresContext(client, call.requestId),
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
