// What a row parser answers: a record ready for the mirror, or a coded reason to reject the row.

/** Why an upstream row was not loaded; stored in sync_reject.reason. */
export type RejectReason =
  | 'NOT_AN_OBJECT'
  | 'MALFORMED_ROW'
  | 'MISSING_FIELD'
  | 'INVALID_AMOUNT'
  | 'INVALID_DATE'
  | 'INVALID_COMPANY_ID'
  | 'INVALID_DEPARTMENT'
  | 'INVALID_COMMUNE'
  | 'INVALID_COUNT'
  | 'INVALID_COORDINATES'
  | 'DUPLICATE_RECORD';

/** A rejection with the reason code and what was wrong, quoting the offending value. */
export interface Rejection {
  reason: RejectReason;
  detail: string;
}

/** Outcome of parsing one raw upstream row. */
export type ParseResult<T> = { ok: T } | { rejected: Rejection };

/** A raw upstream row as read (CSV columns as strings, JSON values as they came). */
export type RawRow = Record<string, unknown>;

/** Thrown inside a parser to reject the row; {@link rejecting} turns it into a result. */
export class RowRejected extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.detail);
  }
}

/** Rejects the current row with `reason`. */
export function reject(reason: RejectReason, detail: string): never {
  throw new RowRejected({ reason, detail });
}

/** Runs a parser body written with {@link reject}; any other error is a parser bug and propagates. */
export function rejecting<T>(body: () => T): ParseResult<T> {
  try {
    return { ok: body() };
  } catch (error) {
    if (error instanceof RowRejected) return { rejected: error.rejection };
    throw error;
  }
}
