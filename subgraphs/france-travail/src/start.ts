// Starts the france-travail subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { openUpstream, serveWithClient } from '../../../kit/src/upstream/operatorSubgraph.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import { OPERATOR_ID, type FranceTravailConfig } from './config.js';
import { FranceTravailClient } from './franceTravailClient.js';
import { createFranceTravailContext, createFranceTravailServer } from './server.js';

/** Builds the France Travail client from the config. */
export function createFranceTravailClient(config: FranceTravailConfig): {
  client: FranceTravailClient;
  close(): Promise<void>;
} {
  const opened = openUpstream(config.upstream, {
    operator: OPERATOR_ID,
    label: 'France Travail',
    source: 'offres-emploi',
    breaker: config.breaker,
  });
  // Token calls are never cached nor retried blindly: a refused secret must surface at once.
  const auth = new UpstreamClient({
    operator: OPERATOR_ID,
    label: 'France Travail',
    timeoutMs: config.upstream.timeoutMs,
    cache: opened.cache,
    baseUrl: config.authUrl,
    retries: 0,
    ttlMs: 0,
  });
  const client = new FranceTravailClient({
    api: opened.upstream,
    auth,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    scope: config.scope,
    communesPerCall: config.communesPerCall,
  });
  return {
    client,
    close: async () => {
      auth.close();
      await opened.close();
    },
  };
}

/** Builds the upstream client from the config and serves the subgraph. */
export function startFranceTravail(config: FranceTravailConfig): Promise<RunningServer> {
  const { client, close } = createFranceTravailClient(config);
  const server = createFranceTravailServer({ hideInternalErrors: config.production });
  return serveWithClient(server, config, (requestId) => createFranceTravailContext(client, requestId), close);
}
