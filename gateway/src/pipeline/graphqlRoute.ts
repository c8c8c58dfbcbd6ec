// GET|POST /graphql: reads the operation off the HTTP request (method and content type, CSRF, body
// size, JSON), hands it to the pipeline and writes the pipeline's answer. Nothing here decides
// whether an operation runs; that is runOperation's job, the same for every route.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../../../kit/src/errors.js';
import { HttpError, parseJsonBody, readBody } from '../../../kit/src/http.js';
import { applyCors, looksLikeCsrf } from '../guards/cors.js';
import { acceptsGzip, gzipOf, MIN_COMPRESSED_CHARS } from './compression.js';
import { checkOperationParams, type OperationParams, type OperationResponse } from './operationRequest.js';
import type { OperationPipeline } from './runOperation.js';

/** Makes the /graphql handler (CORS and preflights included). */
export function createGraphQLRoute(
  pipeline: OperationPipeline,
  options: { bodyLimitBytes: number; corsOrigins: string[]; compression: boolean },
) {
  return async function serveGraphQL(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (applyCors(req, res, options.corsOrigins)) return;
    const receivedAt = performance.now();
    const requestId = requestIdOf(req) ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    const meta = { method: req.method ?? '', requestId, receivedAt };
    let params: OperationParams;
    try {
      params = await readHttpOperation(req, options.bodyLimitBytes);
    } catch (error) {
      return writeOperationResponse(
        res,
        await pipeline.refuse(meta, error),
        acceptEncodingOf(req, options.compression),
      );
    }
    // The caller gone before its answer (a closed tab, a client timeout): nothing waits for it.
    const gone = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) gone.abort();
    };
    res.once('close', onClose);
    const response = await pipeline.runOperation({
      ...params,
      ...meta,
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress,
      signal: gone.signal,
    });
    await writeOperationResponse(res, response, acceptEncodingOf(req, options.compression));
  };
}

/** The Vary header with Accept-Encoding added to what the route already varies on (Origin…). */
function withVary(res: ServerResponse, own: string | undefined): string {
  const set = res.getHeader('vary');
  const listed = [own, Array.isArray(set) ? set.join(',') : set?.toString()]
    .flatMap((v) => (v ? v.split(',') : []))
    .map((v) => v.trim())
    .filter(Boolean);
  return [...new Set([...listed, 'accept-encoding'])].join(', ');
}

/** The request's Accept-Encoding when compression is on (undefined: send bodies as they are). */
export function acceptEncodingOf(req: IncomingMessage, compression: boolean): string | string[] | undefined {
  return compression ? (req.headers['accept-encoding'] ?? '') : undefined;
}

/** The caller's request id when it sent a usable one. */
export function requestIdOf(req: IncomingMessage): string | undefined {
  const value = req.headers['x-request-id'];
  const text = Array.isArray(value) ? value[0] : value;
  // A caller-supplied id ends up in logs and headers: keep it short and printable.
  return text && /^[\w.:-]{1,128}$/.test(text) ? text : undefined;
}

/**
 * Writes the pipeline's answer, streaming an incremental body; a whole body is gzipped when the
 * caller's Accept-Encoding (given only when compression is on) allows it and it is large enough.
 */
export async function writeOperationResponse(
  res: ServerResponse,
  response: OperationResponse,
  acceptEncoding?: string | string[],
): Promise<void> {
  if (typeof response.body === 'string') {
    const { body } = response;
    if (acceptEncoding === undefined || body.length < MIN_COMPRESSED_CHARS) {
      res.writeHead(response.status, response.headers);
      res.end(body);
      return;
    }
    // The same URL answers gzipped or not depending on this header: shared caches must know.
    const headers = { ...response.headers, vary: withVary(res, response.headers.vary) };
    if (!acceptsGzip(acceptEncoding)) {
      res.writeHead(response.status, headers);
      res.end(body);
      return;
    }
    const bytes = await gzipOf(body, response.cachedFrom);
    res.writeHead(response.status, {
      ...headers,
      'content-encoding': 'gzip',
      'content-length': bytes.length,
    });
    res.end(bytes);
    return;
  }
  res.writeHead(response.status, response.headers);
  for await (const chunk of response.body) res.write(chunk);
  res.end();
}

/** Reads the operation from a POST JSON body or GET parameters, refusing malformed requests. */
async function readHttpOperation(req: IncomingMessage, bodyLimitBytes: number): Promise<OperationParams> {
  if (req.method === 'POST') return checkOperationParams(await readJsonObject(req, bodyLimitBytes));
  if (req.method === 'GET') {
    if (looksLikeCsrf(req)) {
      throw new HttpError(
        400,
        ErrorCode.CSRF_BLOCKED,
        'This GET request could come from another site (CSRF): send it with a "content-type: application/json" or "apollo-require-preflight: true" header.',
      );
    }
    const search = new URL(req.url ?? '/', 'http://localhost').searchParams;
    return checkOperationParams({
      query: search.get('query') ?? undefined,
      operationName: search.get('operationName') ?? undefined,
      variables: jsonParam(search.get('variables'), 'variables'),
      extensions: jsonParam(search.get('extensions'), 'extensions'),
    });
  }
  throw new HttpError(405, ErrorCode.METHOD_NOT_ALLOWED, `GraphQL takes GET or POST; got ${req.method}.`);
}

/** A POST body that must be one JSON object. */
async function readJsonObject(
  req: IncomingMessage,
  bodyLimitBytes: number,
): Promise<Record<string, unknown>> {
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
    if (!(error instanceof HttpError)) throw error;
    const code = error.code === 'PAYLOAD_TOO_LARGE' ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.MALFORMED_JSON;
    throw new HttpError(error.status, code, error.message);
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
  return body as Record<string, unknown>;
}

function jsonParam(raw: string | null, name: string): unknown {
  if (raw === null || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, ErrorCode.MALFORMED_JSON, `The "${name}" parameter is not valid JSON.`);
  }
}
