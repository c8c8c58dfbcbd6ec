// The VTE window: the offers and aids of every commune of the programme, read by the mirror's
// sync every VTE_WINDOW_SYNC_INTERVAL through the same search the live client uses (lists of
// 1,000 communes, pages of 100, paced under the backend's 10 calls a second), so that territory
// reads — the national picture included — make no call to the backend. Company reads stay live.
import {
  asRecord,
  operatorWindowSource,
  windowKind,
  type OperatorWindowDefinition,
} from '../../../kit/src/mirror/operatorWindow.js';
import type { SourceDefinition } from '../../../kit/src/mirror/sourceDefinition.js';
import type { WindowName } from '../../../kit/src/mirror/windowReads.js';
import { programmeScope } from '../../../kit/src/reference/programmeCommunes.js';
import { vieWindowSession } from '../../../kit/src/upstream/vieWindowSession.js';
import { OPERATOR_ID, type VteConfig } from './config.js';
import { AIDS_PATH, MAX_LIMIT, OFFERS_PATH, parseAid, parseOffer } from './vteClient.js';

/** The window's name in sync_state, /ready and `npm run sync`, and its table. */
export const VTE_WINDOW = { source: 'vte-window', table: 'vte_window' } as const satisfies WindowName;

/** The window as a mirrored source; undefined when VTE_WINDOW_SYNC_INTERVAL is 0. */
export function vteWindowSource(config: VteConfig): SourceDefinition | undefined {
  if (config.window.syncIntervalMs === 0) return undefined;
  const { communes } = programmeScope(config.window.programmeFile);
  const definition: OperatorWindowDefinition = {
    name: VTE_WINDOW.source,
    table: VTE_WINDOW.table,
    intervalMs: config.window.syncIntervalMs,
    kinds: [
      windowKind({
        kind: 'offer',
        parse: (raw, index) => parseOffer(asRecord(raw, index), index),
        place: (o) => ({ id: o.id, commune: o.communeCode, siren: o.siren }),
      }),
      windowKind({
        kind: 'aid',
        parse: (raw, index) => parseAid(asRecord(raw, index), index),
        place: (a) => ({ id: a.id, commune: a.communeCode, siren: a.siren }),
      }),
    ],
    open: () =>
      vieWindowSession(
        config.upstream,
        { operator: OPERATOR_ID, label: 'VTE' },
        { maxLimit: MAX_LIMIT, paths: { offer: OFFERS_PATH, aid: AIDS_PATH }, communes },
      ),
  };
  return operatorWindowSource(definition);
}
