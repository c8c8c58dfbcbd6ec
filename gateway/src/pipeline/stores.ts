// Where the gateway keeps what replicas share: the response cache, persisted queries and rate
// limit counters. In memory by default (bounded LRU maps); on Redis when CACHE_URL is set, so every
// replica sees the same entries. Redis trouble never fails a request: caches miss and limits open.
import type { RedisClientType } from '@keyv/redis';
import { Keyv } from 'keyv';
import type { Logger } from '../observability/logger.js';
import { LruMap, type LruBounds } from '../../../kit/src/lruMap.js';

/** The shared stores of one gateway. */
export interface Stores {
  /** A keyv namespace (e.g. `response`, `apq`). */
  keyv<T>(namespace: string): Keyv<T>;
  /** The Redis client when CACHE_URL is set (rate limits use it directly for atomic counters). */
  redis?: RedisClientType;
  close(): Promise<void>;
}

/** Opens the stores: Redis at `cacheUrl`, or memory maps within `memory` bounds each. */
export async function openStores(
  cacheUrl: string | undefined,
  memory: LruBounds,
  logger: Logger,
): Promise<Stores> {
  if (!cacheUrl) {
    const made: Keyv[] = [];
    return {
      keyv: <T>(namespace: string) => {
        // Kept as the objects themselves, not serialized: a serialized copy would only double what
        // the process holds (the response cache keeps each answer as an object in front of its
        // store: a national picture would be there twice, 10 MB as a string and 11 MB escaped).
        const keyv = new Keyv<T>({
          store: new LruMap<string, unknown>({ ...memory, sizeOf: heldChars }),
          namespace,
          serialize: undefined,
          deserialize: undefined,
        });
        made.push(keyv as Keyv);
        return keyv;
      },
      close: async () => {
        for (const keyv of made) await keyv.clear();
      },
    };
  }
  // The Redis client is loaded only when it is used: it adds about 150 ms to every start otherwise.
  const { default: KeyvRedis, createClient } = await import('@keyv/redis');
  const redis = createClient({
    url: cacheUrl,
    // Keep retrying in the background; requests meanwhile see misses, not errors.
    socket: {
      reconnectStrategy: (attempt: number) => Math.min(100 * 2 ** attempt, 5_000),
      connectTimeout: 2_000,
    },
    // Fail fast instead of queueing commands while Redis is away.
    disableOfflineQueue: true,
  }) as RedisClientType;
  let lastError = '';
  redis.on('error', (error: Error) => {
    if (error.message !== lastError) logger.warn('redis error', { error: error.message });
    lastError = error.message;
  });
  await redis.connect();
  return {
    keyv: <T>(namespace: string) => {
      // The Redis adapter prefixes keys with the namespace itself: keyv must not add it again.
      const keyv = new Keyv<T>({
        store: new KeyvRedis(redis),
        namespace: `territoires:${namespace}`,
        useKeyPrefix: false,
      });
      keyv.on('error', () => undefined);
      return keyv;
    },
    redis,
    close: async () => {
      if (redis.isOpen) await redis.quit().catch(() => undefined);
    },
  };
}

/**
 * The characters an in-memory entry holds, as keyv keeps it (`{ value, expires }`): a string
 * value (a persisted query) counts its length, an answer its body; the rest is small.
 */
function heldChars(entry: unknown): number {
  const value = (entry as { value?: unknown } | undefined)?.value;
  if (typeof value === 'string') return value.length;
  const body = (value as { body?: unknown } | undefined)?.body;
  return typeof body === 'string' ? body.length : 0;
}
