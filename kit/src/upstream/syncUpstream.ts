// The upstream client a window's sync reads through (kit/src/mirror/operatorWindow.ts): the same
// protocol client, pacing, timeouts and retries (429s waited out) as the subgraph's, but nothing
// cached — a sync must read the upstream as it is now, and a copy kept from an earlier call must
// never be served for a failing one. One client per sync, closed when the sync ends.
import { Keyv } from 'keyv';
import { LruMap } from '../lruMap.js';
import type { UpstreamSettings } from '../upstreamSettings.js';
import { UpstreamClient } from './upstreamClient.js';

/** A client of the upstream for one sync. */
export function openSyncUpstream(
  settings: UpstreamSettings,
  identity: { operator: string; label: string },
): UpstreamClient {
  return new UpstreamClient({
    operator: identity.operator,
    label: identity.label,
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    // A store that keeps nothing: no answer is ever read back.
    cache: new Keyv({ store: new LruMap({ maxEntries: 0 }) }),
    ttlMs: 0,
    memory: false,
    minIntervalMs: settings.minIntervalMs,
  });
}
