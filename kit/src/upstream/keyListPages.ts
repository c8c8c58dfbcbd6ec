// Reading an upstream that filters by a comma-separated list of keys and pages its answers with
// `limit`/`offset` and a `total` (Action Logement's aids and agreements, DGEFP's actions): the keys
// are split into lists short enough for a URL, the lists are read side by side (the upstream
// client paces every call under the API's rate, so side by side costs no extra call and no call's
// latency waits on another's), each list's pages one after the other. Items keep the lists' order.
import { FieldReader } from './fieldReader.js';
import type { UpstreamResult } from './upstreamClient.js';

/** One page of a list: its items and the list's total. */
export interface KeyListPage<T> {
  total: number;
  items: T[];
}

/** Every item, when the oldest page was read, and whether a stale copy answered. */
export interface KeyListItems<T> {
  items: T[];
  /** ISO time the oldest page was read (now, or when cached); undefined when no key was asked. */
  retrievedAt?: string;
  stale: boolean;
  /** ISO time of the oldest stale copy used. */
  since?: string;
}

/** Reads every page of every list of `keys` (sorted, without repeats), `perCall` keys a list. */
export async function readKeyListPages<T>(
  keys: readonly string[],
  options: { perCall: number; pageSize: number },
  readPage: (list: string, offset: number) => Promise<UpstreamResult<KeyListPage<T>>>,
): Promise<KeyListItems<T>> {
  const unique = [...new Set(keys)].sort();
  const lists: string[] = [];
  for (let i = 0; i < unique.length; i += options.perCall) {
    lists.push(unique.slice(i, i + options.perCall).join(','));
  }
  const result: KeyListItems<T> = { items: [], stale: false };
  // Once a list has failed the whole read fails: the other lists ask for no further page.
  let failed = false;
  const readList = async (list: string) => {
    const items: T[] = [];
    for (let offset = 0; ; offset += options.pageSize) {
      if (failed) return items;
      const page = await readPage(list, offset).catch((error: unknown) => {
        failed = true;
        throw error;
      });
      if (page.stale) {
        result.stale = true;
        if (page.since && (!result.since || page.since < result.since)) result.since = page.since;
      }
      // A cached page says when it was fetched; a fresh one was read just now.
      const readAt = page.since ?? new Date().toISOString();
      if (!result.retrievedAt || readAt < result.retrievedAt) result.retrievedAt = readAt;
      for (const item of page.value.items) items.push(item);
      if (offset + options.pageSize >= page.value.total) return items;
    }
  };
  const perList = await Promise.all(lists.map(readList));
  for (const items of perList) for (const item of items) result.items.push(item);
  return result;
}

/**
 * A page of such an upstream, `{total, results: [...]}`, each result through `parseItem`
 * (which throws a plain Error naming what is wrong); throws on any other shape.
 */
export function parseResultsPage<T>(
  body: unknown,
  parseItem: (raw: unknown, index: number) => T,
): KeyListPage<T> {
  if (typeof body !== 'object' || body === null) throw new Error('the answer is not a JSON object');
  const total = new FieldReader(body as Record<string, unknown>, 'answer').integer('total');
  const results = (body as { results?: unknown }).results;
  if (!Array.isArray(results))
    throw new Error(`answer.results must be a list; got ${JSON.stringify(results)}`);
  return { total, items: results.map(parseItem) };
}
