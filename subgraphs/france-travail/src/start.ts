// Starts the france-travail subgraph on a port: used by index.ts and by the stack launcher.
import type { RunningServer } from '../../../kit/src/listen.js';
import {
  bmoSource,
  openMirror,
  readSyncStates,
  runSync,
  type MirrorStore,
  type SourceDefinition,
  type SyncResult,
} from '../../../kit/src/mirror/index.js';
import { openUpstream, serveWithClient } from '../../../kit/src/upstream/operatorSubgraph.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import { OPERATOR_ID, type FranceTravailConfig } from './config.js';
import { FranceTravailClient } from './franceTravailClient.js';
import { createFranceTravailContext, createFranceTravailServer } from './server.js';

/** How long start-up waits for a first BMO sync before answering without it. */
const START_SYNC_WAIT_MS = 5_000;

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
    onRenewalError: (error) =>
      console.warn(`france-travail: token renewal failed (queries fetch one themselves): ${String(error)}`),
  });
  return {
    client,
    close: async () => {
      client.stop();
      auth.close();
      await opened.close();
    },
  };
}

/** The mirrored sources this subgraph reads (for `npm run sync` and the stack's scheduler). */
export function franceTravailMirrorSources(config: FranceTravailConfig): SourceDefinition[] {
  return config.bmoUrl ? [bmoSource(config.bmoUrl) as unknown as SourceDefinition] : [];
}

/**
 * Syncs the BMO file when the mirror has never loaded it. Until the shared sync service (issue 11)
 * runs it on start and on a schedule, this keeps `npm start` answering the recruitment outlook.
 */
export async function syncBmoIfNeverSynced(
  mirror: MirrorStore,
  config: FranceTravailConfig,
): Promise<SyncResult | null> {
  if (!config.bmoUrl) return null;
  const [state] = await readSyncStates(mirror, ['bmo']);
  if (state?.last_success_at) return null;
  return runSync(mirror, bmoSource(config.bmoUrl));
}

/** Builds the upstream client and the mirror from the config and serves the subgraph. */
export async function startFranceTravail(
  config: FranceTravailConfig,
  options: { mirror?: MirrorStore } = {},
): Promise<RunningServer> {
  const ownMirror = options.mirror === undefined;
  const mirror =
    options.mirror ?? (await openMirror({ databaseUrl: config.databaseUrl, file: config.mirrorFile }));
  const { client, close } = createFranceTravailClient(config);
  // The token is fetched now and renewed in the background: no query waits for one.
  await client.start();
  const server = createFranceTravailServer({
    hideInternalErrors: config.production,
    budgetMs: config.budgetMs,
  });
  const deps = {
    client,
    mirror,
    budgetMs: config.budgetMs,
    locations: { apiUrl: config.upstream.baseUrl, bmoUrl: config.bmoUrl },
  };
  let syncing: Promise<unknown> = Promise.resolve();
  const running = await serveWithClient(
    server,
    config,
    (requestId) => createFranceTravailContext(deps, requestId),
    async () => {
      await close();
      await syncing;
      if (ownMirror) await mirror.close();
    },
  );
  if (config.bmoSyncOnStart) {
    // The file is small (about 53,000 rows for real, 1,800 simulated): start-up waits for it a
    // little, so a fresh stack answers the outlook at once; past that the graph answers meanwhile
    // (recruitment says MIRROR_NOT_SYNCED) and the sync goes on in the background.
    syncing = syncBmoIfNeverSynced(mirror, config)
      .then((result) => {
        if (result?.error) console.warn(`france-travail: BMO sync failed: ${result.error.message}`);
      })
      .catch((error: unknown) => console.warn(`france-travail: BMO sync failed: ${String(error)}`));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      syncing,
      new Promise((resolve) => (timer = setTimeout(resolve, START_SYNC_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }
  return running;
}
