// The gateway as a pure application: Apollo Server over @apollo/gateway on a supergraph file,
// GraphiQL, /health. Opens no port; index.ts (or the stack launcher) listens.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../../kit/src/errors.js';
import { sendJson, serveGraphQL } from '../../kit/src/http.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { SubgraphDataSource } from './dataSource.js';
import { ASSET_PREFIX, graphiqlPage, loadExampleOperations, serveGraphiqlAsset } from './graphiql.js';
import { readSupergraph } from './supergraphFile.js';

/** A started gateway: its request handler and how to stop it. */
export interface GatewayApp {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stop(): Promise<void>;
}

/** Reads the supergraph, starts Apollo Server on it and returns the HTTP handler. */
export async function createGatewayApp(config: GatewayConfig): Promise<GatewayApp> {
  const supergraphSdl = readSupergraph(config.supergraphPath);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource(name, config.subgraphUrls[name] ?? url ?? '', { gatewaySecret: config.gatewaySecret }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: !config.production,
    formatError: (formatted) => formatGatewayError(formatted, config.production),
  });
  await apollo.start();
  const examples = loadExampleOperations();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/health') return sendJson(res, 200, { status: 'ok' });
    if (path.startsWith(ASSET_PREFIX)) return serveGraphiqlAsset(path.slice(ASSET_PREFIX.length), res);
    if (req.method === 'GET' && (path === '/' || (path === '/graphql' && wantsHtml(req, url)))) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(graphiqlPage('/graphql', examples));
      return;
    }
    if (path !== '/graphql') return sendJson(res, 404, { error: `No route ${path}; GraphQL is at /graphql.` });
    const requestId = headerValue(req, 'x-request-id') ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    await serveGraphQL(apollo, req, res, async () => ({ requestId }), { bodyLimitBytes: config.bodyLimitBytes });
  }

  return { handle, stop: () => apollo.stop() };
}

function wantsHtml(req: IncomingMessage, url: URL): boolean {
  return !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  // A caller-supplied id ends up in logs and headers: keep it short and printable.
  return text && /^[\w.:-]{1,128}$/.test(text) ? text : undefined;
}

function formatGatewayError(formatted: GraphQLFormattedError, production: boolean): GraphQLFormattedError {
  if (!production) return formatted;
  const code = formatted.extensions?.code;
  const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
  if (code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR) {
    return { ...formatted, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  }
  return { ...formatted, extensions };
}
