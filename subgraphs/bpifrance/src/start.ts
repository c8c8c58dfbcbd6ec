// Starts the bpifrance subgraph on a port: used by index.ts and by the stack launcher. It reads
// France Relance from the mirror (opened here unless the caller shares one) and, until the
// stack's sync service runs the sources itself, syncs and locates it in the background when the
// mirror has never loaded it: the graph answers meanwhile, with empty lists and
// `source.retrievedAt: null`. The illustrative France 2030 laureates are read live when configured.
import type { RunningServer } from '../../../kit/src/listen.js';
import { loadPlaceIndex, openMirror, type MirrorStore } from '../../../kit/src/mirror/index.js';
import { openCompanyRegistry } from '../../../kit/src/registry/openCompanyRegistry.js';
import { OpendatasoftClient } from '../../../kit/src/upstream/opendatasoftClient.js';
import { openUpstream, serveWithClient } from '../../../kit/src/upstream/operatorSubgraph.js';
import { BpifranceClient } from './bpifranceClient.js';
import { BpifranceMirror, type ProjectsSync } from './bpifranceMirror.js';
import { OPERATOR_ID, type BpifranceConfig } from './config.js';
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

/** Opens the mirror and the portal client, serves the subgraph, and closes them together. */
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
  });
  const portal = openUpstream(config.upstream, {
    operator: OPERATOR_ID,
    label: 'Bpifrance',
    source: 'economie',
    breaker: config.breaker,
  });
  const sources: BpifranceSources = {
    mirror,
    france2030: config.france2030Dataset
      ? {
          client: new BpifranceClient(
            new OpendatasoftClient(portal.upstream, { apiKey: config.apiKey }),
            config.france2030Dataset,
          ),
          baseUrl: config.upstream.baseUrl,
        }
      : undefined,
  };
  const abort = new AbortController();
  const initialSync = config.syncOnStart
    ? syncIfNeverLoaded(mirror, config, abort.signal)
    : Promise.resolve(undefined);
  const cleanup = async () => {
    abort.abort(new Error('the bpifrance subgraph is stopping'));
    await initialSync.catch(() => undefined);
    await portal.close();
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

// A mirror that has served the projects once keeps serving them; only a never-loaded one syncs here.
async function syncIfNeverLoaded(
  mirror: BpifranceMirror,
  config: BpifranceConfig,
  signal: AbortSignal,
): Promise<ProjectsSync | undefined> {
  const freshness = await mirror.freshness();
  if (freshness.source.retrievedAt !== null) return undefined;
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
