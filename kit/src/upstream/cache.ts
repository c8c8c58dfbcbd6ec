// The cross-request cache behind every upstream client: keyv in memory by default (bounded in
// bytes, so a process's memory stays bounded whatever it reads), Redis when a `redis://` URL is
// configured, so replicas share what they fetched.
import { Keyv } from 'keyv';
import KeyvRedis from '@keyv/redis';
import { LruMap } from '../lruMap.js';
import { DEFAULT_MEMORY_CACHE_MB } from '../upstreamSettings.js';

/** Options of {@link createUpstreamCache}. */
export interface UpstreamCacheOptions {
  /** `redis://…` to share the cache between replicas; in memory when absent. */
  url?: string;
  /** `<subgraph>:<upstream>`, so two upstreams never read each other's entries. */
  namespace: string;
  /** In memory: most megabytes of serialized answers kept, least recently used dropped first. */
  memoryMb?: number;
}

/** Entries of an in-memory upstream cache, whatever their size (the byte bound usually acts first). */
const MEMORY_ENTRIES = 5_000;

/** Makes the keyv store an upstream client caches into. */
export function createUpstreamCache(options: UpstreamCacheOptions): Keyv {
  if (options.url === undefined || options.url === '') {
    const maxChars = (options.memoryMb ?? DEFAULT_MEMORY_CACHE_MB) * 1_048_576;
    return new Keyv({
      store: new LruMap({ maxEntries: MEMORY_ENTRIES, maxChars }),
      namespace: options.namespace,
    });
  }
  if (!/^rediss?:\/\//.test(options.url)) {
    throw new Error(`Cache URL must start with redis:// or rediss://; got "${options.url}".`);
  }
  // Fail fast instead of queueing commands forever when Redis is unreachable.
  const store = new KeyvRedis(options.url, { throwOnConnectError: true, connectionTimeout: 2_000 });
  const cache = new Keyv({ store, namespace: options.namespace });
  // keyv emits store errors as events; without a listener Node would treat them as fatal.
  cache.on('error', () => undefined);
  return cache;
}
