// Loading many keys of a list-valued DataLoader at once, failing as a whole when any key failed.
import type DataLoader from 'dataloader';

/**
 * Loads every key and concatenates the lists in key order. A DataLoader reports a failed key as
 * an Error in its slot; the first one is thrown, so a field is never built from part of its data.
 */
export async function loadFlat<K, V>(loader: DataLoader<K, V[]>, keys: readonly K[]): Promise<V[]> {
  const results = await loader.loadMany(keys);
  const failure = results.find((r): r is Error => r instanceof Error);
  if (failure) throw failure;
  return (results as V[][]).flat();
}
