// The DGEFP window: the actions of every commune of the programme, read by the mirror's sync every
// DGEFP_WINDOW_SYNC_INTERVAL through the same API the live client uses (lists of 500 communes,
// pages of 100, paced under its rate), so that territory reads make no call to the API. Company
// reads stay live.
import { operatorWindowSource, windowKind } from '../../../kit/src/mirror/operatorWindow.js';
import type { SourceDefinition } from '../../../kit/src/mirror/sourceDefinition.js';
import type { WindowName } from '../../../kit/src/mirror/windowReads.js';
import { programmeScope } from '../../../kit/src/reference/programmeCommunes.js';
import { keyListWindowSession } from '../../../kit/src/upstream/keyListWindowSession.js';
import { OPERATOR_ID, type DgefpConfig } from './config.js';
import { ACTIONS_PATH, KEYS_PER_CALL, MAX_LIMIT, parseAction } from './dgefpClient.js';

/** The window's name in sync_state, /ready and `npm run sync`, and its table. */
export const DGEFP_WINDOW = { source: 'dgefp-window', table: 'dgefp_window' } as const satisfies WindowName;

/** The window as a mirrored source; undefined when DGEFP_WINDOW_SYNC_INTERVAL is 0. */
export function dgefpWindowSource(config: DgefpConfig): SourceDefinition | undefined {
  if (config.window.syncIntervalMs === 0) return undefined;
  const { communes } = programmeScope(config.window.programmeFile);
  return operatorWindowSource({
    name: DGEFP_WINDOW.source,
    table: DGEFP_WINDOW.table,
    intervalMs: config.window.syncIntervalMs,
    kinds: [
      windowKind({
        kind: 'action',
        parse: parseAction,
        place: (a) => ({ id: a.id, commune: a.communeCode, siren: a.siren }),
      }),
    ],
    open: () =>
      keyListWindowSession(
        config.upstream,
        { operator: OPERATOR_ID, label: 'DGEFP' },
        {
          pageSize: MAX_LIMIT,
          perCall: KEYS_PER_CALL,
          kinds: { action: { path: ACTIONS_PATH, filter: 'communes', keys: communes } },
        },
      ),
  });
}
