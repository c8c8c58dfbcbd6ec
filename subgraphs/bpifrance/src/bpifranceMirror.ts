// The France Relance projects of `plan-de-relance`, synced from the economy ministry's portal into
// the mirror (kit/src/mirror `franceRelanceSource`) and placed in communes by the locate step.
// Each method is ONE SQL query for a whole DataLoader batch, answered in key order; query time
// never calls the portal.
import { sql } from 'kysely';
import { CodedError } from '../../../kit/src/errors.js';
import {
  franceRelanceSource,
  guardMirror,
  locateCompanies,
  readSyncStates,
  recordsByCommune,
  recordsBySiren,
  runSync,
  unlocatedByDepartment,
  type LocateResult,
  type MirrorStore,
  type PlaceIndex,
  type SourceDefinition,
  type SyncOptions,
  type SyncResult,
  type TerritoryCommunes,
} from '../../../kit/src/mirror/index.js';
import { describeSource, type SourceInfo } from '../../../kit/src/provenance.js';
import type { CompanyRegistry } from '../../../kit/src/registry/companyRegistryClient.js';
import type { FranceRelanceRow } from './aid.js';
import { OPERATOR_ID, REAL_BASE_URL } from './config.js';

/** Freshness of the mirrored projects. */
export interface ProjectsFreshness {
  source: SourceInfo;
  /** Status of the latest sync (`never` when none ran). */
  status: string;
  recordCount: number;
  unlocatedCount: number;
}

/** Count of one territory's projects under one measure, as the database grouped them. */
export interface MeasureCount {
  mesure: string | null;
  mesureLight: string | null;
  count: number;
}

/** What the mirror reader needs. */
export interface BpifranceMirrorOptions {
  store: MirrorStore;
  /** The portal the projects are synced from (decides `source.illustrative`). */
  baseUrl: string;
  datasetId: string;
}

/** A sync of the projects and the locate step after it. */
export interface ProjectsSync {
  sync: SyncResult;
  locate?: LocateResult;
}

/** France Relance projects in the mirror. */
export class BpifranceMirror {
  /** The mirrored source: the Opendatasoft CSV export, incremental on `mise_a_jour`. */
  readonly syncSource: SourceDefinition<'france_relance_project'>;

  constructor(private readonly options: BpifranceMirrorOptions) {
    this.syncSource = franceRelanceSource(options.baseUrl, options.datasetId);
  }

  get store(): MirrorStore {
    return this.options.store;
  }

  /** Syncs the projects, then places them (postcode and name, then the registry). */
  async sync(
    deps: { registry: CompanyRegistry; places?: PlaceIndex },
    options: SyncOptions = {},
  ): Promise<ProjectsSync> {
    const sync = await runSync(this.store, this.syncSource, options);
    if (sync.status === 'failed' || sync.status === 'locked') return { sync };
    const locate = await locateCompanies(this.store, [this.syncSource], { ...deps, signal: options.signal });
    return { sync, locate };
  }

  /** Projects placed in each commune. */
  projectsByCommune(communes: readonly string[]): Promise<FranceRelanceRow[][]> {
    return this.guard(() => recordsByCommune(this.store, 'france_relance_project', communes));
  }

  /** Projects of each company (SIREN, whatever establishment). */
  projectsBySiren(sirens: readonly string[]): Promise<FranceRelanceRow[][]> {
    return this.guard(() => recordsBySiren(this.store, 'france_relance_project', sirens));
  }

  /** Each territory's projects counted per measure by the database, in ONE query for the batch. */
  measureCounts(territories: readonly TerritoryCommunes[]): Promise<MeasureCount[][]> {
    return this.guard(async () => {
      if (territories.length === 0) return [];
      // The territory→commune pairs travel as ONE JSON parameter (tens of thousands for a region).
      const pairs = JSON.stringify(territories.flatMap((t) => t.communes.map((c) => [t.key, c])));
      const pairRows =
        this.store.engine === 'postgres'
          ? sql`select e->>0 as territory, e->>1 as commune from json_array_elements(${pairs}::json) as e`
          : sql`select json_extract(value, '$[0]') as territory, json_extract(value, '$[1]') as commune from json_each(${pairs})`;
      const { rows } = await guardMirror('counting France Relance projects', () =>
        sql<{ territory: string; mesure: string | null; mesure_light: string | null; n: number | string }>`
          select p.territory as territory, r.mesure as mesure, r.mesure_light as mesure_light, count(*) as n
          from (select distinct territory, commune from (${pairRows}) as pairs) as p
          join france_relance_project as r on r.commune_code = p.commune
          group by p.territory, r.mesure, r.mesure_light
          order by p.territory, r.mesure, r.mesure_light`.execute(this.store.db),
      );
      const byTerritory = new Map<string, MeasureCount[]>();
      for (const row of rows) {
        const list = byTerritory.get(row.territory) ?? [];
        list.push({ mesure: row.mesure, mesureLight: row.mesure_light, count: Number(row.n) });
        byTerritory.set(row.territory, list);
      }
      return territories.map((t) => byTerritory.get(t.key) ?? []);
    });
  }

  /** Projects no commune could be given, by the department the dataset names (what a territory may miss). */
  unlocatedByDepartment(departments: readonly string[]): Promise<number[]> {
    return this.guard(async () => unlocatedByDepartment(this.store, 'france_relance_project', departments));
  }

  /** Provenance and freshness of the mirrored projects (retrievedAt = last successful sync). */
  freshness(): Promise<ProjectsFreshness> {
    return this.guard(async () => {
      const [state] = await readSyncStates(this.store, [this.syncSource.name]);
      return {
        source: describeSource(
          {
            publisher: "Ministère de l'Économie (France Relance)",
            dataset: this.options.datasetId,
            url: `${REAL_BASE_URL}/explore/dataset/${this.options.datasetId}/`,
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

  // A mirror failure (MIRROR_UNAVAILABLE) names the operator, as an upstream failure would.
  private async guard<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof CodedError)) throw error;
      throw new CodedError(error.code, `Bpifrance: ${error.message}`, {
        ...error.details,
        operator: OPERATOR_ID,
      });
    }
  }
}
