// How fresh each mirrored source is, for /ready and for `source.retrievedAt`, and the guard a
// resolver uses before reading a source: a source never synced answers MIRROR_NOT_SYNCED.
import { CodedError, ErrorCode } from '../errors.js';
import { isMirrorUnavailable } from './mirrorError.js';
import type { MirrorStore } from './openMirror.js';
import { readSyncStates } from './queries.js';
import type { MirrorHandle } from './sharedMirror.js';
import type { SyncStatus } from './schema.js';

/** One source's freshness as /ready lists it. */
export interface SourceFreshness {
  source: string;
  /** `unavailable`: the database could not be read. */
  status: SyncStatus | 'unavailable';
  /** When the last sync ran (whatever its outcome). */
  lastSyncAt: string | null;
  /** When the copy that serves was last confirmed current: what `source.retrievedAt` says. */
  lastSuccessAt: string | null;
  recordCount: number;
  rejectedCount: number;
  unlocatedCount: number;
  /** Why the last sync failed (`CODE: message`), or why the database cannot be read. */
  error: string | null;
}

/** Freshness of the named sources, in that order; never throws (an unreadable store says so). */
export async function readFreshness(
  mirror: MirrorHandle,
  sources: readonly string[],
): Promise<SourceFreshness[]> {
  try {
    const store = await mirror.store();
    const states = new Map((await readSyncStates(store, sources)).map((s) => [s.source, s]));
    return sources.map((source) => {
      const state = states.get(source);
      return {
        source,
        status: state?.status ?? 'never',
        lastSyncAt: state?.last_sync_at ?? null,
        lastSuccessAt: state?.last_success_at ?? null,
        recordCount: state?.record_count ?? 0,
        rejectedCount: state?.rejected_count ?? 0,
        unlocatedCount: state?.unlocated_count ?? 0,
        error: state?.last_error ?? null,
      };
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return sources.map((source) => ({
      source,
      status: 'unavailable',
      lastSyncAt: null,
      lastSuccessAt: null,
      recordCount: 0,
      rejectedCount: 0,
      unlocatedCount: 0,
      error: message,
    }));
  }
}

/**
 * When `source`'s copy was last synced, if at most `maxAgeMs` ago: what a window (live data kept
 * in the mirror) may still be answered from. Null when it is older, never synced, or the store
 * cannot be read — the caller then reads live. Never rejects.
 */
export function freshSyncTime(
  store: MirrorStore | Promise<MirrorStore>,
  source: string,
  maxAgeMs: number,
  now: () => number = Date.now,
): Promise<string | null> {
  return Promise.resolve(store)
    .then((opened) => readSyncStates(opened, [source]))
    .then(
      ([state]) => {
        const success = state?.last_success_at;
        return success && now() - Date.parse(success) <= maxAgeMs ? success : null;
      },
      () => null,
    );
}

/**
 * When `source`'s serving copy was last confirmed current. Throws MIRROR_NOT_SYNCED when it never
 * was (a first sync may be running), MIRROR_UNAVAILABLE when the database cannot be read.
 */
export async function requireSynced(mirror: MirrorHandle, source: string): Promise<string> {
  let lastSuccessAt: string | null | undefined;
  try {
    const store = await mirror.store();
    lastSuccessAt = (await readSyncStates(store, [source]))[0]?.last_success_at;
  } catch (error) {
    if (error instanceof CodedError || !isMirrorUnavailable(error)) throw error;
    throw new CodedError(ErrorCode.MIRROR_UNAVAILABLE, `The mirror cannot be read: ${String(error)}`);
  }
  if (!lastSuccessAt) {
    throw new CodedError(
      ErrorCode.MIRROR_NOT_SYNCED,
      `The mirrored source "${source}" has not been synced yet: a first sync runs in the background when the stack starts, or run \`npm run sync ${source}\`.`,
      { source },
    );
  }
  return lastSuccessAt;
}
