// The first tier of an upstream client's cache: answers already parsed, kept in this process
// and bounded in entries, in bytes (of the upstream's JSON text) and in time. A hit costs a map
// lookup instead of keyv's JSON decode and the record-by-record checks of the parser; keyv stays
// the shared tier (and the stale copy served when the upstream fails).

/** One parsed answer and how long it may be served. */
export interface ParsedEntry {
  value: unknown;
  status: number;
  headers: Record<string, string>;
  /** When the answer was fetched from the upstream (ms since the epoch). */
  storedAt: number;
  /** Past this instant the entry is gone (never later than the answer's keyv freshness). */
  expiresAt: number;
  /** Length of the upstream's text, the unit of the byte bound. */
  bytes: number;
}

/** Bounds of a {@link ParsedCache}. */
export interface ParsedCacheOptions {
  /** Most entries kept (default 500). */
  maxEntries?: number;
  /** Most upstream bytes kept, summed over entries (default 16 MB). */
  maxBytes?: number;
  /** Longest an entry lives, whatever the freshness TTL (default: the freshness TTL alone). */
  maxAgeMs?: number;
}

/** Least-recently-used map of parsed upstream answers. */
export class ParsedCache {
  private readonly entries = new Map<string, ParsedEntry>();
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;

  constructor(
    private readonly options: ParsedCacheOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  }

  /** Entries currently held. */
  get size(): number {
    return this.entries.size;
  }

  /** Bytes currently held. */
  get heldBytes(): number {
    return this.bytes;
  }

  /** The live entry under `key`, marked most recently used; expired entries are dropped. */
  get(key: string): ParsedEntry | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.bytes -= entry.bytes;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Keeps a parsed answer until `freshUntil` (or the max age, if sooner), evicting the least
   * recently used entries past the bounds. An answer larger than the byte bound is not kept.
   */
  set(key: string, entry: Omit<ParsedEntry, 'expiresAt'>, freshUntil: number): void {
    this.delete(key);
    const now = this.now();
    const expiresAt = Math.min(freshUntil, this.options.maxAgeMs ? now + this.options.maxAgeMs : Infinity);
    if (expiresAt <= now || entry.bytes > this.maxBytes || this.maxEntries <= 0) return;
    this.entries.set(key, { ...entry, expiresAt });
    this.bytes += entry.bytes;
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.bytes;
    }
  }

  /** Forgets one entry. */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
