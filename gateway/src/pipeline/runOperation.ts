// Runs one operation for one caller, whatever route it came by. Everything that can refuse it does
// so before Apollo parses, validates or plans anything, in this order: credentials, rate limit,
// persisted query, document size, response cache, then the operation's limits, introspection and
// safelist. Then Apollo Server runs it, and the answer is cached when it may be; an identical
// request arriving while it runs waits for that answer instead of executing it again.
import type { ApolloServer } from '@apollo/server';
import { ErrorCode } from '../../../kit/src/errors.js';
import { HttpError } from '../../../kit/src/http.js';
import type { GatewayConfig } from '../config.js';
import type { GatewayContext } from '../context.js';
import type { Authenticator } from '../guards/auth.js';
import { admitRequest, type RateLimiter } from '../guards/rateLimit.js';
import type { Logger } from '../observability/logger.js';
import type { Outcome } from '../observability/metrics.js';
import type { Tracing } from '../observability/tracing.js';
import type { FederatedGateway, LoadedSupergraph } from '../supergraph/federation.js';
import { executeWithApollo } from './executeWithApollo.js';
import { observeRequest, type RequestRecord } from './observeRequest.js';
import type { OperationRequest, OperationResponse, RequestMeta } from './operationRequest.js';
import type { PersistedOperations } from './persistedOperations.js';
import type { ExecutionSlots } from './executionSlots.js';
import { cachedHeaders, cachePolicy, type ResponseCache } from './responseCache.js';

/** What the pipeline needs, assembled by server.ts. */
export interface PipelineDeps {
  config: GatewayConfig;
  apollo: ApolloServer<GatewayContext>;
  gateway: FederatedGateway;
  auth: Authenticator;
  rateLimiter?: RateLimiter;
  persisted: PersistedOperations;
  responseCache?: ResponseCache;
  /** Bounds the operations executed at once (absent: no bound). */
  slots?: ExecutionSlots;
  logger: Logger;
  tracing: Tracing;
}

/** The request pipeline, as the routes see it. */
export interface OperationPipeline {
  /** Runs one operation for a caller; every request is logged, measured and traced. */
  runOperation(request: OperationRequest): Promise<OperationResponse>;
  /** Answers, logs, measures and traces a request that failed before its operation could be read (an HttpError is answered, anything else thrown on). */
  refuse(meta: RequestMeta, error: unknown): Promise<OperationResponse>;
}

/** Makes the pipeline. */
export function createOperationPipeline(deps: PipelineDeps): OperationPipeline {
  return {
    runOperation: (request) => observeRequest(deps, request, (record) => run(deps, request, record)),
    refuse: (meta, error) =>
      observeRequest(deps, meta, () => {
        throw error;
      }),
  };
}

/** The pipeline's steps for one request; `record` says how far it went. */
async function run(
  deps: PipelineDeps,
  request: OperationRequest,
  record: RequestRecord,
): Promise<OperationResponse> {
  const { config } = deps;
  record.operationName = request.operationName;
  const caller = await deps.auth.authenticate(request.headers);
  record.caller = caller;
  const limitHeaders = deps.rateLimiter
    ? await admitRequest(
        deps.rateLimiter,
        { caller, headers: request.headers, remoteAddress: request.remoteAddress },
        { windowMs: config.rateLimit.windowMs, trustProxy: config.trustProxy },
      )
    : {};

  const resolved = await deps.persisted.resolve(request.query, request.extensions);
  const { query } = resolved;
  refuseLargeDocument(query, config.limits.maxDocumentBytes);
  const loaded = deps.gateway.current;
  if (!loaded) throw new HttpError(503, ErrorCode.INTERNAL_SERVER_ERROR, 'No supergraph is loaded yet.');

  const cache = deps.responseCache;
  const cacheKey = cache?.key({
    schemaId: loaded.id,
    query,
    operationName: request.operationName,
    variables: request.variables,
    accept: request.headers.accept,
    caller,
  });
  // `Cache-Control: no-cache` (a dashboard's "refresh"): executed afresh, and the fresh answer
  // replaces the cached one.
  const fresh = wantsFresh(request.headers['cache-control']);
  if (cache && cacheKey && fresh) record.cache = 'BYPASS';
  if (cache && cacheKey && !fresh) {
    const hit = await cache.get(cacheKey);
    if (hit) {
      Object.assign(record, {
        cache: 'HIT',
        outcome: 'ok',
        operationName: hit.operationName,
        status: hit.status,
      });
      return {
        status: hit.status,
        headers: {
          'content-type': hit.contentType,
          'x-cache': 'HIT',
          ...cachedHeaders(hit, caller),
          ...limitHeaders,
        },
        body: hit.body,
        cachedFrom: hit,
      };
    }
    record.cache = 'MISS';
  }

  const cost = checkOperation(deps, loaded, request, query, record);
  if (resolved.register && resolved.hash) {
    await deps.persisted
      .register(resolved.hash, query)
      .catch((error: Error) => deps.logger.warn('APQ store failed', { error: error.message }));
  }

  // Executed once, and kept when it may be; identical requests arriving meanwhile share it.
  const execute = async (): Promise<OperationResponse> => {
    const run = () => executeWithApollo(deps.apollo, request, query, caller);
    const executed = await (deps.slots ? deps.slots.run(run, request.signal, cost) : run());
    if (
      cache &&
      cacheKey &&
      typeof executed.body === 'string' &&
      outcomeOf(executed.status, executed.body) === 'ok'
    ) {
      await cache.maybeStore(cacheKey, caller, {
        status: executed.status,
        cacheControl: executed.headers['cache-control'],
        contentType: executed.headers['content-type'] ?? 'application/json',
        body: executed.body,
        operationName: record.operationName,
      });
    }
    return executed;
  };
  const { response: executed, shared } =
    cache && cacheKey && !fresh
      ? await cache.coalesce(
          cacheKey,
          execute,
          // Shared only what the cache could have served this caller (never a request-bound answer).
          (answer) =>
            typeof answer.body === 'string' &&
            cachePolicy(answer.status, answer.headers['cache-control'], caller) !== undefined,
        )
      : { response: await execute(), shared: false };
  if (shared) record.cache = 'SHARED';
  // Headers of this request's own (a shared answer's are copied, never changed for the others).
  const response: OperationResponse = {
    ...executed,
    headers: { ...executed.headers, ...limitHeaders, ...(record.cache ? { 'x-cache': record.cache } : {}) },
  };
  record.status = response.status;
  record.outcome = typeof response.body === 'string' ? outcomeOf(response.status, response.body) : 'ok';
  return response;
}

/** Whether the request's Cache-Control asks for a fresh answer (`no-cache`, or `max-age=0`). */
function wantsFresh(header: string | string[] | undefined): boolean {
  const text = (Array.isArray(header) ? header.join(',') : (header ?? '')).toLowerCase();
  return /(^|[\s,])(no-cache|max-age=0)([\s,]|$)/.test(text);
}

function refuseLargeDocument(query: string, max: number): void {
  // The byte count is only worth computing when the characters alone could be over the limit.
  if (query.length > max || (query.length * 3 > max && Buffer.byteLength(query) > max)) {
    throw new HttpError(413, ErrorCode.DOCUMENT_TOO_LARGE, `The document is over ${max} bytes.`);
  }
}

/**
 * Checks the operation against the loaded supergraph's limits, the method, introspection and the
 * safelist, and returns its estimated cost. The record takes the operation's own name first, so a
 * refusal is logged under it.
 */
function checkOperation(
  deps: PipelineDeps,
  loaded: LoadedSupergraph,
  request: OperationRequest,
  query: string,
  record: RequestRecord,
): number {
  const { config } = deps;
  const { limits } = loaded;
  const analysis = limits.analyse(query);
  const operation = limits.operation(analysis, request.operationName);
  record.operationName = operation.name?.value ?? request.operationName;
  const { cost, ...facts } = limits.check(analysis, operation, request.variables);
  if (request.method === 'GET' && facts.type !== 'query') {
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
  return cost;
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
