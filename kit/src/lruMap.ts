// A Map that forgets its least recently used entries first, bounded in entries and, when asked, in
// the total size of its values. It is a real Map, so keyv takes it as an in-memory store (keyv
// keeps each value there as one serialized string, unless told not to serialize): the in-memory
// caches of the gateway and of the upstream clients stay bounded in memory, not only in count.

/** Bounds of an {@link LruMap}. */
export interface LruBounds<V = unknown> {
  /** Most entries kept. */
  maxEntries: number;
  /** Most characters kept, summed over the values' sizes. */
  maxChars?: number;
  /** A value's size in characters (default: a string's length, 0 for anything else). */
  sizeOf?: (value: V) => number;
}

/** A Map holding at most `maxEntries` entries (and `maxChars` characters); a read makes an entry the newest. */
export class LruMap<K, V> extends Map<K, V> {
  readonly maxEntries: number;
  readonly maxChars: number;
  private readonly sizeOf: (value: V) => number;
  private chars = 0;

  constructor(bounds: number | LruBounds<V>) {
    super();
    const { maxEntries, maxChars, sizeOf } = typeof bounds === 'number' ? { maxEntries: bounds } : bounds;
    this.maxEntries = maxEntries;
    this.maxChars = maxChars ?? Infinity;
    this.sizeOf = sizeOf ?? charsOf;
  }

  /** Characters held by the string values. */
  get heldChars(): number {
    return this.chars;
  }

  override get(key: K): V | undefined {
    if (!super.has(key)) return undefined;
    const value = super.get(key) as V;
    super.delete(key);
    super.set(key, value);
    return value;
  }

  override set(key: K, value: V): this {
    this.delete(key);
    const size = this.sizeOf(value);
    // A value over the whole bound is not kept: it would only push everything else out.
    if (size > this.maxChars || this.maxEntries <= 0) return this;
    super.set(key, value);
    this.chars += size;
    for (const [oldest] of this) {
      if (this.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.delete(oldest);
    }
    return this;
  }

  override delete(key: K): boolean {
    if (!super.has(key)) return false;
    this.chars -= this.sizeOf(super.get(key) as V);
    return super.delete(key);
  }

  override clear(): void {
    super.clear();
    this.chars = 0;
  }
}

function charsOf(value: unknown): number {
  return typeof value === 'string' ? value.length : 0;
}
