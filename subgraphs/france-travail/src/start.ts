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
import { readFreshness } from '../../../kit/src/mirror/freshness.js';
import { SyncScheduler } from '../../../kit/src/mirror/syncService.js';
import { openUpstream, serveWithClient } from '../../../kit/src/upstream/operatorSubgraph.js';
import { UpstreamClient } from '../../../kit/src/upstream/upstreamClient.js';
import { OPERATOR_ID, type FranceTravailConfig } from './config.js';
import { programmeCommunesByDepartment } from '../../../kit/src/reference/programmeCommunes.js';
import { FranceTravailClient } from './franceTravailClient.js';
import { OFFER_WINDOW_SOURCE, offerWindowSource } from './offerWindow.js';
import { createFranceTravailContext, createFranceTravailServer } from './server.js';

/** The BMO file's name in sync_state and /ready. */
const BMO_SOURCE = 'bmo';

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

/** The BMO file as a mirrored source; undefined when no CSV of it can be named (real host). */
export function bmoMirrorSource(config: FranceTravailConfig): SourceDefinition | undefined {
  return config.bmoUrl ? (bmoSource(config.bmoUrl) as unknown as SourceDefinition) : undefined;
}

/** The offer window as a mirrored source; undefined when FRANCE_TRAVAIL_OFFERS_SYNC_INTERVAL is 0. */
export function offerWindowMirrorSource(config: FranceTravailConfig): SourceDefinition | undefined {
  if (config.offersSyncIntervalMs === 0) return undefined;
  return offerWindowSource({
    apiUrl: config.upstream.baseUrl,
    authUrl: config.authUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    scope: config.scope,
    departments: programmeCommunesByDepartment(config.programmeFile),
    communesPerCall: config.communesPerCall,
    minIntervalMs: config.upstream.minIntervalMs,
    intervalMs: config.offersSyncIntervalMs,
  }) as unknown as SourceDefinition;
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
  const [state] = await readSyncStates(mirror, [BMO_SOURCE]);
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
  const window = offerWindowMirrorSource(config);
  const deps = {
    client,
    mirror,
    budgetMs: config.budgetMs,
    locations: { apiUrl: config.upstream.baseUrl, bmoUrl: config.bmoUrl },
    window: window && {
      departments: new Set(programmeCommunesByDepartment(config.programmeFile).keys()),
      maxAgeMs: config.offersMaxAgeMs,
    },
  };
  // The store as a handle, for the scheduler and the freshness readers.
  const store = { location: 'france-travail', store: async () => mirror, release: async () => undefined };
  // Alone, the subgraph keeps its window synced itself (first at start, then every interval);
  // under `npm start` the stack's scheduler does it for every source.
  const windowSync =
    window && config.offersSyncHere
      ? new SyncScheduler({
          mirror: store,
          sources: [window],
          intervalMs: 0,
          syncOnStart: true,
          log: (message, fields) => console.log(JSON.stringify({ level: 'info', message, ...fields })),
        })
      : undefined;
  let syncing: Promise<unknown> = Promise.resolve();
  const running = await serveWithClient(
    server,
    config,
    (requestId) => createFranceTravailContext(deps, requestId),
    async () => {
      await windowSync?.stop();
      await close();
      await syncing;
      if (ownMirror) await mirror.close();
    },
    // The gateway's /ready lists how fresh the BMO file and the offer window are.
    async () => ({
      mirror: await readFreshness(store, [BMO_SOURCE, ...(window ? [OFFER_WINDOW_SOURCE] : [])]),
    }),
  );
  windowSync?.start();
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
