// Two ways the gateway avoids asking a subgraph the same thing twice: identical entity
// representations inside one fetch are sent once, and identical subgraph fetches in flight at the
// same time, from callers with the same headers, share one HTTP exchange.

/** A subgraph answer as the executor reads it. */
export interface SubgraphBody {
  data?: Record<string, unknown> | null;
  errors?: { path?: (string | number)[]; [key: string]: unknown }[];
  [key: string]: unknown;
}

/** Representations sent once each, and how to give every original position its entity back. */
export interface DedupedRepresentations {
  unique: unknown[];
  /** Restores `_entities` (and error paths) to the length and order of the original list. */
  expand(body: SubgraphBody): SubgraphBody;
}

/** Collapses identical representations; undefined when there is nothing to collapse. */
export function dedupeRepresentations(representations: unknown): DedupedRepresentations | undefined {
  if (!Array.isArray(representations) || representations.length < 2) return undefined;
  const indexByKey = new Map<string, number>();
  const unique: unknown[] = [];
  const positions = new Array<number>(representations.length);
  for (let i = 0; i < representations.length; i++) {
    const key = representationKey(representations[i]);
    let index = indexByKey.get(key);
    if (index === undefined) {
      index = unique.length;
      indexByKey.set(key, index);
      unique.push(representations[i]);
    }
    positions[i] = index;
  }
  if (unique.length === representations.length) return undefined;
  return { unique, expand: (body) => expandEntities(body, positions, unique.length) };
}

/** A string equal for equal representations: flat ones (the usual case) without JSON.stringify. */
function representationKey(representation: unknown): string {
  if (representation === null || typeof representation !== 'object') return JSON.stringify(representation);
  let key = '';
  for (const name in representation) {
    const value = (representation as Record<string, unknown>)[name];
    if (value !== null && typeof value === 'object') return JSON.stringify(representation);
    // The type letter keeps 1 and "1" apart; the separators cannot occur in field names.
    key += `${name}\u0001${typeof value === 'string' ? 's' : typeof value}${String(value)}\u0002`;
  }
  return key;
}

function expandEntities(body: SubgraphBody, positions: number[], uniqueCount: number): SubgraphBody {
  const entities = body.data?._entities;
  if (Array.isArray(entities) && entities.length === uniqueCount) {
    const used = new Array<boolean>(uniqueCount).fill(false);
    // The executor merges later fetches into these objects in place: each position needs its own.
    const expanded = positions.map((index) => {
      if (!used[index]) {
        used[index] = true;
        return entities[index];
      }
      return cloneJson(entities[index]);
    });
    body.data = { ...body.data, _entities: expanded };
  }
  if (body.errors) {
    const originals = new Map<number, number[]>();
    positions.forEach((index, original) => originals.set(index, [...(originals.get(index) ?? []), original]));
    body.errors = body.errors.flatMap((error) => {
      const [head, index, ...rest] = error.path ?? [];
      if (head !== '_entities' || typeof index !== 'number') return [error];
      return (originals.get(index) ?? [index]).map((original) => ({
        ...error,
        path: ['_entities', original, ...rest],
      }));
    });
  }
  return body;
}

/** A deep copy of a JSON value. */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = cloneJson((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** Shares one promise between identical calls made while the first is still in flight. */
export class InflightShare<T> {
  private readonly inflight = new Map<string, Promise<T>>();

  /** Runs `run` for `key`, or joins the run already in flight for it. */
  share(key: string, run: () => Promise<T>): Promise<T> {
    const existing = this.inflight.get(key);
    if (existing) return existing;
    // The entry goes before any caller resumes: when they do, the set of callers is final.
    const started = run().finally(() => this.inflight.delete(key));
    this.inflight.set(key, started);
    return started;
  }

  /** Calls in flight now (for tests and metrics). */
  get size(): number {
    return this.inflight.size;
  }
}

// Headers that never change what a caller may see or what the answer is; every other header of
// the incoming request (credentials, cookies, anything unknown) is part of the sharing key.
const NEUTRAL_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'connection',
  'content-length',
  'content-type',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'traceparent',
  'tracestate',
  'user-agent',
  'x-request-id',
]);

/** The caller's headers that could change an answer, as one string: the sharing scope. */
export function sharingScope(headers: Iterable<[string, string]>): string {
  const kept: string[] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (!NEUTRAL_HEADERS.has(lower)) kept.push(`${lower}:${value}`);
  }
  return kept.sort().join('\n');
}
