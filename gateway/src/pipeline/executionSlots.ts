// Admission control: the gateway executes a bounded number of operations at once and queues the
// others in arrival order. Executing a large picture holds every subgraph's answer and the merged
// result in memory, so fifty executed at once hold fifty working sets; with a few slots the
// process's memory stays bounded and each answer comes sooner, while the CPU (one thread) stays
// as busy. Cache hits and requests sharing an identical execution take no slot. A request that
// would wait behind too many others, or wait too long, gets 503 SERVER_BUSY with Retry-After; one
// whose caller went away while it waited leaves the queue unexecuted. An operation whose estimated
// cost marks it as large (a regional or national picture: hundreds of megabytes allocated while
// it runs) also waits for the one large permit first, so two of them never execute together while
// small operations keep the other slots.
import { ErrorCode } from '../../../kit/src/errors.js';
import { HttpError } from '../../../kit/src/http.js';

/** How many operations run at once, how many may wait, and for how long. */
export interface SlotSettings {
  concurrency: number;
  maxQueue: number;
  maxWaitMs: number;
  /** Estimated cost from which an operation is large and runs alone among large ones (0: no such limit). */
  largeCost?: number;
}

interface Waiter {
  start(): void;
  timer: NodeJS.Timeout;
}

/** A FIFO of execution slots. */
export class ExecutionSlots {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  /** The one permit large operations take before their slot (absent when largeCost is 0). */
  private readonly large?: ExecutionSlots;

  constructor(private readonly settings: SlotSettings) {
    if (settings.largeCost) {
      const { maxQueue, maxWaitMs } = settings;
      this.large = new ExecutionSlots({ concurrency: 1, maxQueue, maxWaitMs });
    }
  }

  /** Operations executing now and waiting for a slot (for metrics and tests). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Large operations holding or waiting for the large permit (for tests). */
  get largeLoad(): { running: number; waiting: number } {
    return this.large?.load ?? { running: 0, waiting: 0 };
  }

  /**
   * Runs `task` in a slot, waiting for one in arrival order; SERVER_BUSY when it cannot, and
   * CLIENT_CLOSED_REQUEST (never executed) when `signal` aborts while it waits. A task of
   * estimated `cost` at or above largeCost first waits for the large permit, holding no slot
   * meanwhile (so small operations pass it).
   */
  run<T>(task: () => Promise<T>, signal?: AbortSignal, cost = 0): Promise<T> {
    if (this.large && cost >= (this.settings.largeCost ?? Infinity)) {
      return this.large.run(() => this.runInSlot(task, signal), signal);
    }
    return this.runInSlot(task, signal);
  }

  private async runInSlot<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(gone());
    if (this.running < this.settings.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.settings.maxQueue) {
      return Promise.reject(
        busy(
          `${this.waiting.length} operations are already waiting for one of ${this.settings.concurrency} slots.`,
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const leave = (error: HttpError) => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        clearTimeout(waiter.timer);
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      };
      const onAbort = () => leave(gone());
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        timer: setTimeout(
          () => leave(busy(`no execution slot came free within ${this.settings.maxWaitMs} ms.`)),
          this.settings.maxWaitMs,
        ),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Hands the slot to the next waiter, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next.start();
    else this.running--;
  }
}

/** The caller left while waiting (nginx's 499: nobody reads this answer). */
function gone(): HttpError {
  return new HttpError(499, ErrorCode.CLIENT_CLOSED_REQUEST, 'The caller went away before a slot came free.');
}

function busy(reason: string): HttpError {
  return new HttpError(503, ErrorCode.SERVER_BUSY, `The gateway is busy: ${reason} Retry shortly.`, {
    'retry-after': '1',
  });
}
