// Keeps the mirrored Fonds Vert file current: one sync at start (awaited when the mirror holds
// no copy yet, so the first answers have data), then one every interval, sooner after a failure.
// A sync that another process already runs (lease taken) is waited for, not repeated.
import type { SyncResult } from '../../../kit/src/mirror/index.js';
import type { EtatClient } from './etatClient.js';

/** When to sync. */
export interface SyncSchedule {
  intervalMs: number;
  /** Delay before trying again after a failed sync (doubled each time, capped at the interval). */
  retryMs?: number;
  /** How long the start waits for another process's sync before giving up waiting. */
  waitForOthersMs?: number;
  /** Told of every sync (logs). */
  onSync?: (result: SyncResult) => void;
}

/** A running schedule; `stop()` clears its timer and waits for a sync in flight. */
export interface SyncScheduler {
  /** The first sync's result (or the state another process left). */
  first: SyncResult;
  /** Runs one sync now. */
  syncNow(): Promise<SyncResult>;
  stop(): Promise<void>;
}

/** Runs the first sync, then schedules the next ones. */
export async function startFondsVertSync(client: EtatClient, schedule: SyncSchedule): Promise<SyncScheduler> {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let failures = 0;
  const retryMs = schedule.retryMs ?? 60_000;

  let inflight: Promise<SyncResult> | undefined;

  const syncNow = (): Promise<SyncResult> => {
    inflight ??= client
      .syncFondsVert()
      .then((result) => {
        schedule.onSync?.(result);
        failures = result.status === 'failed' ? failures + 1 : 0;
        return result;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };
  const plan = () => {
    if (stopped) return;
    const delay =
      failures > 0
        ? Math.min(schedule.intervalMs, retryMs * 2 ** Math.min(failures - 1, 10))
        : schedule.intervalMs;
    timer = setTimeout(() => {
      syncNow().finally(plan);
    }, delay);
    timer.unref();
  };

  const state = await client.freshness().catch(() => null);
  let first: SyncResult;
  if (state?.last_success_at) {
    // A copy serves already: refresh it in the background.
    first = { ...resultOf(state), status: 'unchanged' };
    void syncNow().finally(plan);
  } else {
    first = await syncNow();
    if (first.status === 'locked') first = await waitForOthers(client, schedule.waitForOthersMs ?? 30_000);
    plan();
  }
  return {
    first,
    syncNow,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inflight?.catch(() => undefined);
    },
  };
}

async function waitForOthers(client: EtatClient, limitMs: number): Promise<SyncResult> {
  const until = Date.now() + limitMs;
  for (;;) {
    const state = await client.freshness().catch(() => null);
    if (!state || state.status !== 'running' || Date.now() > until)
      return { ...resultOf(state), status: state?.status === 'failed' ? 'failed' : 'locked' };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function resultOf(state: { record_count: number; unlocated_count: number } | null): SyncResult {
  return {
    source: 'fonds-vert',
    status: 'locked',
    read: 0,
    loaded: 0,
    rejected: 0,
    recordCount: state?.record_count ?? 0,
    unlocatedCount: state?.unlocated_count ?? 0,
  };
}
