// Turns a GraphQL result into CSV a spreadsheet opens directly: one row per item of a chosen
// list, nested fields flattened into dotted columns (`region.name`), lists of scalars joined,
// RFC 4180 quoting, a UTF-8 BOM so accents survive, and French conventions on request
// (`;` separator, decimal comma, dates dd/mm/yyyy). Rows that say where their values come from
// (`illustrative` flags, `source { dataset retrievedAt }` anywhere in the row) get provenance
// columns: `illustrative` (true when any value of the row is illustrative), `source.dataset` and
// `source.retrievedAt` (every source of the row), so simulated figures never pass for real ones.

/** Options of {@link toCsv}. */
export interface CsvOptions {
  /** `fr`: `;` separator, decimal comma, dd/mm/yyyy dates. `en` (default): `,`, decimal point, ISO dates. */
  locale?: CsvLocale;
}

/** The two conventions the export knows. */
export type CsvLocale = 'en' | 'fr';

/** A table: column names in order, then one row of cells per item. */
export interface CsvTable {
  columns: string[];
  rows: string[][];
}

/** What joins the values of a list inside one cell (a separator neither locale uses). */
export const LIST_JOINER = ' | ';
const BOM = '\uFEFF';

/**
 * The items at a dotted path of a result's `data` (`territories.nodes`). A list met on the way is
 * flattened: `regions.territories` gives every territory of every region.
 */
export function itemsAt(data: unknown, path: string): unknown[] | undefined {
  let current: unknown[] = [data];
  let sawList = false;
  for (const key of path.split('.').filter(Boolean)) {
    const next: unknown[] = [];
    for (const value of current) {
      if (!isRecord(value) || !(key in value)) continue;
      const child = value[key];
      if (Array.isArray(child)) {
        sawList = true;
        next.push(...child);
      } else next.push(child);
    }
    if (!current.some((v) => isRecord(v) && key in v)) {
      // A null on the way (a territory that does not exist) means no items, not a wrong path.
      return current.length > 0 && current.every((v) => v === null) ? [] : undefined;
    }
    current = next;
  }
  return sawList ? current : undefined;
}

/** Every dotted path of `data` that leads to a list, in document order: the choices for an export. */
export function listPaths(data: unknown, maxDepth = 6): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, prefix: string, depth: number) => {
    if (depth > maxDepth) return;
    if (Array.isArray(value)) {
      if (prefix) found.add(prefix);
      // The first item that is an object stands for the others' shape.
      const sample = value.find(isRecord);
      if (sample) walk(sample, prefix, depth + 1);
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value))
      walk(child, prefix ? `${prefix}.${key}` : key, depth + 1);
  };
  walk(data, '', 0);
  return [...found];
}

/** Flattens items into a table: dotted columns in first-seen order, one row per item. */
export function toTable(items: unknown[], locale: CsvLocale = 'en', scalarColumn = 'value'): CsvTable {
  const records = items.map((item) => {
    const cells = new Map<string, string[]>();
    flatten(item, isRecord(item) ? '' : scalarColumn, cells, locale);
    return cells;
  });
  const seen = new Set<string>();
  for (const record of records) for (const column of record.keys()) seen.add(column);
  // A column that was null in some rows and an object in others keeps only its sub-columns.
  const columns = [...seen].filter((c) => ![...seen].some((other) => other.startsWith(`${c}.`)));
  return withProvenance({
    columns,
    rows: records.map((record) => columns.map((column) => (record.get(column) ?? []).join(LIST_JOINER))),
  });
}

/** The provenance columns a table gets when its rows carry provenance (see the file header). */
export const PROVENANCE_COLUMNS = ['illustrative', 'source.dataset', 'source.retrievedAt'] as const;

const PROVENANCE_PATTERNS: Record<(typeof PROVENANCE_COLUMNS)[number], RegExp> = {
  illustrative: /(^|\.)illustrative$/,
  'source.dataset': /(^|\.)source\.dataset$/,
  'source.retrievedAt': /(^|\.)source\.retrievedAt$/,
};

/**
 * Adds (or, for a row-level column already there, fills) the provenance columns from every
 * provenance cell of each row. A table without any provenance is returned unchanged.
 */
function withProvenance(table: CsvTable): CsvTable {
  const sourcesOf = (name: (typeof PROVENANCE_COLUMNS)[number]) =>
    table.columns.flatMap((column, index) => (PROVENANCE_PATTERNS[name].test(column) ? [index] : []));
  const flags = sourcesOf('illustrative');
  if (flags.length === 0 && sourcesOf('source.dataset').length === 0) return table;
  const columns = [...table.columns];
  for (const name of PROVENANCE_COLUMNS) if (!columns.includes(name)) columns.push(name);
  const derive = (row: string[], name: (typeof PROVENANCE_COLUMNS)[number]): string => {
    const values = sourcesOf(name).flatMap((i) => (row[i] ? row[i].split(LIST_JOINER) : []));
    if (name !== 'illustrative') return [...new Set(values)].join(LIST_JOINER);
    return values.includes('true') ? 'true' : values.includes('false') ? 'false' : '';
  };
  const rows = table.rows.map((row) => {
    const derived = new Map(PROVENANCE_COLUMNS.map((name) => [name, derive(row, name)] as const));
    return columns.map((column, index) =>
      derived.has(column as (typeof PROVENANCE_COLUMNS)[number])
        ? derived.get(column as (typeof PROVENANCE_COLUMNS)[number])!
        : (row[index] ?? ''),
    );
  });
  return { columns, rows };
}

/** CSV text of a table: BOM, header line, CRLF line ends, quoting where needed. */
export function tableToCsv(table: CsvTable, locale: CsvLocale = 'en'): string {
  const separator = locale === 'fr' ? ';' : ',';
  const line = (cells: string[]) => cells.map((cell) => quote(cell, separator)).join(separator);
  return `${BOM}${[table.columns, ...table.rows].map(line).join('\r\n')}\r\n`;
}

/** The whole conversion: the list at `path` of `data`, as CSV text. */
export function toCsv(data: unknown, path: string, options: CsvOptions = {}): string {
  const items = itemsAt(data, path);
  if (!items) throw new Error(`"${path}" does not lead to a list in the result`);
  const locale = options.locale ?? 'en';
  return tableToCsv(toTable(items, locale, path.split('.').at(-1) || 'value'), locale);
}

function flatten(value: unknown, column: string, cells: Map<string, string[]>, locale: CsvLocale): void {
  if (Array.isArray(value)) {
    // A list inside an item: each sub-column joins the values of every element.
    if (value.length === 0 && !cells.has(column)) cells.set(column, []);
    for (const element of value) flatten(element, column, cells, locale);
    return;
  }
  if (isRecord(value)) {
    for (const [key, child] of Object.entries(value))
      flatten(child, column ? `${column}.${key}` : key, cells, locale);
    return;
  }
  const list = cells.get(column) ?? [];
  if (value !== null && value !== undefined) list.push(formatValue(value, locale));
  cells.set(column, list);
}

/** One scalar as spreadsheet text in a locale. */
export function formatValue(value: unknown, locale: CsvLocale): string {
  if (typeof value === 'number') return locale === 'fr' ? String(value).replace('.', ',') : String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return JSON.stringify(value) ?? '';
  if (locale === 'fr') {
    const date = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?))?/.exec(value);
    if (date && (value.length === 10 || value[10] === 'T'))
      return `${date[3]}/${date[2]}/${date[1]}${date[4] ? ` ${date[4]}` : ''}`;
  }
  // A text starting like a formula would run in the spreadsheet: make it plain text.
  return /^[=+@\t\r]|^-[^\d.]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quote a cell holding the separator, a quote or a line break; double its quotes. */
function quote(cell: string, separator: string): string {
  return cell.includes(separator) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
