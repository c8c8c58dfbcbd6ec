// Admission control: the gateway executes a bounded number of operations at once and queues the
// others in arrival order. Executing a large picture holds every subgraph's answer and the merged
// result in memory, so fifty executed at once hold fifty working sets; with a few slots the
// process's memory stays bounded and each answer comes sooner, while the CPU (one thread) stays
// as busy. Cache hits and requests sharing an identical execution take no slot. A request that
// would wait behind too many others, or wait too long, gets 503 SERVER_BUSY with Retry-After.
import { ErrorCode } from '../../../kit/src/errors.js';
import { HttpError } from '../../../kit/src/http.js';

/** How many operations run at once, how many may wait, and for how long. */
export interface SlotSettings {
  concurrency: number;
  maxQueue: number;
  maxWaitMs: number;
}

interface Waiter {
  start(): void;
  timer: NodeJS.Timeout;
}

/** A FIFO of execution slots. */
export class ExecutionSlots {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly settings: SlotSettings) {}

  /** Operations executing now and waiting for a slot (for metrics and tests). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs `task` in a slot, waiting for one in arrival order; SERVER_BUSY when it cannot. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
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
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(busy(`no execution slot came free within ${this.settings.maxWaitMs} ms.`));
        }, this.settings.maxWaitMs),
      };
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

function busy(reason: string): HttpError {
  return new HttpError(503, ErrorCode.SERVER_BUSY, `The gateway is busy: ${reason} Retry shortly.`, {
    'retry-after': '1',
  });
}
