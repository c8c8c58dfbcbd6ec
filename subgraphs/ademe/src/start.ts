// Starts the ademe subgraph on a port: used by index.ts and by the stack launcher. It reads the
// mirror (opened here unless the caller shares one) and, until the stack's sync service runs the
// sources itself, syncs the aids in the background when the mirror has never loaded them: the
// graph answers meanwhile, with empty lists and `source.retrievedAt: null`.
import { CodedError, ErrorCode } from '../../../kit/src/errors.js';
import type { RunningServer } from '../../../kit/src/listen.js';
import { openMirror, runSync, type MirrorStore, type SyncResult } from '../../../kit/src/mirror/index.js';
import { serveWithClient } from '../../../kit/src/upstream/operatorSubgraph.js';
import { AdemeMirror } from './ademeMirror.js';
import type { AdemeConfig } from './config.js';
import { createAdemeContext, createAdemeServer } from './server.js';

/** The running subgraph, and its first sync when one was started. */
export interface RunningAdeme extends RunningServer {
  /** Settles when the start-up sync ends (undefined when none was needed or it was turned off). */
  initialSync: Promise<SyncResult | undefined>;
}

/** Where the subgraph finds its mirror: a store shared by the caller, or its own from config. */
export interface StartAdemeOptions {
  store?: MirrorStore;
}

/** Opens the mirror, serves the subgraph, and closes both together. */
export async function startAdeme(
  config: AdemeConfig,
  options: StartAdemeOptions = {},
): Promise<RunningAdeme> {
  const store =
    options.store ?? (await openMirror({ databaseUrl: config.databaseUrl, file: config.mirrorFile }));
  const mirror = new AdemeMirror({ store, baseUrl: config.baseUrl, datasetId: config.datasetId });
  const abort = new AbortController();
  const initialSync = config.syncOnStart
    ? syncIfNeverLoaded(mirror, abort.signal)
    : Promise.resolve(undefined);
  try {
    const running = await serveWithClient(
      createAdemeServer({ hideInternalErrors: config.production }),
      config,
      (requestId) => createAdemeContext(mirror, requestId),
      async () => {
        abort.abort(new Error('the ademe subgraph is stopping'));
        await initialSync.catch(() => undefined);
        if (!options.store) await store.close();
      },
    );
    return { ...running, initialSync };
  } catch (error) {
    abort.abort(error);
    await initialSync.catch(() => undefined);
    if (!options.store) await store.close();
    throw error;
  }
}

// A mirror that has served the aids once keeps serving them; only a never-loaded one syncs here.
// Never rejects: nobody may be waiting, and a failure is recorded in sync_state anyway.
async function syncIfNeverLoaded(mirror: AdemeMirror, signal: AbortSignal): Promise<SyncResult | undefined> {
  try {
    const freshness = await mirror.freshness();
    if (freshness.source.retrievedAt !== null) return undefined;
    return await runSync(mirror.store, mirror.syncSource, { signal });
  } catch (error) {
    const coded =
      error instanceof CodedError ? error : new CodedError(ErrorCode.MIRROR_SYNC_FAILED, String(error));
    return {
      source: mirror.syncSource.name,
      status: 'failed',
      read: 0,
      loaded: 0,
      rejected: 0,
      recordCount: 0,
      unlocatedCount: 0,
      error: { code: coded.code, message: coded.message },
    };
  }
}
