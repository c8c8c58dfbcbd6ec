// A per-upstream circuit breaker: after N consecutive failures the upstream is left alone for
// resetMs, then one probe call decides whether it is back (closed) or still failing (open).

/** Breaker settings: consecutive failures that open it, and how long it stays open. */
export interface BreakerOptions {
  failureThreshold: number;
  resetMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** Counts consecutive failures of one upstream and says whether a call may go out. */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private current: BreakerState = 'closed';

  constructor(
    private readonly options: BreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** The state as of now (an open breaker past resetMs reads as half-open). */
  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.resetMs) return 'half-open';
    return this.current;
  }

  /** Whether a call may go out now; in half-open, only one probe at a time is let through. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.current = 'half-open';
    this.probing = true;
    return true;
  }

  /** Records a successful call: the breaker closes. */
  onSuccess(): void {
    this.failures = 0;
    this.probing = false;
    this.current = 'closed';
  }

  /** Records a failed call: a failed probe, or the Nth failure in a row, opens the breaker. */
  onFailure(): void {
    this.failures += 1;
    if (this.probing || this.failures >= this.options.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.now();
    }
    this.probing = false;
  }

  /** Records a call that neither proves nor disproves health (e.g. the caller's own 4xx). */
  onNeutral(): void {
    if (this.probing) this.onSuccess();
  }
}
