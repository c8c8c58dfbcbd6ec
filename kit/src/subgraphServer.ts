// The shared shape of every subgraph: a pure builder that makes the Apollo server from a schema
// file (with the shared blocks of kit/schema/ it imports) and resolvers (no port), and a listener
// that serves it over HTTP with /health.
import type { IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { GraphQLFormattedError } from 'graphql';
import { installCacheControl } from './cacheControl.js';
import { sendJson, serveGraphQL } from './http.js';
import { listen, type RunningServer } from './listen.js';
import { ErrorCode } from './errors.js';
import { verifyIdentity, type CallerIdentity } from './gatewayIdentity.js';
import { renderMetrics } from './metrics.js';
import { loadSubgraphSchema } from './subgraphSchema.js';

export type { GraphQLResolverMap };

/** Options of {@link createSubgraphServer}. */
export interface SubgraphServerOptions<TContext extends BaseContext> {
  /** Subgraph name as in schema/supergraph.yaml, used in logs and errors. */
  name: string;
  /** Path to the subgraph's `schema.graphql`; the shared blocks it `#import`s are read with it. */
  schemaPath: string;
  resolvers: GraphQLResolverMap<TContext>;
  plugins?: ApolloServerPlugin<TContext>[];
  /** Hide internal error messages from callers (production). */
  hideInternalErrors?: boolean;
}

/** Builds a subgraph's Apollo server from its schema file and resolvers; opens no port. */
export function createSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): ApolloServer<TContext> {
  // The served SDL (`_service`) is printed from the built schema: self-contained, imports included.
  const { document: typeDefs } = loadSubgraphSchema(options.schemaPath);
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: options.resolvers as GraphQLResolverMap<unknown>,
  });
  return new ApolloServer<TContext>({
    schema,
    // No Apollo Studio here: inline traces would only cost time on every request, and the default
    // landing page loads from a CDN; browsers use the gateway's own GraphiQL instead.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      // The same Cache-Control header as the stock plugin, without its hook on every field.
      ApolloServerPluginCacheControlDisabled(),
      installCacheControl<TContext>(schema),
      ...(options.plugins ?? []),
    ],
    includeStacktraceInErrorResponses: false,
    // Apollo Server would add its own SIGINT and SIGTERM listeners per instance: with ten servers
    // in one `npm start` process that passes Node's limit (MaxListenersExceededWarning). Whoever
    // owns the process stops the servers (the stack launcher, or the process exiting).
    stopOnTerminationSignals: false,
    // Subgraphs are called by the gateway only; CSRF protection is the gateway's job.
    csrfPrevention: false,
    formatError: (formatted) => formatSubgraphError(formatted, options.hideInternalErrors ?? false),
  });
}

function formatSubgraphError(formatted: GraphQLFormattedError, hideInternal: boolean): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (hideInternal && (code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR)) {
    return {
      ...formatted,
      message: 'Internal server error',
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  }
  return formatted;
}

/** Options of {@link listenSubgraph}. */
export interface ListenSubgraphOptions<TContext> {
  port: number;
  host?: string;
  /**
   * Builds the per-request context (loaders, identity, request id). `call` holds the caller
   * identity the gateway verified and signed, and the request id.
   */
  context: (req: IncomingMessage, call: GatewayCall) => Promise<TContext> | TContext;
  /** When set, requests must carry it in `x-gateway-secret`, or get 401. */
  gatewaySecret?: string;
  bodyLimitBytes?: number;
  /** Extra fields of the `/health` answer (e.g. `mirror`: the freshness of the sources it reads). */
  health?: () => Promise<Record<string, unknown>>;
}

/** What a subgraph learns from the gateway about one call. */
export interface GatewayCall {
  /** The caller as the gateway verified it (anonymous when the gateway sent no identity). */
  identity: CallerIdentity;
  requestId?: string;
}

/** Starts the subgraph's Apollo server and serves it at `/graphql` (and `/`), with `/health`. */
export async function listenSubgraph<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: ListenSubgraphOptions<TContext>,
): Promise<RunningServer> {
  await server.start();
  const running = await listen(
    async (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/health') return sendJson(res, 200, { status: 'ok', ...(await options.health?.()) });
      if (path === '/metrics') {
        const metrics = await renderMetrics();
        res.writeHead(200, { 'content-type': metrics.contentType });
        res.end(metrics.body);
        return;
      }
      if (path !== '/graphql' && path !== '/') return sendJson(res, 404, { error: `No route ${path}` });
      // A signed identity header proves the call comes from the gateway as much as the secret does.
      const identity = verifyIdentity(req.headers, options.gatewaySecret);
      if ((options.gatewaySecret && req.headers['x-gateway-secret'] !== options.gatewaySecret) || !identity) {
        return sendJson(res, 401, {
          errors: [
            {
              message: 'This subgraph only answers the gateway.',
              extensions: { code: ErrorCode.UNAUTHENTICATED },
            },
          ],
        });
      }
      const requestId = req.headers['x-request-id'];
      const call: GatewayCall = { identity, requestId: Array.isArray(requestId) ? requestId[0] : requestId };
      await serveGraphQL(server, req, res, async () => options.context(req, call), {
        bodyLimitBytes: options.bodyLimitBytes ?? 2_000_000,
      });
    },
    options.port,
    options.host,
  );
  return {
    ...running,
    close: async () => {
      await running.close();
      await server.stop();
    },
  };
}
