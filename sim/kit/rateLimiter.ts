// The simulators' request-rate limit: at most N calls in any window of `windowMs`, as upstreams
// documenting "10 requests per second" enforce it.

/** Counts calls in a sliding window. */
export class SlidingWindowLimiter {
  private stamps: number[] = [];

  constructor(private readonly windowMs: number) {}

  /** Takes a slot at `now` if fewer than `limit` were taken in the window; otherwise returns the ms to wait. */
  take(limit: number, now: number): number {
    while (this.stamps.length > 0 && now - this.stamps[0]! >= this.windowMs) this.stamps.shift();
    if (this.stamps.length < limit) {
      this.stamps.push(now);
      return 0;
    }
    return this.windowMs - (now - this.stamps[0]!);
  }

  /** Forgets every call. */
  clear(): void {
    this.stamps = [];
  }
}
