// The Business France window: the investment projects and promoted sites of every commune of the
// programme, read by the mirror's sync every BUSINESS_FRANCE_WINDOW_SYNC_INTERVAL through the same
// search the live client uses (lists of 1,000 communes, pages of 100, paced under the backend's 10
// calls a second), so that territory reads make no call to the backend. Company reads stay live.
import { asRecord, operatorWindowSource, windowKind } from '../../../kit/src/mirror/operatorWindow.js';
import type { SourceDefinition } from '../../../kit/src/mirror/sourceDefinition.js';
import type { WindowName } from '../../../kit/src/mirror/windowReads.js';
import { programmeScope } from '../../../kit/src/reference/programmeCommunes.js';
import { vieWindowSession } from '../../../kit/src/upstream/vieWindowSession.js';
import { MAX_LIMIT, PROJECTS_PATH, SITES_PATH, parseProject, parseSite } from './businessFranceClient.js';
import { OPERATOR_ID, type BusinessFranceConfig } from './config.js';

/** The window's name in sync_state, /ready and `npm run sync`, and its table. */
export const BUSINESS_FRANCE_WINDOW = {
  source: 'business-france-window',
  table: 'business_france_window',
} as const satisfies WindowName;

/** The window as a mirrored source; undefined when BUSINESS_FRANCE_WINDOW_SYNC_INTERVAL is 0. */
export function businessFranceWindowSource(config: BusinessFranceConfig): SourceDefinition | undefined {
  if (config.window.syncIntervalMs === 0) return undefined;
  const { communes } = programmeScope(config.window.programmeFile);
  return operatorWindowSource({
    name: BUSINESS_FRANCE_WINDOW.source,
    table: BUSINESS_FRANCE_WINDOW.table,
    intervalMs: config.window.syncIntervalMs,
    kinds: [
      windowKind({
        kind: 'project',
        parse: (raw, index) => parseProject(asRecord(raw, index), index),
        place: (p) => ({ id: p.id, commune: p.communeCode, siren: p.siren }),
      }),
      windowKind({
        kind: 'site',
        parse: (raw, index) => parseSite(asRecord(raw, index), index),
        place: (s) => ({ id: s.siteId, commune: s.communeCode }),
      }),
    ],
    open: () =>
      vieWindowSession(
        config.upstream,
        { operator: OPERATOR_ID, label: 'Business France' },
        { maxLimit: MAX_LIMIT, paths: { project: PROJECTS_PATH, site: SITES_PATH }, communes },
      ),
  });
}
