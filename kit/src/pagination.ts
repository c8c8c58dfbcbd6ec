// Cursor pagination over in-memory lists, with the argument checks every connection shares.
import { CodedError, ErrorCode } from './errors.js';

/** Relay-style page information. */
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** One page of a list: its items, the total, and where to resume. */
export interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

/** Arguments of a paginated field. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Opaque cursor for a position in a list. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

/** Reads a cursor made by {@link encodeCursor}; anything else is an INVALID_CURSOR error. */
export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^o:(\d{1,9})$/.exec(text);
  if (!match)
    throw new CodedError(ErrorCode.INVALID_CURSOR, `Cursor "${cursor}" was not issued by this API.`);
  return Number(match[1]);
}

/** Checks a `first` argument: between 0 and `max`, defaulting to `fallback`. */
export function checkPageSize(first: number | null | undefined, max: number, fallback: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > max) {
    throw new CodedError(
      ErrorCode.PAGE_SIZE_OUT_OF_RANGE,
      `"first" must be an integer between 0 and ${max}; got ${String(first)}.`,
      { max, received: first },
    );
  }
  return size;
}

/** Cuts one page out of a list already filtered and sorted. */
export function paginate<T>(
  items: readonly T[],
  args: PageArgs,
  limits: { max: number; fallback: number },
): Connection<T> {
  const size = checkPageSize(args.first, limits.max, limits.fallback);
  const start = args.after ? decodeCursor(args.after) + 1 : 0;
  const nodes = items.slice(start, start + size);
  const last = start + nodes.length - 1;
  return {
    nodes,
    totalCount: items.length,
    pageInfo: {
      hasNextPage: last + 1 < items.length,
      endCursor: nodes.length > 0 ? encodeCursor(last) : null,
    },
  };
}
