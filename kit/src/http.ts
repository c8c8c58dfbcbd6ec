// Bridges Node's http module and Apollo Server's framework-neutral request/response types,
// so every service here runs on plain `node:http` with no web framework.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import type { ErrorCode } from './errors.js';

/** Thrown by {@link readBody}; carries the HTTP status to answer with. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    message: string,
    /** Headers the refusal carries (Retry-After, RateLimit-*…). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Reads a request body as text, refusing anything over `limitBytes`. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes) {
    throw new HttpError(
      413,
      'PAYLOAD_TOO_LARGE',
      `Request body is ${declared} bytes; the limit is ${limitBytes}.`,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds the limit of ${limitBytes} bytes.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON request body; malformed JSON is a 400 with a code, not a crash. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'MALFORMED_JSON', `Request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Copies Node's incoming headers into Apollo's HeaderMap (lower-cased, multi-values joined). */
export function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** Writes one of Apollo's HTTP responses to Node's response, streaming chunked bodies. */
export async function writeGraphQLResponse(
  res: ServerResponse,
  response: HTTPGraphQLResponse,
): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    // Encoded once: given the string, Node measures its UTF-8 length for Content-Length, then
    // encodes it again to write it (a national picture's answer is megabytes).
    res.end(Buffer.from(response.body.string, 'utf8'));
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Sends a JSON document with a status. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

/** Sends a GraphQL-shaped error document (`{errors:[{message, extensions:{code}}]}`). */
export function sendGraphQLError(
  res: ServerResponse,
  error: HttpError,
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    error.status,
    { errors: [{ message: error.message, extensions: { code: error.code } }] },
    headers,
  );
}

/** Runs one GraphQL-over-HTTP request through an Apollo server: body reading, errors and all. */
export async function serveGraphQL<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<TContext>,
  options: { bodyLimitBytes: number; body?: unknown },
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let body: unknown = options.body;
  if (body === undefined && req.method === 'POST') {
    try {
      body = parseJsonBody(await readBody(req, options.bodyLimitBytes));
    } catch (error) {
      if (error instanceof HttpError) return sendGraphQLError(res, error);
      throw error;
    }
  }
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers: toHeaderMap(req), search: url.search, body },
    context,
  });
  await writeGraphQLResponse(res, response);
}
