// The /graphql pipeline. Everything that can refuse a request does so before Apollo parses,
// validates or plans anything, in this order: method and content type, CSRF, body, credentials,
// rate limit, persisted query, document size, response cache, then the operation's limits,
// introspection and safelist. Then Apollo Server runs it, and the answer is cached when it may be.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ErrorCode } from '../../kit/src/errors.js';
import { ANONYMOUS, type CallerIdentity } from '../../kit/src/gatewayIdentity.js';
import { HttpError, parseJsonBody, readBody, sendGraphQLError, toHeaderMap } from '../../kit/src/http.js';
import type { Authenticator } from './guards/auth.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { looksLikeCsrf } from './guards/cors.js';
import type { FederatedGateway } from './supergraph/federation.js';
import type { Logger } from './observability/logger.js';
import { recordRateLimited, recordRequest, type Outcome } from './observability/metrics.js';
import type { PersistedOperations } from './pipeline/persistedOperations.js';
import type { RateLimiter } from './guards/rateLimit.js';
import { cachedHeaders, type ResponseCache } from './pipeline/responseCache.js';
import { withSpan, type Tracing } from './observability/tracing.js';

/** What the pipeline needs, assembled by server.ts. */
export interface GraphQLHttpDeps {
  config: GatewayConfig;
  apollo: ApolloServer<GatewayContext>;
  gateway: FederatedGateway;
  auth: Authenticator;
  rateLimiter?: RateLimiter;
  persisted: PersistedOperations;
  responseCache?: ResponseCache;
  logger: Logger;
  tracing: Tracing;
}

/** A GraphQL-over-HTTP request, read from a POST body or GET parameters. */
interface GraphQLParams {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

/** What one request did, for its log line, metrics and span. */
interface RequestRecord {
  operationName?: string;
  outcome: Outcome;
  status: number;
  cache?: 'HIT' | 'MISS';
  caller: CallerIdentity;
  code?: string;
}

/** Makes the /graphql handler. */
export function createGraphQLHandler(deps: GraphQLHttpDeps) {
  const { config, logger, tracing } = deps;

  return async function handleGraphQL(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
  ): Promise<void> {
    const started = performance.now();
    const record: RequestRecord = { outcome: 'refused', status: 0, caller: ANONYMOUS };
    const span = tracing.tracer?.startSpan('graphql.request', {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method ?? '', 'territoires.request_id': requestId },
    });
    try {
      await withSpan(span, () => run(req, res, record));
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      record.status = error.status;
      record.code = String(error.code);
      const headers: Record<string, string> = {};
      if (error.status === 405) headers.allow = req.method === 'GET' ? 'POST' : 'GET, POST';
      if (error instanceof RateLimitError) Object.assign(headers, error.headers);
      if (error.status === 401) headers['www-authenticate'] = 'Bearer error="invalid_token"';
      sendGraphQLError(res, error, headers);
    } finally {
      const seconds = (performance.now() - started) / 1000;
      recordRequest(record.operationName, record.outcome, seconds);
      if (span) {
        span.setAttributes({
          'graphql.operation.name': record.operationName ?? '',
          'http.response.status_code': record.status,
          'territoires.outcome': record.outcome,
        });
        if (record.outcome === 'error' || record.status >= 500)
          span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
      const level = record.status >= 500 ? 'error' : 'info';
      if (logger.enabled(level)) {
        logger[level]('graphql request', {
          requestId,
          method: req.method,
          status: record.status,
          operation: record.operationName,
          outcome: record.outcome,
          code: record.code,
          cache: record.cache,
          caller:
            record.caller.kind === 'anonymous'
              ? 'anonymous'
              : `${record.caller.kind}:${record.caller.subject ?? ''}`,
          ms: Math.round(seconds * 10_000) / 10,
        });
      }
    }

    async function run(req: IncomingMessage, res: ServerResponse, record: RequestRecord): Promise<void> {
      const params = await readParams(req, config.bodyLimitBytes);
      record.operationName = params.operationName;
      const caller = await deps.auth.authenticate(req);
      record.caller = caller;
      const limitHeaders = await rateLimit(req, caller);

      const resolved = await deps.persisted.resolve(params.query, params.extensions);
      const { query } = resolved;
      const max = config.limits.maxDocumentBytes;
      if (query.length > max || (query.length * 3 > max && Buffer.byteLength(query) > max)) {
        throw new HttpError(413, ErrorCode.DOCUMENT_TOO_LARGE, `The document is over ${max} bytes.`);
      }
      const loaded = deps.gateway.current;
      if (!loaded) throw new HttpError(503, ErrorCode.INTERNAL_SERVER_ERROR, 'No supergraph is loaded yet.');

      const cache = deps.responseCache;
      const cacheKey = cache?.key({
        schemaId: loaded.id,
        query,
        operationName: params.operationName,
        variables: params.variables,
        accept: req.headers.accept,
        caller,
      });
      if (cache && cacheKey) {
        const hit = await cache.get(cacheKey);
        if (hit) {
          record.cache = 'HIT';
          record.outcome = 'ok';
          record.operationName = hit.operationName;
          record.status = hit.status;
          res.writeHead(hit.status, {
            'content-type': hit.contentType,
            'x-cache': 'HIT',
            ...cachedHeaders(hit, caller),
            ...limitHeaders,
          });
          res.end(hit.body);
          return;
        }
        record.cache = 'MISS';
      }

      const { limits } = loaded;
      const analysis = limits.analyse(query);
      const operation = limits.operation(analysis, params.operationName);
      record.operationName = operation.name?.value ?? params.operationName;
      const facts = limits.check(analysis, operation, params.variables);
      if (req.method === 'GET' && facts.type !== 'query') {
        throw new HttpError(
          405,
          ErrorCode.METHOD_NOT_ALLOWED,
          `A ${facts.type} must be sent with POST; GET only runs queries.`,
        );
      }
      if (facts.introspection && !config.introspection) {
        throw new HttpError(
          400,
          ErrorCode.INTROSPECTION_DISABLED,
          'Introspection is turned off on this gateway.',
        );
      }
      if (
        deps.persisted.safelist &&
        !(facts.onlyIntrospection && config.introspection) &&
        !deps.persisted.allows(limits.canonicalHash(analysis))
      ) {
        throw new HttpError(
          403,
          ErrorCode.OPERATION_NOT_IN_SAFELIST,
          'This gateway only runs the operations of its persisted-operation manifest.',
        );
      }
      if (resolved.register && resolved.hash) {
        await deps.persisted
          .register(resolved.hash, query)
          .catch((error: Error) => logger.warn('APQ store failed', { error: error.message }));
      }

      const headers = toHeaderMap(req);
      // The pipeline above already did what Apollo checks on the method and content type.
      headers.set('content-type', 'application/json');
      const extensions = withoutKey(params.extensions ?? {}, 'persistedQuery');
      const response = await deps.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: 'POST',
          headers,
          search: '',
          body: withoutUndefined({
            query,
            operationName: params.operationName,
            variables: params.variables,
            extensions,
          }),
        },
        context: async () => ({ requestId, caller }),
      });
      record.status = response.status ?? 200;
      for (const [name, value] of response.headers) res.setHeader(name, value);
      for (const [name, value] of Object.entries(limitHeaders)) res.setHeader(name, value);
      if (record.cache) res.setHeader('x-cache', record.cache);
      if (response.body.kind !== 'complete') {
        record.outcome = 'ok';
        res.writeHead(record.status);
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
        return;
      }
      const text = response.body.string;
      record.outcome = outcomeOf(record.status, text);
      if (cache && cacheKey && record.outcome === 'ok') {
        await cache.maybeStore(cacheKey, caller, {
          status: record.status,
          cacheControl: response.headers.get('cache-control'),
          contentType: response.headers.get('content-type') ?? 'application/json',
          body: text,
          operationName: record.operationName,
        });
      }
      res.writeHead(record.status);
      res.end(text);
    }
  };

  async function rateLimit(req: IncomingMessage, caller: CallerIdentity): Promise<Record<string, string>> {
    if (!deps.rateLimiter) return {};
    const key =
      caller.kind === 'anonymous'
        ? `ip:${clientIp(req, config.trustProxy)}`
        : `${caller.kind}:${caller.subject ?? ''}`;
    const decision = await deps.rateLimiter.hit(key);
    const headers = {
      'ratelimit-limit': String(decision.limit),
      'ratelimit-remaining': String(decision.remaining),
      'ratelimit-reset': String(decision.resetSeconds),
    };
    if (!decision.allowed) {
      recordRateLimited(caller.kind);
      throw new RateLimitError(
        `Too many requests: ${decision.limit} per ${Math.round(config.rateLimit.windowMs / 1000)} s for this caller. Retry in ${decision.resetSeconds} s.`,
        {
          ...headers,
          'retry-after': String(decision.resetSeconds),
        },
      );
    }
    return headers;
  }
}

/** A 429 with the headers that say when to come back. */
class RateLimitError extends HttpError {
  constructor(
    message: string,
    readonly headers: Record<string, string>,
  ) {
    super(429, ErrorCode.RATE_LIMITED, message);
  }
}

/** Reads the operation from a POST JSON body or GET parameters, refusing malformed requests. */
async function readParams(req: IncomingMessage, bodyLimitBytes: number): Promise<GraphQLParams> {
  if (req.method === 'POST') {
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json' && mediaType !== 'application/graphql-response+json') {
      throw new HttpError(
        415,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `POST bodies must be application/json; got "${req.headers['content-type'] ?? 'nothing'}".`,
      );
    }
    let body: unknown;
    try {
      body = parseJsonBody(await readBody(req, bodyLimitBytes));
    } catch (error) {
      if (error instanceof HttpError)
        throw new HttpError(
          error.status,
          error.code === 'PAYLOAD_TOO_LARGE' ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.MALFORMED_JSON,
          error.message,
        );
      throw error;
    }
    if (Array.isArray(body))
      throw new HttpError(
        400,
        ErrorCode.BAD_REQUEST,
        'Batched requests are not supported: send one operation as a JSON object.',
      );
    if (typeof body !== 'object' || body === null) {
      throw new HttpError(
        400,
        ErrorCode.BAD_REQUEST,
        `The body must be a JSON object {"query": …}; got ${body === undefined ? 'nothing' : JSON.stringify(body).slice(0, 40)}.`,
      );
    }
    return checkParams(body as Record<string, unknown>);
  }
  if (req.method === 'GET') {
    if (looksLikeCsrf(req)) {
      throw new HttpError(
        400,
        ErrorCode.CSRF_BLOCKED,
        'This GET request could come from another site (CSRF): send it with a "content-type: application/json" or "apollo-require-preflight: true" header.',
      );
    }
    const search = new URL(req.url ?? '/', 'http://localhost').searchParams;
    return checkParams({
      query: search.get('query') ?? undefined,
      operationName: search.get('operationName') ?? undefined,
      variables: jsonParam(search.get('variables'), 'variables'),
      extensions: jsonParam(search.get('extensions'), 'extensions'),
    });
  }
  throw new HttpError(405, ErrorCode.METHOD_NOT_ALLOWED, `GraphQL takes GET or POST; got ${req.method}.`);
}

function jsonParam(raw: string | null, name: string): unknown {
  if (raw === null || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, ErrorCode.MALFORMED_JSON, `The "${name}" parameter is not valid JSON.`);
  }
}

function checkParams(raw: Record<string, unknown>): GraphQLParams {
  const { query, operationName, variables, extensions } = raw;
  const fail = (message: string) => new HttpError(400, ErrorCode.BAD_REQUEST, message);
  if (query !== undefined && query !== null && typeof query !== 'string')
    throw fail('"query" must be a string.');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    throw fail('"operationName" must be a string.');
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  )
    throw fail('"variables" must be an object.');
  if (
    extensions !== undefined &&
    extensions !== null &&
    (typeof extensions !== 'object' || Array.isArray(extensions))
  )
    throw fail('"extensions" must be an object.');
  return {
    query: query || undefined,
    operationName: operationName || undefined,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
    extensions: (extensions ?? undefined) as Record<string, unknown> | undefined,
  };
}

/**
 * ok, partial or error, read off Apollo's answer without parsing it: Apollo writes `errors` first,
 * so an answer with errors starts with it.
 */
function outcomeOf(status: number, text: string): Outcome {
  if (!text.startsWith('{"errors"')) return status < 400 ? 'ok' : 'error';
  return status >= 400 || /"data":null[,}]/.test(text.slice(-200)) || !text.includes('"data":')
    ? 'error'
    : 'partial';
}

function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** A copy of an object without one key (the persisted query is resolved: Apollo must not see it). */
function withoutKey(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

/** Apollo refuses a body key that is present but undefined. */
function withoutUndefined(body: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}
