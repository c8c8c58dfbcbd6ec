// The only code of this subgraph that reads ADEME's data: the aids of "Les aides financières de
// l'ADEME", synced from the data-fair portal into the mirror (kit/src/mirror, `ademeAidSource`).
// Each method is ONE SQL query for a whole DataLoader batch, answered in key order; query time
// never calls the portal.
import type { Selectable } from 'kysely';
import { CodedError } from '../../../kit/src/errors.js';
import {
  ademeAidSource,
  readSyncStates,
  recordsByCommune,
  recordsBySiren,
  summarizeByAxis,
  unlocatedByDepartment,
  type AdemeAidTable,
  type MirrorStore,
  type SourceDefinition,
  type TerritoryCommunes,
  type TerritorySummary,
} from '../../../kit/src/mirror/index.js';
import { dataFairDatasetPath } from '../../../kit/src/mirror/readers/dataFairLinesReader.js';
import { describeSource, type SourceInfo } from '../../../kit/src/provenance.js';
import { OPERATOR_ID, REAL_BASE_URL } from './config.js';

/** One mirrored aid row. */
export type AdemeAidRow = Selectable<AdemeAidTable>;

/** Freshness of the mirrored aids, for `source` and for deciding a first sync. */
export interface AidsFreshness {
  source: SourceInfo;
  /** Status of the latest sync (`never` when none ran). */
  status: string;
  recordCount: number;
  unlocatedCount: number;
}

/** What the mirror reader needs. */
export interface AdemeMirrorOptions {
  store: MirrorStore;
  /** The portal the aids are synced from (decides `source.illustrative`). */
  baseUrl: string;
  datasetId: string;
}

/** ADEME's aids in the mirror. */
export class AdemeMirror {
  /** The mirrored source: data-fair `lines` paging of the dataset, parsed by parseAdemeAid. */
  readonly syncSource: SourceDefinition<'ademe_aid'>;

  constructor(private readonly options: AdemeMirrorOptions) {
    this.syncSource = ademeAidSource(options.baseUrl, options.datasetId);
  }

  get store(): MirrorStore {
    return this.options.store;
  }

  /** Aids whose beneficiary is located in each commune. */
  aidsByCommune(communes: readonly string[]): Promise<AdemeAidRow[][]> {
    return this.guard(() => recordsByCommune(this.store, 'ademe_aid', communes));
  }

  /** Aids to each company (every establishment of the SIREN). */
  aidsBySiren(sirens: readonly string[]): Promise<AdemeAidRow[][]> {
    return this.guard(() => recordsBySiren(this.store, 'ademe_aid', sirens));
  }

  /** Count and cents by axis of each territory's aids, computed by the database. */
  summaries(territories: readonly TerritoryCommunes[]): Promise<TerritorySummary[]> {
    return this.guard(() => summarizeByAxis(this.store, 'ademe_aid', territories));
  }

  /**
   * Aids that no commune could be given, by the department the portal's SIRET enrichment names
   * (`_siret_infos._infos_commune.code_departement`): what a territory may be missing.
   */
  unlocatedByDepartment(departments: readonly string[]): Promise<number[]> {
    return this.guard(async () => unlocatedByDepartment(this.store, 'ademe_aid', departments));
  }

  /** Provenance and freshness of the mirrored aids (retrievedAt = last successful sync). */
  freshness(): Promise<AidsFreshness> {
    return this.guard(async () => {
      const [state] = await readSyncStates(this.store, [this.syncSource.name]);
      return {
        source: describeSource(
          {
            publisher: 'ADEME',
            dataset: this.options.datasetId,
            url: `${REAL_BASE_URL}${dataFairDatasetPath(this.options.datasetId)}/lines`,
            realBaseUrl: REAL_BASE_URL,
          },
          this.options.baseUrl,
          state?.last_success_at ?? null,
        ),
        status: state?.status ?? 'never',
        recordCount: state?.record_count ?? 0,
        unlocatedCount: state?.unlocated_count ?? 0,
      };
    });
  }

  // A mirror failure (MIRROR_UNAVAILABLE from guardMirror) names the operator, as an upstream
  // failure would; anything else is a bug and stays an internal error.
  private async guard<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof CodedError)) throw error;
      throw new CodedError(error.code, `ADEME: ${error.message}`, {
        ...error.details,
        operator: OPERATOR_ID,
      });
    }
  }
}
