// Settings of an operator's window (operatorWindow.ts), read the same way for every operator that
// has one: `<PREFIX>_WINDOW_SYNC_INTERVAL` (0 turns the window off: every read is live) and
// `<PREFIX>_WINDOW_MAX_AGE`, the programme whose places it covers and the mirror that holds it.
import { readString } from '../env.js';
import { DEFAULT_PROGRAMME_FILE } from '../reference/programmeCommunes.js';
import { readDuration, readMirrorSettings, type MirrorSettings } from './mirrorSettings.js';

/** An operator's window as its settings say. */
export interface WindowSettings {
  /** Time between two syncs; 0: no window, the live API answers every query. */
  syncIntervalMs: number;
  /** The oldest sync a query still reads; older, the live API answers. */
  maxAgeMs: number;
  /** The programme whose places the window covers (PROGRAMME_FILE). */
  programmeFile: string;
  mirror: MirrorSettings;
}

/** Reads `<prefix>_WINDOW_SYNC_INTERVAL` (15m), `<prefix>_WINDOW_MAX_AGE` (1h), PROGRAMME_FILE and the mirror's variables. */
export function readWindowSettings(env: Record<string, string | undefined>, prefix: string): WindowSettings {
  return {
    syncIntervalMs: readDuration(env, `${prefix}_WINDOW_SYNC_INTERVAL`, '15m'),
    maxAgeMs: readDuration(env, `${prefix}_WINDOW_MAX_AGE`, '1h'),
    programmeFile: readString(env, 'PROGRAMME_FILE', DEFAULT_PROGRAMME_FILE),
    mirror: readMirrorSettings(env),
  };
}
