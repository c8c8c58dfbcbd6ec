// Loading many keys of a list-valued DataLoader at once, failing as a whole when any key failed.
import type DataLoader from 'dataloader';

/**
 * Loads every key and concatenates the lists in key order. A DataLoader reports a failed key as
 * an Error in its slot; the first one is thrown, so a field is never built from part of its data.
 */
export async function loadFlat<K, V>(loader: DataLoader<K, V[]>, keys: readonly K[]): Promise<V[]> {
  const results = await loader.loadMany(keys);
  // One pass with push: a territory has thousands of communes, mostly with empty lists, and
  // Array.prototype.flat over them cost more than the loads themselves.
  const items: V[] = [];
  for (const result of results) {
    if (result instanceof Error) throw result;
    for (const item of result) items.push(item);
  }
  return items;
}
