// Batch reads by territory for sources whose beneficiaries are often local authorities: a record
// belongs to a territory when its commune is one of the territory's communes, or, still without a
// commune, when its EPCI is one of the territory's groupements. ONE query per batch of territories,
// answers in the batch's order; the summaries by axis are computed by the database.
import { sql, type RawBuilder, type Selectable } from 'kysely';
import { guardMirror } from './mirrorError.js';
import type { MirrorStore } from './openMirror.js';
import { AMOUNT_COLUMN, type CommuneTable, type TerritorySummary, type AxisTotal } from './queries.js';
import type { SourceTables } from './schema.js';

/** A territory, its communes (INSEE) and its groupements (EPCI SIRENs). */
export interface TerritoryScope {
  key: string;
  communes: readonly string[];
  epciSirens: readonly string[];
}

/** Every record of `table` in each territory, in the batch's order, newest record key last. */
export function recordsByTerritory<T extends CommuneTable>(
  store: MirrorStore,
  table: T,
  territories: readonly TerritoryScope[],
): Promise<Selectable<SourceTables[T]>[][]> {
  return guardMirror(`reading ${table} by territory`, async () => {
    if (territories.length === 0) return [];
    const { rows } = await sql<Record<string, unknown> & { scope_key: string }>`
      ${matches(store, table, territories, sql`r.*`)}
      order by scope_key, record_key`.execute(store.db);
    const found = new Map<string, Selectable<SourceTables[T]>[]>();
    for (const { scope_key: key, ...record } of rows) {
      const list = found.get(key) ?? [];
      list.push(record as Selectable<SourceTables[T]>);
      found.set(key, list);
    }
    return territories.map((t) => found.get(t.key) ?? []);
  });
}

/** Count and amount of each territory's records, in total and by axis, in ONE query. */
export function summarizeTerritories(
  store: MirrorStore,
  table: CommuneTable,
  territories: readonly TerritoryScope[],
): Promise<TerritorySummary[]> {
  return guardMirror(`summarizing ${table} by territory`, async () => {
    if (territories.length === 0) return [];
    const amountColumn = AMOUNT_COLUMN[table];
    const amount = amountColumn ? sql`sum(m.${sql.ref(amountColumn)})` : sql`null`;
    const picked = amountColumn ? sql`r.axis, r.${sql.ref(amountColumn)}` : sql`r.axis`;
    const { rows } = await sql<{ scope_key: string; axis: string | null; n: number; amount: number | null }>`
      select m.scope_key as scope_key, m.axis as axis, count(*) as n, ${amount} as amount
      from (${matches(store, table, territories, picked)}) as m
      group by m.scope_key, m.axis`.execute(store.db);
    const byKey = new Map<string, AxisTotal[]>();
    for (const row of rows) {
      const list = byKey.get(row.scope_key) ?? [];
      list.push({
        axis: row.axis,
        count: Number(row.n),
        amountCents: row.amount === null ? null : Number(row.amount),
      });
      byKey.set(row.scope_key, list);
    }
    return territories.map(({ key }) => {
      const byAxis = (byKey.get(key) ?? []).sort((a, b) =>
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

// "No commune yet". SQLite would otherwise probe the commune index for nulls and filter by EPCI
// (20 ms on the CDC subsidies); the unary plus keeps it on the EPCI index (4 ms). PostgreSQL
// plans this well by itself.
function unlocated(store: MirrorStore): RawBuilder<unknown> {
  return store.engine === 'sqlite' ? sql`+r.commune_code is null` : sql`r.commune_code is null`;
}

// (territory, record columns) rows, each record once per territory: by commune when it has one,
// else by EPCI, so the two branches never meet. The scope travels as ONE JSON parameter (183
// territories hold tens of thousands of communes, past the engines' parameter limits) and is
// materialized once, so each of its rows probes the table's commune or EPCI index.
function matches(
  store: MirrorStore,
  table: CommuneTable,
  territories: readonly TerritoryScope[],
  columns: RawBuilder<unknown>,
) {
  const pairs = JSON.stringify(
    territories.flatMap((t) => [
      ...t.communes.map((code) => [t.key, 'c', code]),
      ...t.epciSirens.map((siren) => [t.key, 'e', siren]),
    ]),
  );
  const scope =
    store.engine === 'postgres'
      ? sql`select distinct e->>0 as scope_key, e->>1 as kind, e->>2 as code from json_array_elements(${pairs}::json) as e`
      : sql`select distinct json_extract(value, '$[0]') as scope_key, json_extract(value, '$[1]') as kind, json_extract(value, '$[2]') as code from json_each(${pairs})`;
  const t = sql.table(table);
  return sql`
    with scope as materialized (${scope})
    select s.scope_key as scope_key, ${columns}
    from scope as s join ${t} as r on r.commune_code = s.code
    where s.kind = 'c'
    union all
    select s.scope_key as scope_key, ${columns}
    from scope as s join ${t} as r on r.epci_siren = s.code
    where s.kind = 'e' and ${unlocated(store)}`;
}
