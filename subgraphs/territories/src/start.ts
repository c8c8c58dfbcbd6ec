// Starts the territories subgraph on a port: used by index.ts and by the whole-stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import { listenSubgraph } from '../../../kit/src/subgraphServer.js';
import type { TerritoriesConfig } from './config.js';
import { ProgrammeStore } from './programmeStore.js';
import { createTerritoriesContext, createTerritoriesServer } from './server.js';

/** Loads the data and serves the subgraph; rejects with a one-line reason when a file is bad. */
export async function startTerritories(config: TerritoriesConfig): Promise<RunningServer> {
  const store = ProgrammeStore.load(config);
  const server = createTerritoriesServer({ hideInternalErrors: config.production });
  return listenSubgraph(server, {
    port: config.port,
    host: config.host,
    gatewaySecret: config.gatewaySecret,
    context: (req) => createTerritoriesContext(store, req.headers['x-request-id'] as string | undefined),
  });
}
