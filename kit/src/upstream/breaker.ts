// A per-upstream circuit breaker: after N consecutive failures the upstream is left alone for
// resetMs, then one probe call decides whether it is back (closed) or still failing (open).
// Calls that arrive while the probe is out wait for its outcome instead of being refused: when an
// upstream recovers, the first picture asked of it is whole, not CIRCUIT_OPEN for every call but
// the probe. The wait is bounded, so a hanging probe cannot hold callers past their own timeout.

/** Breaker settings: consecutive failures that open it, and how long it stays open. */
export interface BreakerOptions {
  failureThreshold: number;
  resetMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** The probe in flight: the calls waiting on it learn its outcome (true: the upstream is back). */
interface Probe {
  outcome: Promise<boolean>;
  settle(healthy: boolean): void;
}

/** Counts consecutive failures of one upstream and says whether a call may go out. */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probe: Probe | undefined;
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

  /**
   * Whether a call may go out. Closed: yes. Open: no. Half-open: the first caller is the probe;
   * the others wait up to `waitMs` for its outcome, then go out if it succeeded and are refused
   * if it failed or did not end in time.
   */
  async acquire(waitMs: number): Promise<boolean> {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open') return false;
    if (!this.probe) {
      this.current = 'half-open';
      this.probe = newProbe();
      return true;
    }
    return withinMs(this.probe.outcome, waitMs);
  }

  /** Records a successful call: the breaker closes, and the calls waiting on a probe go out. */
  onSuccess(): void {
    this.failures = 0;
    this.current = 'closed';
    this.endProbe(true);
  }

  /** Records a failed call: a failed probe, or the Nth failure in a row, opens the breaker. */
  onFailure(): void {
    this.failures += 1;
    if (this.probe || this.failures >= this.options.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.now();
    }
    this.endProbe(false);
  }

  /** Records a call that neither proves nor disproves health (e.g. the caller's own 4xx). */
  onNeutral(): void {
    // The upstream answered: for a probe, that is enough to say it is back.
    if (this.probe) this.onSuccess();
  }

  private endProbe(healthy: boolean): void {
    const probe = this.probe;
    this.probe = undefined;
    probe?.settle(healthy);
  }
}

function newProbe(): Probe {
  let settle!: (healthy: boolean) => void;
  const outcome = new Promise<boolean>((resolve) => (settle = resolve));
  return { outcome, settle };
}

/** The outcome, or false when it takes longer than `ms`. */
function withinMs(outcome: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([outcome, late]).finally(() => clearTimeout(timer));
}
