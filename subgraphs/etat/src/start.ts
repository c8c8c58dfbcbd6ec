// Starts the etat subgraph on a port: opens the mirror, syncs the Fonds Vert file (the first
// sync is awaited when the mirror holds no copy yet) and schedules the next syncs unless
// SYNC_ON_START is off (inside the stack, whose scheduler syncs it), and serves.
// Closing it stops the schedule, waits for a sync in flight and closes the mirror.
import type { RunningServer } from '../../../kit/src/listen.js';
import { openMirror, type SyncResult } from '../../../kit/src/mirror/index.js';
import { serveWithClient } from '../../../kit/src/upstream/operatorSubgraph.js';
import type { EtatConfig } from './config.js';
import { EtatClient } from './etatClient.js';
import { startFondsVertSync } from './fondsVertSync.js';
import { createEtatContext, createEtatServer, etatGeography } from './server.js';

/** Extra hooks for tests and logs. */
export interface StartEtatOptions {
  onSync?: (result: SyncResult) => void;
}

/** The running subgraph, and a way to sync now (tests, an operator's manual refresh). */
export interface RunningEtat extends RunningServer {
  syncNow(): Promise<SyncResult>;
}

/** Opens the mirror, runs the first sync and serves the subgraph. */
export async function startEtat(config: EtatConfig, options: StartEtatOptions = {}): Promise<RunningEtat> {
  const store = await openMirror({
    databaseUrl: config.databaseUrl,
    schema: config.databaseSchema,
    file: config.mirrorFile,
  });
  try {
    const client = new EtatClient(store, {
      fondsVertUrl: `${config.staticBaseUrl}${config.fondsVertPath}`,
      syncTimeoutMs: config.syncTimeoutMs,
    });
    etatGeography();
    // Off inside the stack, whose scheduler syncs every mirrored source (stack/sync.ts).
    const sync = config.syncOnStart
      ? await startFondsVertSync(client, {
          intervalMs: config.syncIntervalMs,
          onSync: options.onSync ?? logSync,
        })
      : { syncNow: () => client.syncFondsVert(), stop: async () => undefined };
    const running = await serveWithClient(
      createEtatServer({ hideInternalErrors: config.production }),
      config,
      (requestId) => createEtatContext(client, config.staticBaseUrl, requestId),
      async () => {
        await sync.stop();
        await store.close();
      },
    );
    return { ...running, syncNow: sync.syncNow };
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}

function logSync(result: SyncResult): void {
  if (result.status === 'failed')
    console.error(
      JSON.stringify({
        service: 'etat',
        event: 'sync',
        source: result.source,
        status: result.status,
        error: result.error,
      }),
    );
}
