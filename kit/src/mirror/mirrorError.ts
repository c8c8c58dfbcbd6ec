// Turns an engine failure that means "the database is not there" into MIRROR_UNAVAILABLE, so a
// resolver can null the affected fields with a code instead of leaking a driver message.
import { CodedError, ErrorCode } from '../errors.js';

// PostgreSQL SQLSTATE classes 08 (connection), 57P (operator intervention: shutdown, terminated
// backend) and 53 (out of resources); Node socket errors; SQLite's "cannot use the file now".
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection (is )?closed/i,
  /the database connection is not open/i,
  /driver has already been destroyed/i,
  /Client has encountered a connection error/i,
];

/** True when `error` says the database cannot be reached or used right now (not a bad query). */
export function isMirrorUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_BUSY'))
      return true;
    if (/^(08|57P|53)/.test(code)) return true;
  }
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message));
}

/** Runs a mirror query; an unreachable database becomes a CodedError MIRROR_UNAVAILABLE. */
export async function guardMirror<T>(what: string, query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (error instanceof CodedError || !isMirrorUnavailable(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new CodedError(
      ErrorCode.MIRROR_UNAVAILABLE,
      `The mirror database is unavailable (${what}): ${message}`,
      {
        cause: (error as { code?: unknown }).code ?? null,
      },
    );
  }
}
