// The France Relance projects of `plan-de-relance`, synced from the economy ministry's portal into
// the mirror (kit/src/mirror `franceRelanceSource`) and placed in communes by the locate step, and
// the illustrative France 2030 laureates a simulated portal serves (`france2030Source`; their rows
// carry their commune). Each read is ONE SQL query for a whole DataLoader batch, answered in key
// order; query time never calls the portal.
import { sql } from 'kysely';
import { CodedError } from '../../../kit/src/errors.js';
import {
  france2030Source,
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
import type { France2030Row, FranceRelanceRow } from './aid.js';
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
  /** The illustrative France 2030 dataset; undefined (nothing synced or read) against the real portal. */
  france2030DatasetId?: string;
}

/** A sync of the projects and the locate step after it, then of the France 2030 laureates. */
export interface ProjectsSync {
  sync: SyncResult;
  locate?: LocateResult;
  /** The laureates' sync, when a France 2030 dataset is configured. */
  france2030?: SyncResult;
}

/** France Relance projects in the mirror. */
export class BpifranceMirror {
  /** The mirrored source: the Opendatasoft CSV export, incremental on `mise_a_jour`. */
  readonly syncSource: SourceDefinition<'france_relance_project'>;
  /** The France 2030 laureates' source (the CSV export, incremental on `mise_a_jour`), when configured. */
  readonly france2030Source?: SourceDefinition<'france_2030_laureate'>;

  constructor(private readonly options: BpifranceMirrorOptions) {
    this.syncSource = franceRelanceSource(options.baseUrl, options.datasetId);
    if (options.france2030DatasetId)
      this.france2030Source = france2030Source(options.baseUrl, options.france2030DatasetId);
  }

  get store(): MirrorStore {
    return this.options.store;
  }

  /** Syncs the projects, places them (postcode and name, then the registry), then syncs the laureates. */
  async sync(
    deps: { registry: CompanyRegistry; places?: PlaceIndex },
    options: SyncOptions = {},
  ): Promise<ProjectsSync> {
    const sync = await runSync(this.store, this.syncSource, options);
    const locate =
      sync.status === 'failed' || sync.status === 'locked'
        ? undefined
        : await locateCompanies(this.store, [this.syncSource], { ...deps, signal: options.signal });
    const france2030 = this.france2030Source
      ? await runSync(this.store, this.france2030Source, options)
      : undefined;
    return { sync, ...(locate ? { locate } : {}), ...(france2030 ? { france2030 } : {}) };
  }

  /** Projects placed in each commune. */
  projectsByCommune(communes: readonly string[]): Promise<FranceRelanceRow[][]> {
    return this.guard(() => recordsByCommune(this.store, 'france_relance_project', communes));
  }

  /** Projects of each company (SIREN, whatever establishment). */
  projectsBySiren(sirens: readonly string[]): Promise<FranceRelanceRow[][]> {
    return this.guard(() => recordsBySiren(this.store, 'france_relance_project', sirens));
  }

  /** Illustrative France 2030 laureates in each commune (none when no dataset is configured). */
  laureatesByCommune(communes: readonly string[]): Promise<France2030Row[][]> {
    if (!this.france2030Source) return Promise.resolve(communes.map(() => []));
    return this.guard(() => recordsByCommune(this.store, 'france_2030_laureate', communes));
  }

  /** Illustrative France 2030 laureates of each company (none when no dataset is configured). */
  laureatesBySiren(sirens: readonly string[]): Promise<France2030Row[][]> {
    if (!this.france2030Source) return Promise.resolve(sirens.map(() => []));
    return this.guard(() => recordsBySiren(this.store, 'france_2030_laureate', sirens));
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

  /**
   * Provenance of the France 2030 laureates: always illustrative (generated; no real dataset
   * exists), retrievedAt = their last successful sync. Null when no dataset is configured.
   */
  france2030Freshness(): Promise<SourceInfo | null> {
    const source = this.france2030Source;
    if (!source) return Promise.resolve(null);
    return this.guard(async () => {
      const [state] = await readSyncStates(this.store, [source.name]);
      const described = describeSource(
        {
          publisher: 'Bpifrance (France 2030), illustrative: no open dataset of the laureates exists',
          dataset: this.options.france2030DatasetId!,
          url: `${REAL_BASE_URL}/explore/?q=france+2030`,
          realBaseUrl: REAL_BASE_URL,
        },
        this.options.baseUrl,
        state?.last_success_at ?? null,
      );
      return { ...described, illustrative: true };
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
