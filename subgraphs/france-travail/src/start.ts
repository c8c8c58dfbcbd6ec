// Starts the france-travail subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { listenSubgraph } from '../../../kit/src/subgraphServer.js';
import { createUpstreamCache } from '../../../kit/src/upstream/cache.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import type { FranceTravailConfig } from './config.js';
import { FranceTravailClient } from './franceTravailClient.js';
import { OPERATOR_ID } from './loaders.js';
import { createFranceTravailContext, createFranceTravailServer } from './server.js';

/** Builds the France Travail client from the config. */
export function createFranceTravailClient(config: FranceTravailConfig): {
  client: FranceTravailClient;
  close(): Promise<void>;
} {
  const { upstream: settings } = config;
  const cache = createUpstreamCache({ url: settings.cacheUrl, namespace: `${OPERATOR_ID}:offres-emploi` });
  const common = { operator: OPERATOR_ID, label: 'France Travail', timeoutMs: settings.timeoutMs, cache };
  const api = new UpstreamClient({
    ...common,
    baseUrl: settings.baseUrl,
    retries: settings.retries,
    ttlMs: settings.cacheTtlMs,
    minIntervalMs: settings.minIntervalMs,
    breaker: config.breaker,
  });
  // Token calls are never cached nor retried blindly: a refused secret must surface at once.
  const auth = new UpstreamClient({ ...common, baseUrl: config.authUrl, retries: 0, ttlMs: 0 });
  const client = new FranceTravailClient({
    api,
    auth,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    scope: config.scope,
    communesPerCall: config.communesPerCall,
  });
  return {
    client,
    close: async () => {
      api.close();
      auth.close();
      await cache.disconnect().catch(() => undefined);
    },
  };
}

/** Builds the upstream client from the config and serves the subgraph. */
export async function startFranceTravail(config: FranceTravailConfig): Promise<RunningServer> {
  const { client, close } = createFranceTravailClient(config);
  const server = createFranceTravailServer({ hideInternalErrors: config.production });
  const running = await listenSubgraph(server, {
    port: config.port,
    host: config.host,
    gatewaySecret: config.gatewaySecret,
    context: (_req, call) => createFranceTravailContext(client, call.requestId),
  });
  return {
    ...running,
    close: async () => {
      await running.close();
      await close();
    },
  };
}
