// The sync session of a window over a VIE-like search (VTE, Business France): each kind is one
// search path read for every commune of the programme (`geographicZones`, lists of 1,000 values,
// pages of the largest accepted size), items kept raw for the window's own per-record checks.
import type { WindowSession } from '../mirror/operatorWindow.js';
import type { UpstreamSettings } from '../upstreamSettings.js';
import { openSyncUpstream } from './syncUpstream.js';
import { VieSearchClient } from './vieSearchClient.js';

/** Opens one sync's reads of `paths` (kind → search path) for `communes`. */
export function vieWindowSession(
  settings: UpstreamSettings,
  identity: { operator: string; label: string },
  options: { maxLimit: number; paths: Readonly<Record<string, string>>; communes: readonly string[] },
): WindowSession {
  const upstream = openSyncUpstream(settings, identity);
  const search = new VieSearchClient(upstream, { maxLimit: options.maxLimit });
  return {
    read: async (kind) => {
      const path = options.paths[kind];
      if (!path) throw new Error(`no search path for the window's kind "${kind}"`);
      const found = await search.allIn(
        path,
        { field: 'geographicZones', values: options.communes },
        {},
        (raw) => raw,
      );
      return found.items;
    },
    close: () => upstream.close(),
  };
}
