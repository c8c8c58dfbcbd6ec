// GET|POST /export.csv: runs a query through the gateway's own /graphql pipeline (in process, so
// authentication, rate limits, operation limits and the response cache apply as to any query) and
// answers the list at `path` as CSV. A query that fails answers its GraphQL errors as JSON.
import { IncomingMessage, type ServerResponse } from 'node:http';
import { parse, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '../../../kit/src/errors.js';
import { HttpError, parseJsonBody, readBody, sendGraphQLError, sendJson } from '../../../kit/src/http.js';
import { itemsAt, listPaths, tableToCsv, toTable, type CsvLocale } from './csvExport.js';

export const CSV_EXPORT_PATH = '/export.csv';

/** What the route needs from the gateway. */
export interface CsvRouteDeps {
  /** The gateway's own request handler; the export calls it with a POST /graphql. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  bodyLimitBytes: number;
}

/** One export request, from the query string (GET) or a JSON body (POST). */
interface ExportParams {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  path?: string;
  locale: CsvLocale;
}

/** Headers of the /graphql answer worth passing on (CORS, rate limits, request id, cache). */
const RELAYED_HEADERS =
  /^(access-control-|vary$|x-request-id$|x-cache$|ratelimit-|retry-after$|www-authenticate$)/;

/** Serves one /export.csv request. */
export async function serveCsvExport(
  req: IncomingMessage,
  res: ServerResponse,
  deps: CsvRouteDeps,
): Promise<void> {
  if (req.method === 'OPTIONS') {
    // CORS preflight: answered exactly as /graphql answers it.
    const preflight = await callGraphQL(req, deps, undefined);
    return relay(res, preflight);
  }
  let params: ExportParams;
  try {
    if (req.method !== 'GET' && req.method !== 'POST') {
      throw new HttpError(405, ErrorCode.METHOD_NOT_ALLOWED, 'The CSV export answers GET and POST.');
    }
    params = await readParams(req, deps.bodyLimitBytes);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return sendGraphQLError(res, error, error.status === 405 ? { allow: 'GET, POST' } : {});
  }
  const answer = await callGraphQL(req, deps, {
    query: params.query,
    variables: params.variables,
    operationName: params.operationName,
  });
  const relayed = relayedHeaders(answer.headers);
  let body: { data?: unknown; errors?: unknown[] };
  try {
    body = JSON.parse(answer.body.toString('utf8')) as typeof body;
  } catch {
    return relay(res, answer);
  }
  if (answer.status !== 200 || body.data === undefined || body.data === null) {
    // Failed before or during execution: the errors, never an empty file.
    return sendJson(res, answer.status === 200 ? 400 : answer.status, { errors: body.errors ?? [] }, relayed);
  }
  const choices = listPaths(body.data);
  const path = params.path ?? (choices.length === 1 ? choices[0] : undefined);
  const items = path === undefined ? undefined : itemsAt(body.data, path);
  if (path === undefined || items === undefined) {
    const message =
      path === undefined
        ? `Say which list to export with \`path\`; this result has ${choices.length ? choices.join(', ') : 'no list'}.`
        : `"${path}" does not lead to a list in this result; its lists are ${choices.length ? choices.join(', ') : 'none'}.`;
    return sendJson(
      res,
      400,
      { errors: [...(body.errors ?? []), { message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] },
      relayed,
    );
  }
  const csv = tableToCsv(toTable(items, params.locale, path.split('.').at(-1) ?? 'value'), params.locale);
  res.writeHead(200, {
    ...relayed,
    'content-type': 'text/csv; charset=utf-8; header=present',
    'content-disposition': `attachment; filename="${fileName(params.operationName ?? operationNameOf(params.query), path)}"`,
    // Partial results (an operator down) still export; the header says what is missing.
    ...(body.errors?.length ? { 'x-graphql-errors': String(body.errors.length) } : {}),
  });
  res.end(csv);
}

async function readParams(req: IncomingMessage, limitBytes: number): Promise<ExportParams> {
  let raw: Record<string, unknown>;
  if (req.method === 'GET') {
    const search = new URL(req.url ?? '/', 'http://localhost').searchParams;
    raw = Object.fromEntries(search.entries());
  } else {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new HttpError(
        415,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `POST /export.csv takes application/json; got "${type || 'no content type'}".`,
      );
    }
    const body = parseJsonBody(await readBody(req, limitBytes));
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError(
        400,
        ErrorCode.BAD_REQUEST,
        'The body must be a JSON object: {query, variables?, operationName?, path?, locale?}.',
      );
    }
    raw = body as Record<string, unknown>;
  }
  const { query, variables, operationName, path, locale = 'en' } = raw;
  if (typeof query !== 'string' || query.trim() === '')
    throw new HttpError(400, ErrorCode.BAD_REQUEST, '`query` is required.');
  for (const [name, value] of Object.entries({ operationName, path })) {
    if (value !== undefined && typeof value !== 'string')
      throw new HttpError(400, ErrorCode.BAD_REQUEST, `\`${name}\` must be a string.`);
  }
  if (locale !== 'en' && locale !== 'fr') {
    throw new HttpError(
      400,
      ErrorCode.BAD_USER_INPUT,
      `\`locale\` is "fr" or "en"; got ${JSON.stringify(locale)}.`,
    );
  }
  let parsedVariables: unknown = variables;
  if (typeof variables === 'string') {
    try {
      parsedVariables = variables.trim() === '' ? undefined : JSON.parse(variables);
    } catch (error) {
      throw new HttpError(
        400,
        ErrorCode.MALFORMED_JSON,
        `\`variables\` is not valid JSON: ${(error as Error).message}`,
      );
    }
  }
  if (
    parsedVariables !== undefined &&
    parsedVariables !== null &&
    (typeof parsedVariables !== 'object' || Array.isArray(parsedVariables))
  ) {
    throw new HttpError(400, ErrorCode.BAD_REQUEST, '`variables` must be a JSON object.');
  }
  refuseNonQueries(query, operationName as string | undefined);
  return {
    query,
    variables: (parsedVariables ?? undefined) as Record<string, unknown> | undefined,
    operationName: (operationName as string | undefined) || undefined,
    path: (path as string | undefined) || undefined,
    locale,
  };
}

/** An export only reads: a mutation sent here (perhaps by a cross-site link) is refused. */
function refuseNonQueries(query: string, operationName: string | undefined): void {
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(query).definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
    );
  } catch {
    return; // The pipeline reports syntax errors in its own words.
  }
  const chosen = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (chosen && chosen.operation !== 'query') {
    throw new HttpError(
      405,
      ErrorCode.METHOD_NOT_ALLOWED,
      `The CSV export runs queries only; this is a ${chosen.operation}.`,
    );
  }
}

/** A response captured in memory. */
interface Captured {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Calls the gateway's handler with a POST /graphql (or the same OPTIONS) built from `original`. */
async function callGraphQL(
  original: IncomingMessage,
  deps: CsvRouteDeps,
  body: object | undefined,
): Promise<Captured> {
  // Same socket, so the pipeline sees the caller's address (rate limits per client).
  const req = new IncomingMessage(original.socket);
  req.method = body ? 'POST' : (original.method ?? 'OPTIONS');
  req.url = '/graphql';
  const text = body ? JSON.stringify(body) : '';
  const headers: Record<string, string | string[] | undefined> = { ...original.headers };
  for (const name of ['content-length', 'transfer-encoding', 'accept-encoding', 'content-encoding'])
    delete headers[name];
  if (body)
    Object.assign(headers, {
      'content-type': 'application/json',
      accept: 'application/json',
      'content-length': String(Buffer.byteLength(text)),
    });
  req.headers = headers as IncomingMessage['headers'];
  req.push(text);
  req.push(null);
  // Marks the message as fully received: an incomplete one would abort, taking the socket with it.
  req.complete = true;
  const res = new CapturedResponse();
  // The pipeline writes to a ServerResponse; the capture implements the part of it that it uses.
  await deps.handle(req, res as unknown as ServerResponse);
  return res.result();
}

/** The subset of ServerResponse the gateway's handlers use, kept in memory. */
class CapturedResponse {
  statusCode = 200;
  headersSent = false;
  writableEnded = false;
  private readonly headers: Record<string, string | string[]> = {};
  private readonly chunks: Buffer[] = [];

  setHeader(name: string, value: string | number | readonly string[]): this {
    this.headers[name.toLowerCase()] =
      typeof value === 'number' ? String(value) : Array.isArray(value) ? [...value] : (value as string);
    return this;
  }
  getHeader(name: string): string | string[] | undefined {
    return this.headers[name.toLowerCase()];
  }
  hasHeader(name: string): boolean {
    return name.toLowerCase() in this.headers;
  }
  removeHeader(name: string): void {
    delete this.headers[name.toLowerCase()];
  }
  writeHead(
    status: number,
    reasonOrHeaders?: string | Record<string, string | number | string[]>,
    maybeHeaders?: Record<string, string | number | string[]>,
  ): this {
    this.statusCode = status;
    const headers = typeof reasonOrHeaders === 'object' ? reasonOrHeaders : maybeHeaders;
    for (const [name, value] of Object.entries(headers ?? {})) this.setHeader(name, value);
    this.headersSent = true;
    return this;
  }
  write(chunk: string | Uint8Array): boolean {
    this.headersSent = true;
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return true;
  }
  end(chunk?: string | Uint8Array): this {
    if (chunk !== undefined) this.write(chunk);
    this.headersSent = true;
    this.writableEnded = true;
    return this;
  }
  result(): Captured {
    return { status: this.statusCode, headers: this.headers, body: Buffer.concat(this.chunks) };
  }
}

function relayedHeaders(headers: Record<string, string | string[]>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (RELAYED_HEADERS.test(name)) kept[name] = Array.isArray(value) ? value.join(', ') : value;
  return kept;
}

function relay(res: ServerResponse, answer: Captured): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

function operationNameOf(query: string): string | undefined {
  return /^\s*(?:query)\s+([A-Za-z_]\w*)/m.exec(query)?.[1];
}

function fileName(operation: string | undefined, path: string): string {
  return `${[operation, path]
    .filter(Boolean)
    .join('-')
    .replace(/[^\w.-]+/g, '_')}.csv`;
}
