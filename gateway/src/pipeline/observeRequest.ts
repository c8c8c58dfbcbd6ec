// Every GraphQL request, answered or refused, is observed the same way: one span around it, then
// one count and latency in the metrics and one log line with its request id. A refusal (an
// HttpError thrown anywhere in the pipeline) becomes its coded answer here.
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ANONYMOUS, type CallerIdentity } from '../../../kit/src/gatewayIdentity.js';
import { HttpError } from '../../../kit/src/http.js';
import type { Logger } from '../observability/logger.js';
import { recordRequest, type Outcome } from '../observability/metrics.js';
import { withSpan, type Tracing } from '../observability/tracing.js';
import { errorResponse, type OperationResponse, type RequestMeta } from './operationRequest.js';

/** What one request did, filled in as the pipeline goes, for its log line, metrics and span. */
export interface RequestRecord {
  operationName?: string;
  outcome: Outcome;
  status: number;
  /** HIT: served from the cache; SHARED: the answer of an identical request executing at the same time; MISS: executed. */
  cache?: 'HIT' | 'MISS' | 'SHARED' | 'BYPASS';
  caller: CallerIdentity;
  code?: string;
}

/** Runs `work` as one observed request; a thrown HttpError is answered with its status and code. */
export async function observeRequest(
  deps: { logger: Logger; tracing: Tracing },
  meta: RequestMeta,
  work: (record: RequestRecord) => Promise<OperationResponse>,
): Promise<OperationResponse> {
  const started = meta.receivedAt ?? performance.now();
  const record: RequestRecord = { outcome: 'refused', status: 0, caller: ANONYMOUS };
  const span = deps.tracing.tracer?.startSpan('graphql.request', {
    kind: SpanKind.SERVER,
    startTime: performance.timeOrigin + started,
    attributes: { 'http.request.method': meta.method, 'territoires.request_id': meta.requestId },
  });
  try {
    return await withSpan(span, () => work(record));
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    record.status = error.status;
    record.code = String(error.code);
    return errorResponse(error, refusalHeaders(error, meta.method));
  } finally {
    const seconds = (performance.now() - started) / 1000;
    recordRequest(record.operationName, record.outcome, seconds);
    if (span) {
      span.setAttributes({
        'graphql.operation.name': record.operationName ?? '',
        'http.response.status_code': record.status,
        'territoires.outcome': record.outcome,
      });
      if (record.outcome === 'error' || record.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    logRequest(deps.logger, meta, record, seconds);
  }
}

/** The headers that tell a refused caller what to do next. */
function refusalHeaders(error: HttpError, method: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (error.status === 405) headers.allow = method === 'GET' ? 'POST' : 'GET, POST';
  Object.assign(headers, error.headers);
  if (error.status === 401) headers['www-authenticate'] = 'Bearer error="invalid_token"';
  return headers;
}

function logRequest(logger: Logger, meta: RequestMeta, record: RequestRecord, seconds: number): void {
  const level = record.status >= 500 ? 'error' : 'info';
  if (!logger.enabled(level)) return;
  const { caller } = record;
  logger[level]('graphql request', {
    requestId: meta.requestId,
    method: meta.method,
    status: record.status,
    operation: record.operationName,
    outcome: record.outcome,
    code: record.code,
    cache: record.cache,
    caller: caller.kind === 'anonymous' ? 'anonymous' : `${caller.kind}:${caller.subject ?? ''}`,
    ms: Math.round(seconds * 10_000) / 10,
  });
}
