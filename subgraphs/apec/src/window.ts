// The APEC window: the offers of every department of the programme, read by the mirror's sync
// every APEC_WINDOW_SYNC_INTERVAL through the same search the live client uses (pages of 100,
// paced under 10 calls a second), so that territory reads make no call to apec.fr. Offers are kept
// as checked; their commune is placed when read, as the live client places it.
import { operatorWindowSource, windowKind } from '../../../kit/src/mirror/operatorWindow.js';
import type { SourceDefinition } from '../../../kit/src/mirror/sourceDefinition.js';
import type { WindowName } from '../../../kit/src/mirror/windowReads.js';
import { programmeScope } from '../../../kit/src/reference/programmeCommunes.js';
import { openSyncUpstream } from '../../../kit/src/upstream/syncUpstream.js';
import { parseOffer, searchAll } from './apecClient.js';
import { OPERATOR_ID, type ApecConfig } from './config.js';

/** The window's name in sync_state, /ready and `npm run sync`, and its table. */
export const APEC_WINDOW = { source: 'apec-window', table: 'apec_window' } as const satisfies WindowName;

/** The window as a mirrored source; undefined when APEC_WINDOW_SYNC_INTERVAL is 0. */
export function apecWindowSource(config: ApecConfig): SourceDefinition | undefined {
  if (config.window.syncIntervalMs === 0) return undefined;
  const { departments } = programmeScope(config.window.programmeFile);
  return operatorWindowSource({
    name: APEC_WINDOW.source,
    table: APEC_WINDOW.table,
    intervalMs: config.window.syncIntervalMs,
    kinds: [
      windowKind({
        kind: 'offer',
        parse: parseOffer,
        place: (o) => ({ id: o.id, department: o.departmentCode }),
      }),
    ],
    open: () => {
      const upstream = openSyncUpstream(config.upstream, { operator: OPERATOR_ID, label: 'APEC' });
      return {
        read: async () => (await searchAll(upstream, departments, (raw) => raw)).items,
        close: () => upstream.close(),
      };
    },
  });
}
