// Starts the bpifrance subgraph on a port: used by index.ts and by the stack launcher. It reads
// France Relance and the illustrative France 2030 laureates from the mirror (opened here unless
// the caller shares one) and, when started alone (the stack's scheduler syncs otherwise), syncs
// them in the background when the mirror has never loaded France Relance: the graph answers
// meanwhile, with empty lists and `source.retrievedAt: null`. No portal call at query time.
import type { RunningServer } from '../../../kit/src/listen.js';
import { loadPlaceIndex, openMirror, type MirrorStore } from '../../../kit/src/mirror/index.js';
import { openCompanyRegistry } from '../../../kit/src/registry/openCompanyRegistry.js';
import { serveWithClient } from '../../../kit/src/upstream/operatorSubgraph.js';
import { BpifranceMirror, type ProjectsSync } from './bpifranceMirror.js';
import type { BpifranceConfig } from './config.js';
import type { BpifranceSources } from './loaders.js';
import { createBpifranceContext, createBpifranceServer } from './server.js';

/** The running subgraph, and its first sync when one was started. */
export interface RunningBpifrance extends RunningServer {
  /** Settles when the start-up sync and locate step end (undefined when none was needed). */
  initialSync: Promise<ProjectsSync | undefined>;
}

/** Where the subgraph finds its mirror: a store shared by the caller, or its own from config. */
export interface StartBpifranceOptions {
  store?: MirrorStore;
}

/** Opens the mirror, serves the subgraph, and closes both together. */
export async function startBpifrance(
  config: BpifranceConfig,
  options: StartBpifranceOptions = {},
): Promise<RunningBpifrance> {
  const store =
    options.store ?? (await openMirror({ databaseUrl: config.databaseUrl, file: config.mirrorFile }));
  const mirror = new BpifranceMirror({
    store,
    baseUrl: config.upstream.baseUrl,
    datasetId: config.franceRelanceDataset,
    france2030DatasetId: config.france2030Dataset,
  });
  const sources: BpifranceSources = { mirror };
  const abort = new AbortController();
  const initialSync = config.syncOnStart
    ? syncIfNeverLoaded(mirror, config, abort.signal)
    : Promise.resolve(undefined);
  const cleanup = async () => {
    abort.abort(new Error('the bpifrance subgraph is stopping'));
    await initialSync.catch(() => undefined);
    if (!options.store) await store.close();
  };
  try {
    const running = await serveWithClient(
      createBpifranceServer({ hideInternalErrors: config.production }),
      config,
      (requestId) => createBpifranceContext(sources, requestId),
      cleanup,
    );
    return { ...running, initialSync };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

// A mirror that has served both sources once keeps serving them; one never loaded syncs here
// (France Relance, incremental when already loaded, its locate step, then the France 2030
// laureates when configured).
async function syncIfNeverLoaded(
  mirror: BpifranceMirror,
  config: BpifranceConfig,
  signal: AbortSignal,
): Promise<ProjectsSync | undefined> {
  const [projects, laureates] = await Promise.all([mirror.freshness(), mirror.france2030Freshness()]);
  if (projects.source.retrievedAt !== null && (laureates === null || laureates.retrievedAt !== null))
    return undefined;
  const registry = openCompanyRegistry(config.registry);
  try {
    return await mirror.sync(
      { registry: registry.registry, places: loadPlaceIndex(config.geoDir) },
      { signal },
    );
  } finally {
    await registry.close();
  }
}
