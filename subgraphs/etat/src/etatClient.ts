// The only code of this subgraph that talks to its upstream: it syncs the Fonds Vert 2023 file
// (DGALN, on the national open-data portal) into the mirror with a conditional GET, and reads the
// mirror in batches, one SQL query per batch of territories, sums by Fonds Vert axe in SQL.
import { sql, type Selectable } from 'kysely';
import { CodedError, ErrorCode } from '../../../kit/src/errors.js';
import {
  fondsVertSource,
  guardMirror,
  readSyncStates,
  runSync,
  type FondsVertProjectTable,
  type MirrorStore,
  type SyncResult,
  type SyncStateTable,
  type TerritoryCommunes,
} from '../../../kit/src/mirror/index.js';
import { OPERATOR_ID, OPERATOR_LABEL } from './config.js';

/** The sync_state key of the file. */
export const FONDS_VERT_SOURCE = 'fonds-vert';

/** Count and amount (cents) of one Fonds Vert axe ("1", "2", "3"; null when the row had none). */
export interface AxeTotal {
  axe: string | null;
  count: number;
  amountCents: number;
}

/** One territory's located projects, by axe. */
export interface TerritoryTotals {
  key: string;
  byAxe: AxeTotal[];
}

/** Projects of a department whose commune is unknown (NULL in the file, not found by SIREN). */
export interface DepartmentUnlocated {
  departmentCode: string;
  count: number;
  amountCents: number;
}

/** A mirrored project row. */
export type FondsVertRecord = Selectable<FondsVertProjectTable>;

/** Where the file is and how long a sync may take. */
export interface EtatClientOptions {
  /** Full URL of the Fonds Vert 2023 export (simulator or static.data.gouv.fr). */
  fondsVertUrl: string;
  syncTimeoutMs: number;
  fetch?: typeof fetch;
}

/** The État's Fonds Vert data, as this subgraph uses it. */
export class EtatClient {
  constructor(
    readonly store: MirrorStore,
    private readonly options: EtatClientOptions,
  ) {}

  /** Syncs the file into the mirror (304 when unchanged); never throws, the result says how it went. */
  syncFondsVert(): Promise<SyncResult> {
    return runSync(this.store, fondsVertSource(this.options.fondsVertUrl), {
      fetch: this.codedFetch(),
      signal: AbortSignal.timeout(this.options.syncTimeoutMs),
    });
  }

  /** The file's sync state, or a "never synced" one. */
  async freshness(): Promise<SyncStateTable> {
    const [state] = await readSyncStates(this.store, [FONDS_VERT_SOURCE]);
    return (
      state ?? {
        source: FONDS_VERT_SOURCE,
        last_sync_at: null,
        last_success_at: null,
        record_count: 0,
        rejected_count: 0,
        unlocated_count: 0,
        cursor: null,
        status: 'never',
        last_error: null,
      }
    );
  }

  /** Located projects of each territory counted and summed by axe, in the batch's order: ONE query. */
  totalsByAxe(territories: readonly TerritoryCommunes[]): Promise<TerritoryTotals[]> {
    return guardMirror('summarizing Fonds Vert projects by axe', async () => {
      if (territories.length === 0) return [];
      const { rows } = await sql<{ territory: string; axe: string | null; n: number; amount: number | null }>`
        select p.territory as territory, r.axe as axe, count(*) as n, sum(r.montant_engage_cents) as amount
        from (${this.pairs(territories)}) as p
        join fonds_vert_project as r on r.commune_code = p.commune
        group by p.territory, r.axe`.execute(this.store.db);
      const found = new Map<string, AxeTotal[]>();
      for (const row of rows) {
        const list = found.get(row.territory) ?? [];
        list.push({ axe: row.axe, count: Number(row.n), amountCents: Number(row.amount ?? 0) });
        found.set(row.territory, list);
      }
      return territories.map(({ key }) => ({
        key,
        byAxe: (found.get(key) ?? []).sort((a, b) => (a.axe ?? '~').localeCompare(b.axe ?? '~')),
      }));
    });
  }

  /** Located projects of each territory, largest commitment first, in the batch's order: ONE query. */
  projects(territories: readonly TerritoryCommunes[]): Promise<FondsVertRecord[][]> {
    return guardMirror('reading Fonds Vert projects', async () => {
      if (territories.length === 0) return [];
      const { rows } = await sql<FondsVertRecord & { territory: string }>`
        select p.territory as territory, r.*
        from (${this.pairs(territories)}) as p
        join fonds_vert_project as r on r.commune_code = p.commune
        order by r.montant_engage_cents desc, r.record_key`.execute(this.store.db);
      const found = new Map<string, FondsVertRecord[]>();
      for (const { territory, ...record } of rows) {
        const list = found.get(territory) ?? [];
        list.push(record as FondsVertRecord);
        found.set(territory, list);
      }
      return territories.map(({ key }) => found.get(key) ?? []);
    });
  }

  /** Unlocated projects of each department, in the batch's order: ONE query. */
  unlocatedByDepartment(departments: readonly string[]): Promise<DepartmentUnlocated[]> {
    return guardMirror('counting unlocated Fonds Vert projects', async () => {
      if (departments.length === 0) return [];
      const rows = await this.store.db
        .selectFrom('fonds_vert_project')
        .select((eb) => [
          'department_code',
          eb.fn.countAll<number>().as('n'),
          eb.fn.sum<number>('montant_engage_cents').as('amount'),
        ])
        .where('commune_code', 'is', null)
        .where('department_code', 'in', [...new Set(departments)])
        .groupBy('department_code')
        .execute();
      const found = new Map(rows.map((r) => [r.department_code, r]));
      return departments.map((code) => ({
        departmentCode: code,
        count: Number(found.get(code)?.n ?? 0),
        amountCents: Number(found.get(code)?.amount ?? 0),
      }));
    });
  }

  // The territory→commune pairs travel as ONE JSON parameter (a national batch has tens of
  // thousands of communes, past both engines' bound-parameter limits).
  private pairs(territories: readonly TerritoryCommunes[]) {
    const pairs = JSON.stringify(territories.flatMap((t) => [...new Set(t.communes)].map((c) => [t.key, c])));
    return this.store.engine === 'postgres'
      ? sql`select distinct e->>0 as territory, e->>1 as commune from json_array_elements(${pairs}::json) as e`
      : sql`select distinct json_extract(value, '$[0]') as territory, json_extract(value, '$[1]') as commune from json_each(${pairs})`;
  }

  // The readers see a coded error naming the operator instead of a bare "fetch failed".
  private codedFetch(): typeof fetch {
    const inner = this.options.fetch ?? fetch;
    return async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      let response: Response;
      try {
        response = await inner(input, init);
      } catch (error) {
        const timedOut = init?.signal?.aborted === true;
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        throw new CodedError(
          timedOut ? ErrorCode.UPSTREAM_TIMEOUT : ErrorCode.UPSTREAM_UNAVAILABLE,
          `${OPERATOR_LABEL}: ${url} ${timedOut ? 'did not answer in time' : `could not be reached (${cause})`}`,
          { operator: OPERATOR_ID },
        );
      }
      if (response.status === 429 || response.status >= 500) {
        await response.body?.cancel().catch(() => undefined);
        throw new CodedError(
          response.status === 429 ? ErrorCode.UPSTREAM_RATE_LIMITED : ErrorCode.UPSTREAM_UNAVAILABLE,
          `${OPERATOR_LABEL}: ${url} answered HTTP ${response.status}`,
          { operator: OPERATOR_ID, status: response.status },
        );
      }
      return response;
    };
  }
}
