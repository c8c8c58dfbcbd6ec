// The pipeline's input and output, free of any HTTP server object: a route reads its request into
// an OperationRequest, runOperation answers an OperationResponse, and the route writes it as it is.
import type { IncomingHttpHeaders } from 'node:http';
import { ErrorCode } from '../../../kit/src/errors.js';
import { HttpError } from '../../../kit/src/http.js';

/** An operation as GraphQL over HTTP carries it (a POST body or GET parameters). */
export interface OperationParams {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

/** Who sent a request and how, as its log line, span and refusals need it. */
export interface RequestMeta {
  /** The HTTP method: a GET runs queries only, and the log line names it. */
  method: string;
  /** Ends up in logs, traces and every subgraph call. */
  requestId: string;
  /** `performance.now()` when the request arrived, so its latency counts the body read; now by default. */
  receivedAt?: number;
}

/** One operation to run for one caller. */
export interface OperationRequest extends OperationParams, RequestMeta {
  /** The caller's headers: its credentials, `accept`, and what Apollo and its plugins see. */
  headers: IncomingHttpHeaders;
  /** The caller's network address: anonymous callers are rate-limited by it. */
  remoteAddress?: string;
  /** Aborted when the caller goes away before its answer: a request still waiting for a slot leaves the queue. */
  signal?: AbortSignal;
}

/** The answer to one operation, ready to be written by any route. */
export interface OperationResponse {
  status: number;
  headers: Record<string, string>;
  /** The JSON text, or the chunks of an incremental delivery. */
  body: string | AsyncIterable<string>;
  /** The cached answer this body comes from: its compressed bytes are made once for every hit. */
  cachedFrom?: object;
}

/** The GraphQL-shaped answer of a refusal: `{errors: [{message, extensions: {code}}]}`. */
export function errorResponse(error: HttpError, headers: Record<string, string> = {}): OperationResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] }),
  };
}

/** Checks the types of the four GraphQL-over-HTTP fields; empty values count as absent. */
export function checkOperationParams(raw: Record<string, unknown>): OperationParams {
  const { query, operationName, variables, extensions } = raw;
  const fail = (message: string) => new HttpError(400, ErrorCode.BAD_REQUEST, message);
  if (query !== undefined && query !== null && typeof query !== 'string')
    throw fail('"query" must be a string.');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    throw fail('"operationName" must be a string.');
  if (!isObjectOrAbsent(variables)) throw fail('"variables" must be an object.');
  if (!isObjectOrAbsent(extensions)) throw fail('"extensions" must be an object.');
  return {
    query: query || undefined,
    operationName: operationName || undefined,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
    extensions: (extensions ?? undefined) as Record<string, unknown> | undefined,
  };
}

function isObjectOrAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value));
}
