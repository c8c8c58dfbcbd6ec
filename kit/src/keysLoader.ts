// A DataLoader for lists asked by many keys at once (a territory's thousands of communes).
import DataLoader from 'dataloader';

/** Answers each key of a batch in key order: its list, or an Error for that key alone. */
export type ListBatch<K, V> = (keys: readonly K[]) => Promise<readonly (readonly V[] | Error)[]>;

/** Answers an empty list at once, as loading no key of a per-key DataLoader did (no batch to wait for). */
class KeysLoader<K, V> extends DataLoader<readonly K[], V[], readonly K[]> {
  override load(keys: readonly K[]): Promise<V[]> {
    return keys.length === 0 ? Promise.resolve([]) : super.load(keys);
  }
}

/**
 * A DataLoader keyed by lists of keys, each answered with the concatenation of its keys' lists
 * in key order. Per tick, `batch` is called once with every key of every list asked, each once,
 * in the order first asked: the batch a per-key DataLoader would have made, without a promise
 * per key (for the 183 territories, some 18,600 communes per list field). A list fails with the
 * first of its keys that failed, so a field is never built from part of its data. Lists are
 * cached by identity: callers pass the same array for the same territory.
 */
export function keysLoader<K, V>(batch: ListBatch<K, V>): DataLoader<readonly K[], V[], readonly K[]> {
  return new KeysLoader<K, V>(async (lists) => {
    const seen = new Set<K>();
    const keys: K[] = [];
    for (const list of lists) {
      for (const key of list) {
        if (seen.has(key)) continue;
        seen.add(key);
        keys.push(key);
      }
    }
    const results = await batch(keys);
    if (results.length !== keys.length) {
      throw new TypeError(
        `A list batch must answer each of its ${keys.length} keys in order; it gave ${results.length} answers.`,
      );
    }
    // Usually no key repeats (a commune belongs to one territory): then the answers are read in
    // the order asked, without a map.
    const answerOf =
      keys.length === lists.reduce((n, list) => n + list.length, 0)
        ? sequential(results)
        : byKey(keys, results);
    return lists.map((list) => {
      const items: V[] = [];
      let failure: Error | undefined;
      for (const key of list) {
        const found = answerOf(key);
        if (found instanceof Error) failure ??= found;
        else if (failure === undefined) for (const item of found) items.push(item);
      }
      return failure ?? items;
    });
  });
}

function sequential<V>(results: readonly (readonly V[] | Error)[]): () => readonly V[] | Error {
  let next = 0;
  return () => results[next++] as readonly V[] | Error;
}

function byKey<K, V>(keys: readonly K[], results: readonly (readonly V[] | Error)[]) {
  const answers = new Map<K, readonly V[] | Error>();
  keys.forEach((key, i) => answers.set(key, results[i] as readonly V[] | Error));
  return (key: K) => answers.get(key) as readonly V[] | Error;
}

/**
 * A {@link keysLoader} over a batch answering one value per key (a key's records with their
 * provenance…): a list asked answers its keys' values in key order, without a promise per key.
 */
export function valuesLoader<K, V>(
  batch: (keys: readonly K[]) => Promise<readonly V[]>,
): DataLoader<readonly K[], V[], readonly K[]> {
  return keysLoader<K, V>(async (keys) => (await batch(keys)).map((value) => [value]));
}
