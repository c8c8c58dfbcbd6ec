// A streaming CSV reader: rows come out as chunks arrive, so a 100 MB export never sits in memory
// whole. RFC 4180 quoting, CRLF or LF, a BOM on the first column, `;` or `,` guessed from the header.
import type { SourcedRow } from '../sourceDefinition.js';

/** Splits CSV text fed in chunks into rows of fields. */
export class CsvSplitter {
  private field = '';
  private row: string[] = [];
  private quoted = false;
  // A quote just closed: the next char decides between an escaped quote and the field's end.
  private quoteClosed = false;
  private pendingCr = false;
  private started = false;

  constructor(private separator: string | null = null) {}

  /** Feeds one chunk; returns the rows it completed. */
  push(chunk: string): string[][] {
    const rows: string[][] = [];
    let i = 0;
    if (!this.started) {
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
      this.started = chunk.length > i;
      if (this.separator === null) this.separator = guessSeparator(chunk.slice(i));
    }
    for (; i < chunk.length; i++) {
      const ch = chunk[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (ch === '\n') continue;
      }
      if (this.quoted) {
        if (ch === '"') {
          this.quoted = false;
          this.quoteClosed = true;
        } else this.field += ch;
        continue;
      }
      if (ch === '"') {
        if (this.quoteClosed) this.field += '"';
        this.quoted = true;
        this.quoteClosed = false;
        continue;
      }
      this.quoteClosed = false;
      if (ch === this.separator) {
        this.row.push(this.field);
        this.field = '';
      } else if (ch === '\n' || ch === '\r') {
        this.pendingCr = ch === '\r';
        this.row.push(this.field);
        rows.push(this.row);
        this.row = [];
        this.field = '';
      } else this.field += ch;
    }
    return rows;
  }

  /** Ends the input; an open quote means the file was cut short. */
  end(): string[][] {
    if (this.quoted) throw new Error('CSV ends inside a quoted field: the file is truncated');
    if (this.field === '' && this.row.length === 0) return [];
    this.row.push(this.field);
    const last = this.row;
    this.row = [];
    this.field = '';
    return [last];
  }
}

function guessSeparator(headerStart: string): string {
  const line = headerStart.split(/\r?\n/, 1)[0] ?? '';
  return (line.match(/;/g)?.length ?? 0) > (line.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** Turns text chunks into records keyed by the header's column names, numbered by line. */
export async function* csvRecords(
  chunks: AsyncIterable<string>,
  separator: string | null = null,
): AsyncIterable<SourcedRow> {
  const splitter = new CsvSplitter(separator);
  let header: string[] | null = null;
  let rowNumber = 0;
  function* emit(rows: string[][]): Iterable<SourcedRow> {
    for (const fields of rows) {
      if (!header) {
        header = fields.map((name) => name.trim());
        continue;
      }
      rowNumber++;
      if (fields.length === 1 && fields[0] === '') continue;
      const raw: Record<string, string> = {};
      header.forEach((name, index) => (raw[name] = fields[index] ?? ''));
      const ref = `row ${rowNumber}`;
      yield fields.length === header.length
        ? { raw, ref }
        : { raw, ref, malformed: `expected ${header.length} columns, got ${fields.length}` };
    }
  }
  for await (const chunk of chunks) yield* emit(splitter.push(chunk));
  yield* emit(splitter.end());
}
