// What a sync did, in words: per source its records, its rejected rows by reason and its
// unlocated records by reason, and how long it took. `npm run sync` prints it.
import { sql } from 'kysely';
import { guardMirror } from './mirrorError.js';
import type { MirrorStore } from './openMirror.js';
import { locatedColumnOf } from './runSync.js';
import type { SourceTableName } from './schema.js';
import type { TimedSyncResult } from './syncService.js';

/** A count for one reason. */
export interface ReasonCount {
  reason: string;
  count: number;
}

/** The details printed under one source's line. */
export interface SourceReportDetails {
  rejected: ReasonCount[];
  unlocated: ReasonCount[];
}

/** Rejected rows of the source's latest sync that read rows, by reason (stored rejects only). */
export function rejectsByReason(store: MirrorStore, source: string): Promise<ReasonCount[]> {
  return guardMirror('counting rejects', async () => {
    const rows = await store.db
      .selectFrom('sync_reject')
      .select(['reason', (eb) => eb.fn.countAll<number>().as('n')])
      .where('source', '=', source)
      .groupBy('reason')
      .orderBy('reason')
      .execute();
    return rows.map((r) => ({ reason: r.reason, count: Number(r.n) }));
  });
}

/**
 * Unlocated records of a table by reason: no company id to look up (`NO_COMPANY_ID`), an EPCI
 * beneficiary known by its SIREN but whose head-office commune the company registry has not given
 * yet (`EPCI_WITHOUT_COMMUNE`: territory reads still find it by its EPCI), or a SIREN the company
 * registry has not located (`NOT_IN_COMPANY_REGISTRY`). BMO rows sit in departments; a France
 * Travail offer without a commune names only its department (`DEPARTMENT_ONLY`).
 */
export function unlocatedByReason(store: MirrorStore, table: SourceTableName): Promise<ReasonCount[]> {
  return guardMirror('counting unlocated records', async () => {
    const located = locatedColumnOf(table);
    if (!located) return [];
    const reason =
      table === 'bmo_row'
        ? sql<string>`'NO_DEPARTMENT'`
        : table === 'france_travail_offer'
          ? sql<string>`'DEPARTMENT_ONLY'`
          : sql<string>`case when siren is null then 'NO_COMPANY_ID'
          when epci_siren = siren then 'EPCI_WITHOUT_COMMUNE' else 'NOT_IN_COMPANY_REGISTRY' end`;
    const { rows } = await sql<{ reason: string; n: number }>`
      select ${reason} as reason, count(*) as n from ${sql.table(table)}
      where ${sql.ref(located)} is null group by 1 order by 1`.execute(store.db);
    return rows.map((r) => ({ reason: r.reason, count: Number(r.n) }));
  });
}

/** One source's report: a summary line, then its reasons indented. */
export function formatSourceReport(result: TimedSyncResult, details?: SourceReportDetails): string {
  const seconds = (result.durationMs / 1000).toFixed(1);
  const head = `${result.source}: ${result.status}`;
  const lines: string[] = [];
  switch (result.status) {
    case 'loaded':
      lines.push(
        `${head} (${result.mode ?? 'full'}) in ${seconds} s: ${n(result.read)} read, ${n(result.loaded)} loaded, ${n(result.rejected)} rejected; ${n(result.recordCount)} records, ${n(result.unlocatedCount)} unlocated`,
      );
      break;
    case 'unchanged':
      lines.push(
        `${head} in ${seconds} s: nothing changed upstream; ${n(result.recordCount)} records, ${n(result.unlocatedCount)} unlocated`,
      );
      break;
    case 'locked':
      lines.push(`${head}: another sync of this source is running; nothing done`);
      break;
    case 'failed':
      lines.push(
        `${head} after ${seconds} s: ${result.error?.code ?? 'ERROR'}: ${result.error?.message ?? 'unknown error'}`,
        `  the previous copy keeps serving, unchanged`,
      );
      break;
    default: {
      const unreachable: never = result.status;
      throw new Error(`Unknown sync status ${String(unreachable)}`);
    }
  }
  if (details && result.status === 'loaded') {
    for (const r of details.rejected) lines.push(`  rejected ${r.reason}: ${n(r.count)}`);
    for (const r of details.unlocated) lines.push(`  unlocated ${r.reason}: ${n(r.count)}`);
  }
  return lines.join('\n');
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}
