// GET|POST /export.csv: runs a query through the gateway's request pipeline (runOperation, so
// authentication, rate limits, operation limits and the response cache apply as to any query) and
// answers the list at `path` as CSV. A query that fails answers its GraphQL errors as JSON.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '../../../kit/src/errors.js';
import { HttpError, parseJsonBody, readBody, sendGraphQLError, sendJson } from '../../../kit/src/http.js';
import { applyCors } from '../guards/cors.js';
import { requestIdOf, writeOperationResponse } from '../pipeline/graphqlRoute.js';
import type { OperationResponse } from '../pipeline/operationRequest.js';
import type { OperationPipeline } from '../pipeline/runOperation.js';
import { itemsAt, listPaths, tableToCsv, toTable, type CsvLocale } from './csvExport.js';

export const CSV_EXPORT_PATH = '/export.csv';

/** What the route needs from the gateway. */
export interface CsvRouteDeps {
  pipeline: OperationPipeline;
  bodyLimitBytes: number;
  /** Origins allowed to call from a browser, as for /graphql. */
  corsOrigins: string[];
}

/** One export request, from the query string (GET) or a JSON body (POST). */
interface ExportParams {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  path?: string;
  locale: CsvLocale;
}

/** Headers of the pipeline's answer worth passing on (rate limits, credentials, cache). */
const RELAYED_HEADERS = /^(x-cache$|ratelimit-|retry-after$|www-authenticate$)/;

/** Serves one /export.csv request. */
export async function serveCsvExport(
  req: IncomingMessage,
  res: ServerResponse,
  deps: CsvRouteDeps,
): Promise<void> {
  // CORS preflight: answered exactly as /graphql answers it.
  if (req.method === 'OPTIONS' && applyCors(req, res, deps.corsOrigins)) return;
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
  applyCors(req, res, deps.corsOrigins);
  const requestId = requestIdOf(req) ?? randomUUID();
  res.setHeader('x-request-id', requestId);
  const answer = await deps.pipeline.runOperation({
    method: req.method,
    requestId,
    query: params.query,
    variables: params.variables,
    operationName: params.operationName,
    // The export reads the answer as JSON, whatever the caller accepts for the file.
    headers: { ...req.headers, 'content-type': 'application/json', accept: 'application/json' },
    remoteAddress: req.socket.remoteAddress,
  });
  const text = await bodyText(answer);
  const relayed = relayedHeaders(answer.headers);
  let body: { data?: unknown; errors?: unknown[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return writeOperationResponse(res, { ...answer, body: text });
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

function relayedHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => RELAYED_HEADERS.test(name)));
}

/** The answer's text; an incremental delivery is gathered first. */
async function bodyText(answer: OperationResponse): Promise<string> {
  if (typeof answer.body === 'string') return answer.body;
  let text = '';
  for await (const chunk of answer.body) text += chunk;
  return text;
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
