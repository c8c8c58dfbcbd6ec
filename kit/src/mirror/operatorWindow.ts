// An operator's window: the records of a live API without a bulk export (VTE, Business France,
// DGEFP, APEC, Action Logement), read for every place of the programme by a sync ahead of the
// queries and kept in the mirror, so that even the national picture reads them with one SQL query
// per batch instead of paging the API under its rate limit. It is a mirrored source like the open
// datasets: staging and one-transaction swap (a call that fails keeps the previous window whole), a
// lease against two syncs at once, each malformed record rejected with its reason, freshness in
// sync_state. These APIs have no modification filter, so every sync reads the window whole.
//
// The operator gives its record families (kinds): how to check a raw item (the same checks as its
// live client) and where the record sits; and, for each sync, an upstream session that reads every
// raw item of a kind through the operator's real protocol (paced under its rate, 429s waited out).
import type { Insertable } from 'kysely';
import { departmentOfCommune } from '../reference/companyIds.js';
import type { ParseResult, RawRow } from './parsers/parseResult.js';
import type { OperatorWindowTable, WindowTableName } from './schema.js';
import type { SourceDefinition, SourcedRow, UpstreamAnswer } from './sourceDefinition.js';

/** Where a window record sits, and its id within its kind. */
export interface WindowPlace {
  id: string;
  commune?: string | null;
  /** Derived from the commune when absent. */
  department?: string | null;
  epci?: string | null;
  siren?: string | null;
}

/** One family of records of a window (offers, aids…). */
export interface WindowKind<T> {
  kind: string;
  /** Checks one raw item as the live client does; throws a plain Error naming what is wrong. */
  parse(raw: unknown, index: number): T;
  place(record: T): WindowPlace;
}

/** A record family, typed where it is written and held with the others. */
export function windowKind<T>(kind: WindowKind<T>): WindowKind<unknown> {
  return kind as WindowKind<unknown>;
}

/** The upstream as one sync reads it. */
export interface WindowSession {
  /** Every raw item of a kind, for every place of the programme, in the upstream's order. */
  read(kind: string): Promise<readonly unknown[]>;
  close(): void;
}

/** What makes an operator's window a mirrored source. */
export interface OperatorWindowDefinition {
  /** Its name in sync_state, /ready and `npm run sync`. */
  name: string;
  table: WindowTableName;
  /** Its record families, each made with {@link windowKind}. */
  kinds: readonly WindowKind<unknown>[];
  /** Time between two syncs (0: only on demand). */
  intervalMs: number;
  /** Opens the upstream for one sync. */
  open(): WindowSession;
}

/** A raw item as the object a record parser reads; throws when it is not one. */
export function asRecord(raw: unknown, index: number): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`item ${index} is not a JSON object`);
  return raw as Record<string, unknown>;
}

/** A raw row of a window: one upstream item, its kind, its index in its read and its rank. */
interface WindowItem {
  kind: string;
  index: number;
  position: number;
  item: unknown;
}

/** The window as a mirrored source. */
export function operatorWindowSource(definition: OperatorWindowDefinition): SourceDefinition {
  const kinds = new Map(definition.kinds.map((k) => [k.kind, k]));
  return {
    name: definition.name,
    table: definition.table,
    intervalMs: definition.intervalMs,
    read: () => Promise.resolve(readWindow(definition)),
    parse: (raw: RawRow): ParseResult<Insertable<OperatorWindowTable>> => {
      const { kind, index, position, item } = raw as unknown as WindowItem;
      const family = kinds.get(kind)!;
      let record: unknown;
      try {
        record = family.parse(item, index);
      } catch (error) {
        return {
          rejected: {
            reason: 'MALFORMED_ROW',
            detail: `${kind}: ${error instanceof Error ? error.message : String(error)}`,
          },
        };
      }
      const place = family.place(record);
      const commune = place.commune ?? null;
      return {
        ok: {
          record_key: `${kind}:${place.id}`,
          kind,
          position,
          siren: place.siren ?? null,
          payload: JSON.stringify(record),
          commune_code: commune,
          department_code: place.department ?? (commune ? departmentOfCommune(commune) : null),
          epci_siren: place.epci ?? null,
          axis: null,
        },
      };
    },
  } as SourceDefinition;
}

function readWindow(definition: OperatorWindowDefinition): UpstreamAnswer {
  async function* rows(): AsyncIterable<SourcedRow> {
    const session = definition.open();
    try {
      // The kinds are read side by side (the session's client paces every call anyway), then
      // handed over in order; a kind that fails aborts the sync and the previous window stays.
      const reads = definition.kinds.map((k) => session.read(k.kind));
      for (const reading of reads) reading.catch(() => undefined);
      let position = 0;
      for (const [k, reading] of reads.entries()) {
        const kind = definition.kinds[k]!.kind;
        for (const [index, item] of (await reading).entries()) {
          const raw: WindowItem = { kind, index, position: position++, item };
          yield { raw: raw as unknown as RawRow, ref: `${kind}[${index}]` };
        }
      }
    } finally {
      session.close();
    }
  }
  return { mode: 'full', rows: rows(), cursor: () => ({}) };
}
