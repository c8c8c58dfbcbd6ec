// A Map bounded to `max` entries that forgets the least recently used one first. It is a real Map,
// so keyv takes it as an in-memory store, and per-request caches stay bounded.

/** A Map holding at most `max` entries; reading an entry makes it the most recent. */
export class LruMap<K, V> extends Map<K, V> {
  constructor(readonly max: number) {
    super();
  }

  override get(key: K): V | undefined {
    if (!super.has(key)) return undefined;
    const value = super.get(key) as V;
    super.delete(key);
    super.set(key, value);
    return value;
  }

  override set(key: K, value: V): this {
    if (super.has(key)) super.delete(key);
    else if (this.size >= this.max) {
      const oldest = this.keys().next();
      if (!oldest.done) super.delete(oldest.value);
    }
    return super.set(key, value);
  }
}
