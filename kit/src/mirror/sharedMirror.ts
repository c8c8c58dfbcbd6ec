// One mirror store per location and process: every subgraph of `npm start` (one process) and the
// stack's sync scheduler share one SQLite connection or one PostgreSQL pool. The store opens on
// first use, so a service starts even while its database is down: reads answer MIRROR_UNAVAILABLE
// until it comes back, and the next read opens it again.
import { CodedError, ErrorCode } from '../errors.js';
import type { MirrorSettings } from './mirrorSettings.js';
import { describeMirrorLocation } from './mirrorSettings.js';
import { openMirror, type MirrorStore } from './openMirror.js';

/** A service's hold on the shared store of its settings' location. */
export interface MirrorHandle {
  /** Where the store is (no password), for logs and /ready. */
  readonly location: string;
  /** The open store; MIRROR_UNAVAILABLE when it cannot be opened now (tried again next call). */
  store(): Promise<MirrorStore>;
  /** Gives the hold back; the store closes when its last holder releases it. */
  release(): Promise<void>;
}

interface Shared {
  holders: number;
  opening?: Promise<MirrorStore>;
}

const shared = new Map<string, Shared>();

/** Takes a hold on the store the settings point at, shared with the other holders of this process. */
export function openMirrorFromSettings(settings: MirrorSettings): MirrorHandle {
  const key = settings.databaseUrl
    ? `pg|${settings.databaseUrl}|${settings.schema ?? ''}`
    : `sqlite|${settings.file}`;
  let entry = shared.get(key);
  if (!entry) {
    entry = { holders: 0 };
    shared.set(key, entry);
  }
  const held = entry;
  held.holders++;
  let released = false;
  return {
    location: describeMirrorLocation(settings),
    store: () => {
      if (released) return Promise.reject(new Error('This mirror handle was released.'));
      held.opening ??= openMirror({
        databaseUrl: settings.databaseUrl,
        schema: settings.schema,
        file: settings.file,
      }).catch((error: unknown) => {
        held.opening = undefined;
        throw asUnavailable(error, describeMirrorLocation(settings));
      });
      return held.opening;
    },
    release: async () => {
      if (released) return;
      released = true;
      held.holders--;
      if (held.holders > 0) return;
      shared.delete(key);
      const opening = held.opening;
      held.opening = undefined;
      if (opening) await opening.then((store) => store.close()).catch(() => undefined);
    },
  };
}

function asUnavailable(error: unknown, location: string): CodedError {
  if (error instanceof CodedError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CodedError(
    ErrorCode.MIRROR_UNAVAILABLE,
    `The mirror (${location}) cannot be opened: ${message}`,
  );
}
