// Loads the candidate schema of a schema check: the subgraph's registered file, another file, or
// the SDL a running subgraph serves at `{ _service { sdl } }`. Every input problem is one line.
import { readFileSync } from 'node:fs';
import { Kind, parse, Source, type DocumentNode } from 'graphql';
import { assembleSubgraphSchema, SchemaImportError } from '../../kit/src/subgraphSchema.js';
import { readSupergraphConfig, repoPath, type SubgraphEntry } from '../composition.js';

/** A problem with what the caller gave (file, name, URL): reported as one line, exit code 2. */
export class CheckInputError extends Error {
  override name = 'CheckInputError';
}

/** Where the candidate schema comes from. */
export interface CandidateSource {
  /** Subgraph name as in the composition config. */
  name: string;
  /** Read the SDL from this file instead of the registered one. */
  schemaFile?: string;
  /** Read the SDL from this running subgraph (`{ _service { sdl } }`). */
  url?: string;
  /** Extra headers for `url` (e.g. the gateway secret a subgraph requires). */
  headers?: Record<string, string>;
  /** Composition config (default `schema/supergraph.yaml`). */
  configPath?: string;
}

/** The candidate schema, parsed, with where it came from. */
export interface Candidate {
  entry: SubgraphEntry;
  /** Every subgraph of the config (the candidate's entry included). */
  entries: SubgraphEntry[];
  /** The SDL as given: a file's own text (its `#import` lines kept) or the SDL a subgraph served. */
  sdl: string;
  /** The candidate with the shared blocks it imports; each node names the file it comes from. */
  document: DocumentNode;
  /** The file the SDL was read from; undefined when it came from a URL. */
  file?: string;
  /** File name (relative to the repo when inside it) or URL, as shown in findings. */
  origin: string;
}

/** Resolves and parses the candidate; throws {@link CheckInputError} with one clear line. */
export async function loadCandidate(source: CandidateSource): Promise<Candidate> {
  const entries = readSupergraphConfig(source.configPath);
  const entry = entries.find((e) => e.name === source.name);
  if (!entry) {
    throw new CheckInputError(
      `unknown subgraph "${source.name}": the config knows ${entries.map((e) => e.name).join(', ')}. ` +
        `Add a new one with \`npm run subgraph:new -- ${source.name}\`.`,
    );
  }
  let sdl: string;
  let origin: string;
  let file: string | undefined;
  if (source.url) {
    sdl = await fetchServiceSdl(source.url, source.headers ?? {});
    origin = source.url;
  } else {
    file = source.schemaFile ?? entry.schemaFile;
    origin = displayPath(file);
    try {
      sdl = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CheckInputError(
        `cannot read ${origin}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(error)}`,
      );
    }
  }
  return { entry, entries, sdl, document: parseSchema(sdl, origin, file), origin, file };
}

/**
 * Parses SDL, with the shared blocks it imports when it was read from `file` (a served SDL is
 * self-contained); a syntax error, a missing block or a document with no type definitions is a
 * CheckInputError.
 */
export function parseSchema(sdl: string, origin: string, file?: string): DocumentNode {
  let document: DocumentNode;
  try {
    document = file
      ? assembleSubgraphSchema(sdl, file, displayPath).document
      : parse(new Source(sdl, origin));
  } catch (error) {
    if (error instanceof SchemaImportError) throw new CheckInputError(error.message);
    const message = (error as Error).message.split('\n')[0];
    const location = (error as { locations?: { line: number; column: number }[] }).locations?.[0];
    const where = location ? `:${location.line}:${location.column}` : '';
    // A syntax error in an imported block names that block, not the candidate.
    const named = (error as { source?: { name?: string } }).source?.name ?? origin;
    throw new CheckInputError(`${named}${where} is not a GraphQL schema: ${message}`);
  }
  const executable = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION,
  );
  if (executable || document.definitions.length === 0) {
    throw new CheckInputError(
      `${origin} is not a GraphQL schema: it holds ${executable ? 'an operation, not type definitions' : 'no definitions'}.`,
    );
  }
  return document;
}

/** Asks a running subgraph for its SDL; unreachable, non-JSON or non-subgraph answers are one line. */
export async function fetchServiceSdl(
  url: string,
  headers: Record<string, string>,
  timeoutMs = 10_000,
): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
    if (!/^https?:$/.test(parsed.protocol)) throw new Error('protocol');
  } catch {
    throw new CheckInputError(`"${url}" is not an http(s) URL`);
  }
  let response: Response;
  try {
    response = await fetch(parsed, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new CheckInputError(`cannot reach ${url}: ${why}`);
  }
  const text = await response.text();
  let body: { data?: { _service?: { sdl?: unknown } }; errors?: { message: string }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new CheckInputError(`${url} answered ${response.status} with no JSON: is it a GraphQL subgraph?`);
  }
  const sdl = body.data?._service?.sdl;
  if (typeof sdl !== 'string') {
    const why = body.errors?.[0]?.message ?? `status ${response.status}`;
    throw new CheckInputError(`${url} did not return its SDL at { _service { sdl } }: ${why}`);
  }
  return sdl;
}

/** A path relative to the repo when it is inside it, else as given. */
export const displayPath = repoPath;
