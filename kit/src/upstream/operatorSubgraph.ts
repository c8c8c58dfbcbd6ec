// How an operator subgraph starts: one upstream client (with its cache) opened from the
// subgraph's settings, the operator's protocol client on top, and the subgraph served over HTTP.
// Closing the running server also closes the client and its cache. An operator with a window
// (kit/src/mirror/operatorWindow.ts) also holds the shared mirror: each request gets its view of
// the window, and /health (the gateway's /ready) says how fresh the window is.
import type { ApolloServer, BaseContext } from '@apollo/server';
import type { Keyv } from 'keyv';
import type { RunningServer } from '../listen.js';
import { listenSubgraph } from '../subgraphServer.js';
import type { UpstreamSettings } from '../upstreamSettings.js';
import { readFreshness } from '../mirror/freshness.js';
import { openMirrorFromSettings } from '../mirror/sharedMirror.js';
import { WindowReads, type RequestWindow, type WindowName } from '../mirror/windowReads.js';
import type { WindowSettings } from '../mirror/windowSettings.js';
import { programmeScope } from '../reference/programmeCommunes.js';
import type { BreakerOptions } from './breaker.js';
import { createUpstreamCache } from './cache.js';
import { UpstreamClient } from './upstreamClient.js';

/** Who an upstream belongs to: named in errors, metrics and the cache namespace. */
export interface UpstreamIdentity {
  /** Operator id, e.g. `ademe`. */
  operator: string;
  /** Operator name for messages, e.g. `ADEME`. */
  label: string;
  /** The upstream source, e.g. `data-fair`; the cache namespace is `<operator>:<source>`. */
  source: string;
  breaker?: BreakerOptions;
}

/** An upstream client with its cache, and how to close both. */
export interface OpenedUpstream {
  upstream: UpstreamClient;
  cache: Keyv;
  close(): Promise<void>;
}

/** Opens the cache and the resilient client of one upstream from its settings. */
export function openUpstream(settings: UpstreamSettings, identity: UpstreamIdentity): OpenedUpstream {
  const cache = createUpstreamCache({
    url: settings.cacheUrl,
    namespace: `${identity.operator}:${identity.source}`,
    memoryMb: settings.memoryCacheMb,
  });
  const upstream = new UpstreamClient({
    operator: identity.operator,
    label: identity.label,
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    cache,
    ttlMs: settings.cacheTtlMs,
    minIntervalMs: settings.minIntervalMs,
    breaker: identity.breaker,
  });
  return {
    upstream,
    cache,
    close: async () => {
      upstream.close();
      await cache.disconnect().catch(() => undefined);
    },
  };
}

/** Where and how a subgraph listens. */
export interface SubgraphListenSettings {
  port: number;
  host: string;
  gatewaySecret?: string;
}

/** Everything {@link startOperatorSubgraph} needs. */
export interface OperatorSubgraphOptions<TClient, TContext extends BaseContext> extends UpstreamIdentity {
  settings: UpstreamSettings;
  listen: SubgraphListenSettings;
  server: ApolloServer<TContext>;
  /** Builds the operator's protocol client on the opened upstream. */
  client(upstream: UpstreamClient): TClient;
  /** Builds one request's context; `window` is the request's view of the operator's window. */
  context(client: TClient, requestId?: string, window?: RequestWindow): TContext;
  /** The operator's window and its settings; absent (or its interval 0): every read is live. */
  window?: { name: WindowName; settings: WindowSettings };
}

/** Opens the upstream (and the mirror of its window), serves the subgraph, and closes them together. */
export async function startOperatorSubgraph<TClient, TContext extends BaseContext>(
  options: OperatorSubgraphOptions<TClient, TContext>,
): Promise<RunningServer> {
  const opened = openUpstream(options.settings, options);
  const client = options.client(opened.upstream);
  const window = options.window?.settings.syncIntervalMs ? options.window : undefined;
  const mirror = window && openMirrorFromSettings(window.settings.mirror);
  const scope = window && programmeScope(window.settings.programmeFile);
  try {
    return await serveWithClient(
      options.server,
      options.listen,
      (requestId) =>
        options.context(
          client,
          requestId,
          mirror && scope && { reads: new WindowReads(mirror, window.name, window.settings.maxAgeMs), scope },
        ),
      async () => {
        await opened.close();
        await mirror?.release();
      },
      mirror && (async () => ({ mirror: await readFreshness(mirror, [window.name.source]) })),
    );
  } catch (error) {
    await opened.close();
    await mirror?.release();
    throw error;
  }
}

/** Serves a subgraph whose contexts come from `context`, running `cleanup` after it closes; `health` adds to `/health`. */
export async function serveWithClient<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  listen: SubgraphListenSettings,
  context: (requestId?: string) => TContext,
  cleanup: () => Promise<void>,
  health?: () => Promise<Record<string, unknown>>,
): Promise<RunningServer> {
  const running = await listenSubgraph(server, {
    port: listen.port,
    host: listen.host,
    gatewaySecret: listen.gatewaySecret,
    health,
    context: (_req, call) => context(call.requestId),
  });
  return {
    ...running,
    close: async () => {
      await running.close();
      await cleanup();
    },
  };
}
