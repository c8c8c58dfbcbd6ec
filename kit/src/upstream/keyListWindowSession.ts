// The sync session of a window over an upstream that filters by lists of keys and pages its
// `{total, results}` answers (DGEFP's actions, Action Logement's aids and agreements): each kind is
// one path read for every place of the programme it is asked by (communes, EPCIs…), in lists and
// pages as the live client reads them, items kept raw for the window's own per-record checks.
import type { WindowSession } from '../mirror/operatorWindow.js';
import type { UpstreamSettings } from '../upstreamSettings.js';
import { parseResultsPage, readKeyListPages } from './keyListPages.js';
import { openSyncUpstream } from './syncUpstream.js';

/** How one kind is read: its path, the filter its keys go in, and the keys. */
export interface KeyListRead {
  path: string;
  filter: string;
  keys: readonly string[];
}

/** Opens one sync's reads of `kinds` (kind → how it is read). */
export function keyListWindowSession(
  settings: UpstreamSettings,
  identity: { operator: string; label: string },
  options: { pageSize: number; perCall: number; kinds: Readonly<Record<string, KeyListRead>> },
): WindowSession {
  const upstream = openSyncUpstream(settings, identity);
  return {
    read: async (kind) => {
      const how = options.kinds[kind];
      if (!how) throw new Error(`no read for the window's kind "${kind}"`);
      const found = await readKeyListPages(
        how.keys,
        { perCall: options.perCall, pageSize: options.pageSize },
        (list, offset) =>
          upstream.request({
            method: 'GET',
            path: how.path,
            params: { [how.filter]: list, limit: options.pageSize, offset },
            parse: (body) => parseResultsPage(body, (raw) => raw),
          }),
      );
      return found.items;
    },
    close: () => upstream.close(),
  };
}
