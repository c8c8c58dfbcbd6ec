// The Action Logement window: the aids of every commune of the programme and the agreements of
// every intercommunalité of it, read by the mirror's sync every ACTION_LOGEMENT_WINDOW_SYNC_INTERVAL
// through the same API the live client uses (lists of 500 keys, pages of 100, paced under its
// rate), so that territory reads make no call to the API. Company reads stay live.
import { operatorWindowSource, windowKind } from '../../../kit/src/mirror/operatorWindow.js';
import type { SourceDefinition } from '../../../kit/src/mirror/sourceDefinition.js';
import type { WindowName } from '../../../kit/src/mirror/windowReads.js';
import { programmeScope } from '../../../kit/src/reference/programmeCommunes.js';
import { keyListWindowSession } from '../../../kit/src/upstream/keyListWindowSession.js';
import {
  AGREEMENTS_PATH,
  AIDS_PATH,
  KEYS_PER_CALL,
  MAX_LIMIT,
  parseAgreement,
  parseAid,
} from './actionLogementClient.js';
import { OPERATOR_ID, type ActionLogementConfig } from './config.js';

/** The window's name in sync_state, /ready and `npm run sync`, and its table. */
export const ACTION_LOGEMENT_WINDOW = {
  source: 'action-logement-window',
  table: 'action_logement_window',
} as const satisfies WindowName;

/** The window as a mirrored source; undefined when ACTION_LOGEMENT_WINDOW_SYNC_INTERVAL is 0. */
export function actionLogementWindowSource(config: ActionLogementConfig): SourceDefinition | undefined {
  if (config.window.syncIntervalMs === 0) return undefined;
  const { communes, epcis } = programmeScope(config.window.programmeFile);
  return operatorWindowSource({
    name: ACTION_LOGEMENT_WINDOW.source,
    table: ACTION_LOGEMENT_WINDOW.table,
    intervalMs: config.window.syncIntervalMs,
    kinds: [
      windowKind({
        kind: 'aid',
        parse: parseAid,
        place: (a) => ({ id: a.id, commune: a.communeCode, siren: a.siren }),
      }),
      windowKind({
        kind: 'agreement',
        parse: parseAgreement,
        place: (a) => ({ id: a.id, epci: a.epciSiren }),
      }),
    ],
    open: () =>
      keyListWindowSession(
        config.upstream,
        { operator: OPERATOR_ID, label: 'Action Logement' },
        {
          pageSize: MAX_LIMIT,
          perCall: KEYS_PER_CALL,
          kinds: {
            aid: { path: AIDS_PATH, filter: 'communes', keys: communes },
            agreement: { path: AGREEMENTS_PATH, filter: 'epcis', keys: epcis },
          },
        },
      ),
  });
}
