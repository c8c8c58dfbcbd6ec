// Batch reads for the subgraphs' DataLoaders: one SQL query per batch of keys, results in key
// order, and the summaries by axis computed by the database (GROUP BY), not in JavaScript loops.
import { sql, type Kysely, type Selectable } from 'kysely';
import { guardMirror } from './mirrorError.js';
import type { MirrorStore } from './openMirror.js';
import type { SourceTableName, SourceTables, SyncRejectTable, SyncStateTable } from './schema.js';

/** A territory (or any group) and the commune INSEE codes it covers. */
export interface TerritoryCommunes {
  key: string;
  communes: readonly string[];
}

/** Count and amount of one axis (null: records no mapping has given an axis yet). */
export interface AxisTotal {
  axis: string | null;
  count: number;
  /** Sum in cents; null for sources that publish no amount (France Relance). */
  amountCents: number | null;
}

/** One territory's totals, overall and by axis (axes sorted, null last). */
export interface TerritorySummary {
  key: string;
  count: number;
  amountCents: number | null;
  byAxis: AxisTotal[];
}

/** Source tables located by commune, which a territory summary can cover. */
export type CommuneTable =
  'cdc_subsidy' | 'france_relance_project' | 'france_2030_laureate' | 'ademe_aid' | 'fonds_vert_project';

/** The amount column of each commune table, in cents (null: the source publishes no amount). */
export const AMOUNT_COLUMN: Record<CommuneTable, string | null> = {
  cdc_subsidy: 'montant_cents',
  france_relance_project: null,
  france_2030_laureate: 'montant_aide_cents',
  ademe_aid: 'montant_cents',
  fonds_vert_project: 'montant_engage_cents',
};

type Row = Record<string, unknown>;

/** Totals by axis for each territory of the batch, in the batch's order, in ONE query. */
export function summarizeByAxis(
  store: MirrorStore,
  table: CommuneTable,
  territories: readonly TerritoryCommunes[],
): Promise<TerritorySummary[]> {
  return guardMirror(`summarizing ${table} by axis`, async () => {
    if (territories.length === 0) return [];
    // The territory→commune pairs travel as ONE JSON parameter: a batch of 183 territories has
    // tens of thousands of communes, past both engines' bound-parameter limits.
    const pairs = JSON.stringify(territories.flatMap((t) => t.communes.map((c) => [t.key, c])));
    const pairRows =
      store.engine === 'postgres'
        ? sql`select e->>0 as territory, e->>1 as commune from json_array_elements(${pairs}::json) as e`
        : sql`select json_extract(value, '$[0]') as territory, json_extract(value, '$[1]') as commune from json_each(${pairs})`;
    const amountColumn = AMOUNT_COLUMN[table];
    const amount = amountColumn ? sql`sum(r.${sql.ref(amountColumn)})` : sql`null`;
    const { rows } = await sql<{ territory: string; axis: string | null; n: number; amount: number | null }>`
      select p.territory as territory, r.axis as axis, count(*) as n, ${amount} as amount
      from (select distinct territory, commune from (${pairRows}) as pairs) as p
      join ${sql.table(table)} as r on r.commune_code = p.commune
      group by p.territory, r.axis`.execute(store.db);
    const byTerritory = new Map<string, AxisTotal[]>();
    for (const row of rows) {
      const list = byTerritory.get(row.territory) ?? [];
      list.push({
        axis: row.axis,
        count: Number(row.n),
        amountCents: row.amount === null ? null : Number(row.amount),
      });
      byTerritory.set(row.territory, list);
    }
    return territories.map(({ key }) => {
      const byAxis = (byTerritory.get(key) ?? []).sort((a, b) =>
        (a.axis ?? '\uffff').localeCompare(b.axis ?? '\uffff'),
      );
      return {
        key,
        count: byAxis.reduce((n, a) => n + a.count, 0),
        amountCents: amountColumn ? byAxis.reduce((n, a) => n + (a.amountCents ?? 0), 0) : null,
        byAxis,
      };
    });
  });
}

/**
 * Records of `table` for each commune code, in key order, in one query; only `columns` when given
 * (a list that shows few of its records need not read them whole).
 */
export function recordsByCommune<
  T extends CommuneTable | 'france_travail_offer',
  K extends keyof Selectable<SourceTables[T]> & string = keyof Selectable<SourceTables[T]> & string,
>(
  store: MirrorStore,
  table: T,
  communes: readonly string[],
  columns?: readonly K[],
): Promise<Pick<Selectable<SourceTables[T]>, K>[][]> {
  return groupedLookup(store, table, 'commune_code', communes, columns) as Promise<
    Pick<Selectable<SourceTables[T]>, K>[][]
  >;
}

/**
 * The record of `table` with each key (undefined where none), in key order, in one query; only
 * `columns` when given.
 */
export async function recordsByKey<
  T extends SourceTableName,
  K extends keyof Selectable<SourceTables[T]> & string = keyof Selectable<SourceTables[T]> & string,
>(
  store: MirrorStore,
  table: T,
  keys: readonly string[],
  columns?: readonly K[],
): Promise<(Pick<Selectable<SourceTables[T]>, K> | undefined)[]> {
  const found = await groupedLookup(store, table, 'record_key', keys, columns);
  return found.map((list) => list[0]);
}

/** Records of `table` for each SIREN, in key order, in one query. */
export function recordsBySiren<T extends SourceTableName>(
  store: MirrorStore,
  table: T,
  sirens: readonly string[],
): Promise<Selectable<SourceTables[T]>[][]> {
  return groupedLookup(store, table, 'siren', sirens);
}

/** Records of `table` for each department code, in key order, in one query. */
export function recordsByDepartment<T extends SourceTableName>(
  store: MirrorStore,
  table: T,
  departments: readonly string[],
): Promise<Selectable<SourceTables[T]>[][]> {
  return groupedLookup(store, table, 'department_code', departments);
}

/** SIRENs of unlocated records (any commune table) with no company_location yet: what to look up. */
export function unlocatedSirens(store: MirrorStore, limit = 10_000): Promise<string[]> {
  return guardMirror('listing unlocated SIRENs', async () => {
    const tables: CommuneTable[] = [
      'cdc_subsidy',
      'france_relance_project',
      'ademe_aid',
      'fonds_vert_project',
    ];
    const union = sql.join(
      tables.map(
        (t) => sql`select siren from ${sql.table(t)} where commune_code is null and siren is not null`,
      ),
      sql` union `,
    );
    const { rows } = await sql<{ siren: string }>`
      select u.siren as siren from (${union}) as u
      where not exists (select 1 from company_location c where c.siren = u.siren)
      order by u.siren limit ${limit}`.execute(store.db);
    return rows.map((r) => r.siren);
  });
}

/** Freshness of every synced source (or of those named), by source name. */
export function readSyncStates(store: MirrorStore, sources?: readonly string[]): Promise<SyncStateTable[]> {
  return guardMirror('reading sync state', () => {
    let query = store.db.selectFrom('sync_state').selectAll().orderBy('source');
    if (sources) query = query.where('source', 'in', sources.length > 0 ? [...sources] : ['']);
    return query.execute();
  });
}

/** Rejected rows stored by a source's latest sync that read rows. */
export function readRejects(store: MirrorStore, source: string): Promise<SyncRejectTable[]> {
  return guardMirror('reading rejects', () =>
    store.db.selectFrom('sync_reject').selectAll().where('source', '=', source).execute(),
  );
}

/**
 * Past this many places in one batch (a region, the national picture), a read takes every located
 * row and keeps the places asked: the programme's places are a large share of any located table,
 * and binding and probing thousands of places costs more than reading the rest.
 */
export const MANY_PLACES = 500;

/** Columns that hold a place: a batch of many of them reads the located rows whole. */
const PLACE_COLUMNS = new Set(['commune_code', 'department_code', 'epci_siren']);

async function groupedLookup<T extends SourceTableName>(
  store: MirrorStore,
  table: T,
  column: string,
  keys: readonly string[],
  columns?: readonly string[],
): Promise<Selectable<SourceTables[T]>[][]> {
  return guardMirror(`reading ${table} by ${column}`, async () => {
    if (keys.length === 0) return [];
    const unique = [...new Set(keys)];
    const db = store.db as unknown as Kysely<Record<string, Row>>;
    const found = new Map<string, Row[]>();
    const picked = columns ? [...new Set([...columns, column, 'record_key'])] : undefined;
    const select = () => {
      const from = db.selectFrom(table as string);
      return picked ? from.select(picked) : from.selectAll();
    };
    const ordered = <Q extends { orderBy(column: string): Q }>(query: Q) =>
      column === 'record_key' ? query.orderBy(column) : query.orderBy(column).orderBy('record_key');
    const keep = (rows: Row[], asked?: ReadonlySet<string>) => {
      for (const row of rows) {
        const key = String(row[column]);
        if (asked && !asked.has(key)) continue;
        const list = found.get(key);
        if (list) list.push(row);
        else found.set(key, [row]);
      }
    };
    // Each key's rows in key order; ordered by the looked-up column first, so an index that
    // starts with it (and holds the columns picked) answers without a sort.
    if (PLACE_COLUMNS.has(column) && unique.length > MANY_PLACES) {
      keep(await ordered(select().where(column, 'is not', null)).execute(), new Set(unique));
    } else {
      // Chunked only past SQLite's parameter limit; a DataLoader batch is far below it.
      for (let i = 0; i < unique.length; i += 30_000) {
        keep(await ordered(select().where(column, 'in', unique.slice(i, i + 30_000))).execute());
      }
    }
    return keys.map((key) => (found.get(key) ?? []) as Selectable<SourceTables[T]>[]);
  });
}

/**
 * How many records of `table` have no commune, for each department in `departments` (in that
 * order, 0 where none): what a territory in the department may be missing. One SQL query.
 */
export async function unlocatedByDepartment(
  store: MirrorStore,
  table: CommuneTable,
  departments: readonly string[],
): Promise<number[]> {
  if (departments.length === 0) return [];
  const db = store.db as unknown as Kysely<Record<CommuneTable, SourceTables['ademe_aid']>>;
  const rows = await guardMirror(`counting unlocated records of ${table}`, () =>
    db
      .selectFrom(table)
      .select(['department_code', sql<number>`count(*)`.as('n')])
      .where('commune_code', 'is', null)
      .where('department_code', 'in', [...new Set(departments)])
      .groupBy('department_code')
      .execute(),
  );
  const counts = new Map(rows.map((r) => [r.department_code, Number(r.n)]));
  return departments.map((d) => counts.get(d) ?? 0);
}
