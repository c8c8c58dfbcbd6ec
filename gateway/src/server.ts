// The gateway as a pure application: it assembles the modules (auth, limits, persisted operations,
// response cache, rate limits, hot reload, readiness, metrics, logs, traces) around Apollo Server
// and @apollo/gateway, and routes HTTP requests. Opens no port; index.ts (or the stack) listens.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../../kit/src/errors.js';
import { sendJson } from '../../kit/src/http.js';
import { renderMetrics } from '../../kit/src/metrics.js';
import { createAuthenticator } from './guards/auth.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { SubgraphDataSource } from './fetch/dataSource.js';
import { FederatedGateway } from './supergraph/federation.js';
import { CSV_EXPORT_PATH, serveCsvExport } from './pages/csvRoute.js';
import { createDashboard, isDashboardPath } from './pages/dashboard/dashboardRoute.js';
import { ASSET_PREFIX, graphiqlPage, loadExampleOperations, serveGraphiqlAsset } from './pages/graphiql.js';
import { createGraphQLRoute } from './pipeline/graphqlRoute.js';
import { createOperationPipeline } from './pipeline/runOperation.js';
import { createLogger, type Logger } from './observability/logger.js';
import { PersistedOperations, readManifest } from './pipeline/persistedOperations.js';
import { createRateLimiter } from './guards/rateLimit.js';
import { ReadinessProbe } from './observability/readiness.js';
import { ExecutionSlots } from './pipeline/executionSlots.js';
import { ResponseCache } from './pipeline/responseCache.js';
import { openStores } from './pipeline/stores.js';
import { readSupergraph } from './supergraph/supergraphFile.js';
import { SupergraphSource, fetchSupergraph } from './supergraph/supergraphSource.js';
import { staleExtensionsPlugin } from './fetch/staleExtensions.js';
import { startTracing } from './observability/tracing.js';

/** A started gateway: its request handler and how to stop it. */
export interface GatewayApp {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stop(): Promise<void>;
}

/** Options for tests and embedders. */
export interface GatewayAppOptions {
  /** Where log lines go (stdout by default). */
  logSink?: (line: string) => void;
}

/** Reads the supergraph, starts Apollo Server on it and returns the HTTP handler. */
export async function createGatewayApp(
  config: GatewayConfig,
  options: GatewayAppOptions = {},
): Promise<GatewayApp> {
  const logger = createLogger(config.logLevel, options.logSink);
  const initialSdl = await initialSupergraph(config);
  const manifest = readManifest(config.manifestPath, config.safelist);
  const tracing = startTracing(config.otlpEndpoint, config.serviceName);
  const stores = await openStores(
    config.cacheUrl,
    { maxEntries: config.memoryCacheEntries, maxChars: config.memoryCacheMb * 1_048_576 },
    logger,
  );
  const closers: (() => Promise<void>)[] = [() => tracing.shutdown(), () => stores.close()];
  try {
    const gateway = new FederatedGateway({
      initialSdl,
      source: new SupergraphSource({
        path: config.supergraphPath,
        watch: config.watchSupergraph,
        url: config.supergraphUrl,
        pollMs: config.supergraphPollMs,
        logger,
      }),
      limits: config.limits,
      logger,
      buildService: ({ name, url }) =>
        new SubgraphDataSource(name, subgraphUrl(config, name, url), {
          gatewaySecret: config.gatewaySecret,
          timeoutMs: config.subgraphTimeoutMs,
          production: config.production,
        }),
    });
    const apollo = new ApolloServer<GatewayContext>({
      gateway,
      // The pipeline refuses introspection with its own code first; this is the second lock.
      introspection: config.introspection,
      csrfPrevention: true,
      // Stack traces belong in logs, not in answers, in development too.
      includeStacktraceInErrorResponses: false,
      // index.ts and the stack launcher own the signals (one listener per process, not per server).
      stopOnTerminationSignals: false,
      formatError: (formatted) => formatGatewayError(formatted, config.production),
      plugins: [ApolloServerPluginLandingPageDisabled(), staleExtensionsPlugin<GatewayContext>()],
    });
    await apollo.start();
    closers.unshift(() => apollo.stop());

    const pipeline = createOperationPipeline({
      config,
      apollo,
      gateway,
      auth: createAuthenticator(config.auth),
      rateLimiter:
        config.rateLimit.max > 0
          ? createRateLimiter({ ...config.rateLimit, redis: stores.redis, logger })
          : undefined,
      persisted: new PersistedOperations(
        { apq: config.apq, safelist: config.safelist, ttlSeconds: config.apqTtlSeconds },
        manifest,
        stores.keyv<string>('apq'),
      ),
      responseCache: config.responseCache
        ? new ResponseCache(stores.keyv('response'), config.responseCacheHotMb)
        : undefined,
      slots: new ExecutionSlots(config.execution),
      logger,
      tracing,
    });
    const graphql = createGraphQLRoute(pipeline, {
      bodyLimitBytes: config.bodyLimitBytes,
      corsOrigins: config.corsOrigins,
      compression: config.compression,
    });
    const readiness = new ReadinessProbe({
      ttlMs: config.readyProbeTtlMs,
      timeoutMs: config.readyProbeTimeoutMs,
    });
    const examples = loadExampleOperations();
    const dashboard = createDashboard();
    logger.info('gateway started', {
      supergraph: gateway.current?.id,
      subgraphs: gateway.current?.subgraphs.map((s) => s.name),
      cache: config.cacheUrl ? 'redis' : 'memory',
      tracing: config.otlpEndpoint !== undefined,
    });

    async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      if (path === '/health') return sendJson(res, 200, { status: 'ok' });
      if (path === '/ready') {
        const loaded = gateway.current;
        const verdict = await readiness.check(
          loaded && {
            id: loaded.id,
            targets: loaded.subgraphs.map((s) => ({ name: s.name, url: subgraphUrl(config, s.name, s.url) })),
          },
        );
        return sendJson(res, verdict.ready ? 200 : 503, {
          status: verdict.ready ? 'ready' : 'not ready',
          ...verdict,
        });
      }
      if (path === '/metrics') {
        const metrics = await renderMetrics();
        res.writeHead(200, { 'content-type': metrics.contentType });
        res.end(metrics.body);
        return;
      }
      if (path.startsWith(ASSET_PREFIX)) return serveGraphiqlAsset(path.slice(ASSET_PREFIX.length), res);
      if (req.method === 'GET' && (path === '/' || (path === '/graphql' && wantsHtml(req, url)))) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(graphiqlPage('/graphql', examples));
        return;
      }
      if (isDashboardPath(path)) return dashboard(path, res);
      if (path === CSV_EXPORT_PATH)
        return serveCsvExport(req, res, {
          pipeline,
          bodyLimitBytes: config.bodyLimitBytes,
          corsOrigins: config.corsOrigins,
        });
      if (path !== '/graphql')
        return sendJson(res, 404, { error: `No route ${path}; GraphQL is at /graphql.` });
      await graphql(req, res);
    }

    return {
      handle,
      stop: async () => {
        for (const close of closers)
          await close().catch((error: Error) => logger.warn('stop step failed', { error: error.message }));
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }
}

/** The start-up supergraph: the file, or the URL when the file is missing and a URL is set. */
async function initialSupergraph(config: GatewayConfig): Promise<string> {
  try {
    return readSupergraph(config.supergraphPath);
  } catch (error) {
    if (!config.supergraphUrl || !/no such file/.test((error as Error).message)) throw error;
    return fetchSupergraph(config.supergraphUrl);
  }
}

function subgraphUrl(config: GatewayConfig, name: string, routingUrl: string | undefined): string {
  return config.subgraphUrls[name] ?? routingUrl ?? '';
}

function wantsHtml(req: IncomingMessage, url: URL): boolean {
  return !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
}

/** In production, internal messages and stack traces never reach a caller; coded errors keep their code. */
export function formatGatewayError(
  formatted: GraphQLFormattedError,
  production: boolean,
): GraphQLFormattedError {
  if (!production) return formatted;
  const code = formatted.extensions?.code;
  const extensions = { ...formatted.extensions };
  delete extensions.stacktrace;
  delete extensions.exception;
  if (code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR) {
    return {
      ...formatted,
      message: 'Internal server error',
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        ...(extensions.serviceName ? { serviceName: extensions.serviceName } : {}),
      },
    };
  }
  return { ...formatted, extensions };
}

export type { Logger };
