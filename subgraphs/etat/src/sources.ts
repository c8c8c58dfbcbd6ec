// Provenance of the mirrored Fonds Vert file for one request: read from sync_state once, it is
// every record's `source` (retrievedAt = the last successful sync). With no copy at all the État
// block cannot answer: a coded error naming the operator, with the last sync's failure. A copy
// kept after a failed sync still serves, and the answer says so in `extensions.stale`.
import { CodedError, ErrorCode } from '../../../kit/src/errors.js';
import { REAL_DATASETS } from '../../../kit/src/mirror/index.js';
import { describeSource, type SourceInfo } from '../../../kit/src/provenance.js';
import type { StaleCollector } from '../../../kit/src/upstream/stale.js';
import { OPERATOR_ID, OPERATOR_LABEL, REAL_STATIC_HOST } from './config.js';
import type { EtatClient } from './etatClient.js';

/** The dataset as its publisher describes it. */
export const FONDS_VERT_DATASET = {
  publisher: 'DGALN (ministère de la Transition écologique) on data.gouv.fr',
  dataset: 'fonds-vert-liste-des-projets-subventionnes',
  url: REAL_DATASETS.fondsVert2023,
  realBaseUrl: REAL_STATIC_HOST,
};

const UPSTREAM_CODES = new Set<string>([
  ErrorCode.UPSTREAM_UNAVAILABLE,
  ErrorCode.UPSTREAM_TIMEOUT,
  ErrorCode.UPSTREAM_RATE_LIMITED,
  ErrorCode.UPSTREAM_BAD_RESPONSE,
]);

/** The sources one request reads. */
export interface EtatSources {
  /** The Fonds Vert file's provenance; throws a coded error when the mirror has no copy. */
  fondsVert(): Promise<SourceInfo>;
}

/** Makes one request's sources (memoized: sync_state is read at most once per request). */
export function createSources(client: EtatClient, staticBaseUrl: string, stale: StaleCollector): EtatSources {
  let fondsVert: Promise<SourceInfo> | undefined;
  return {
    fondsVert: () =>
      (fondsVert ??= client.freshness().then((state) => {
        if (!state.last_success_at) {
          const [code, ...rest] = (state.last_error ?? '').split(': ');
          const known = code && UPSTREAM_CODES.has(code) ? (code as ErrorCode) : ErrorCode.MIRROR_SYNC_FAILED;
          const why = state.last_error
            ? `the last sync failed (${(code && UPSTREAM_CODES.has(code) ? rest.join(': ') : state.last_error).replace(`${OPERATOR_LABEL}: `, '')})`
            : state.status === 'running'
              ? 'the first sync is still running'
              : 'it was never synced';
          throw new CodedError(
            state.status === 'never' || state.status === 'running' ? ErrorCode.UPSTREAM_UNAVAILABLE : known,
            `${OPERATOR_LABEL}: no copy of the Fonds Vert file yet (${FONDS_VERT_DATASET.dataset}): ${why}.`,
            { operator: OPERATOR_ID },
          );
        }
        if (state.status === 'failed') stale.mark(OPERATOR_ID, state.last_success_at);
        return describeSource(FONDS_VERT_DATASET, staticBaseUrl, state.last_success_at);
      })),
  };
}
