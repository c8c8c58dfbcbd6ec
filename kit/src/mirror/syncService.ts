// Runs the mirrored sources' syncs: all of them one after the other (`npm run sync`), and on a
// schedule inside a running stack (first start when a source was never synced, then every
// SYNC_INTERVAL). A source's failure never stops the others; two syncs of one source never run at
// once (the lease in sync_lock across processes, and one run at a time inside a scheduler).
import { runSync, type SyncOptions, type SyncProgress, type SyncResult } from './runSync.js';
import { readSyncStates } from './queries.js';
import type { MirrorHandle } from './sharedMirror.js';
import type { SourceDefinition } from './sourceDefinition.js';
import type { MirrorStore } from './openMirror.js';

/** What {@link syncSources} passes on to every run. */
export interface SyncSourcesOptions extends Omit<SyncOptions, 'onProgress'> {
  onProgress?: (progress: SyncProgress) => void;
  /** Called when each source is done, in order. */
  onResult?: (result: SyncResult, durationMs: number) => void;
  /** Runs after each source's sync, before the next source (the locate step); never rejects. */
  afterSource?: AfterSource;
}

/**
 * A step run after a source's sync, with its result (e.g. locating its records through the
 * company registry); its time counts in the source's `durationMs`. It may return the result
 * brought up to date (e.g. its unlocated count); a rejection is ignored.
 */
export type AfterSource = (
  store: MirrorStore,
  source: SourceDefinition,
  result: SyncResult,
  signal?: AbortSignal,
) => Promise<SyncResult | void>;

/** One source's result and how long it took. */
export interface TimedSyncResult extends SyncResult {
  durationMs: number;
}

/**
 * Sources synced at once by default. Each has its own upstream (or paces its own calls), so side
 * by side they cost no extra call; the slowest ones (live windows read under a rate limit) then
 * overlap instead of adding up.
 */
export const SOURCES_IN_FLIGHT = 4;

/**
 * Syncs the sources, `concurrency` at a time (default {@link SOURCES_IN_FLIGHT}); every source
 * runs whatever happened to the others, each followed by its `afterSource` step. Results come in
 * the sources' order.
 */
export async function syncSources(
  store: MirrorStore,
  sources: readonly SourceDefinition[],
  options: SyncSourcesOptions & { concurrency?: number } = {},
): Promise<TimedSyncResult[]> {
  const results: (TimedSyncResult | undefined)[] = [];
  let next = 0;
  const lane = async () => {
    while (next < sources.length && !options.signal?.aborted) {
      const index = next++;
      const source = sources[index]!;
      const started = performance.now();
      let result = await runSync(store, source, options);
      if (options.afterSource && !options.signal?.aborted) {
        const after = await options.afterSource(store, source, result, options.signal).catch(() => undefined);
        if (after) result = after;
      }
      const durationMs = Math.round(performance.now() - started);
      options.onResult?.(result, durationMs);
      results[index] = { ...result, durationMs };
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? SOURCES_IN_FLIGHT, sources.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return results.filter((r): r is TimedSyncResult => r !== undefined);
}

/** Options of a {@link SyncScheduler}. */
export interface SyncSchedulerOptions {
  mirror: MirrorHandle;
  sources: readonly SourceDefinition[];
  /** Time between scheduled runs of every source without an interval of its own; 0 = no schedule. */
  intervalMs: number;
  /** At start, sync the sources never synced (or older than the interval). */
  syncOnStart: boolean;
  /** One line per event (start, each result, failures); silent when absent. */
  log?: (message: string, fields?: Record<string, unknown>) => void;
  fetch?: typeof fetch;
  /** Lease length of each sync (default 60 s). */
  leaseMs?: number;
  /** Runs after each source's sync (the locate step). */
  afterSource?: AfterSource;
}

/** Keeps the sources synced in the background of a running service. */
export class SyncScheduler {
  private readonly timers: NodeJS.Timeout[] = [];
  private current?: Promise<TimedSyncResult[]>;
  private first: Promise<TimedSyncResult[]> = Promise.resolve([]);
  private readonly abort = new AbortController();
  private stopped = false;

  constructor(private readonly options: SyncSchedulerOptions) {}

  /**
   * Starts the first-start sync (in the background) and the schedule, one timer per distinct
   * interval (a tick that finds a run in progress is skipped); returns at once.
   */
  start(): void {
    if (this.options.syncOnStart) this.first = this.runDue();
    const byInterval = new Map<number, string[]>();
    for (const source of this.options.sources) {
      const interval = this.intervalOf(source);
      if (interval > 0) byInterval.set(interval, [...(byInterval.get(interval) ?? []), source.name]);
    }
    for (const [interval, names] of byInterval) {
      const timer = setInterval(() => void this.runNow(names), interval);
      // The schedule alone must not keep a process alive that has nothing else to do.
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** The first-start sync (empty when nothing was due or SYNC_ON_START is off); never rejects. */
  get firstSync(): Promise<TimedSyncResult[]> {
    return this.first;
  }

  /** The run in progress, if any (tests and shutdown wait on it). */
  get running(): Promise<TimedSyncResult[]> | undefined {
    return this.current;
  }

  /** Syncs the sources that need it: never synced, or last confirmed longer ago than the interval. */
  async runDue(now = Date.now()): Promise<TimedSyncResult[]> {
    let due: SourceDefinition[];
    try {
      const store = await this.options.mirror.store();
      const states = new Map((await readSyncStates(store)).map((s) => [s.source, s]));
      due = this.options.sources.filter((source) => {
        const success = states.get(source.name)?.last_success_at;
        if (!success) return true;
        const interval = this.intervalOf(source);
        return interval > 0 && now - Date.parse(success) >= interval;
      });
    } catch (error) {
      this.options.log?.('mirror sync skipped: the mirror cannot be read', { error: messageOf(error) });
      return [];
    }
    if (due.length === 0) return [];
    return this.runNow(due.map((s) => s.name));
  }

  /** Syncs the named sources (all when none named); joins the run in progress if there is one. */
  runNow(names?: readonly string[]): Promise<TimedSyncResult[]> {
    if (this.stopped) return Promise.resolve([]);
    if (this.current) return this.current;
    const sources = names
      ? this.options.sources.filter((s) => names.includes(s.name))
      : [...this.options.sources];
    this.current = this.run(sources).finally(() => (this.current = undefined));
    return this.current;
  }

  /** Stops the schedule, aborts the run in progress (its source keeps its previous copy) and waits for it. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.abort.abort(new Error('the service is stopping'));
    await this.current?.catch(() => undefined);
  }

  private intervalOf(source: SourceDefinition): number {
    return source.intervalMs ?? this.options.intervalMs;
  }

  private async run(sources: SourceDefinition[]): Promise<TimedSyncResult[]> {
    const log = this.options.log;
    let store: MirrorStore;
    try {
      store = await this.options.mirror.store();
    } catch (error) {
      log?.('mirror sync skipped: the mirror cannot be opened', { error: messageOf(error) });
      return [];
    }
    log?.('mirror sync started', { sources: sources.map((s) => s.name) });
    return syncSources(store, sources, {
      fetch: this.options.fetch,
      leaseMs: this.options.leaseMs,
      signal: this.abort.signal,
      afterSource: this.options.afterSource,
      onResult: (result, durationMs) =>
        log?.(`mirror sync of ${result.source}: ${result.status}`, {
          source: result.source,
          status: result.status,
          read: result.read,
          loaded: result.loaded,
          rejected: result.rejected,
          records: result.recordCount,
          unlocated: result.unlocatedCount,
          durationMs,
          ...(result.error ? { error: `${result.error.code}: ${result.error.message}` } : {}),
        }),
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
