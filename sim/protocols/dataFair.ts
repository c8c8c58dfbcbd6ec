// A data-fair portal (data.ademe.fr runs data-fair) over in-memory datasets: a dataset's
// metadata (`GET …/datasets/{id}`, with `dataUpdatedAt`) and its `lines` (`q` full text, `qs`
// field queries, `select`, `sort`, `size`, `after` paging and column filters
// `<col>_eq|_in|_gte|_gt|_lte|_lt|_exists`), answering `{total, results, next}` where `next` is
// the full URL of the following page. Errors are text/plain, as data-fair sends them.
// Dataset ids may hold characters clients encode differently (ADEME's apostrophe arrives as `'`
// or `%27`): the id is matched once decoded. Pure: no port, no clock.
//
// Shape status: the `lines` envelope `{total, results, next}`, following `next`, and the empty
// page with `total: 0` that follows the last one are DOCUMENTED ONLY (public client code: a Go
// ingester and Python collectors; no recorded response exists). The metadata fields served are
// the ones the mirror's reader needs (`id`, `title`, `dataUpdatedAt`, `count`).
import type { SimResponse } from '../kit/simulator.js';

/** A dataset line: column → value. */
export type Line = Record<string, string | number | boolean | null>;

/** One published dataset. */
export interface DataFairDataset {
  id: string;
  title: string;
  /** When the dataset's data last changed (ISO instant): clients skip a re-read when it has not. */
  dataUpdatedAt: string;
  /** Column keys, in schema order. */
  columns: readonly string[];
  lines: readonly Line[];
}

/** Largest `size` the endpoint accepts. */
export const MAX_SIZE = 10_000;
const DEFAULT_SIZE = 12;
const OPERATORS = ['_eq', '_in', '_gte', '_gt', '_lte', '_lt', '_exists'] as const;
const RESERVED = new Set(['q', 'qs', 'size', 'select', 'after', 'sort', 'format', 'page', 'q_mode']);

/** Path of a dataset's lines: `/data-fair/api/v1/datasets/{id}/lines`. */
export const LINES_PATH = /^\/data-fair\/api\/v1\/datasets\/([^/]+)\/lines$/;
/** Path of a dataset's metadata: `/data-fair/api/v1/datasets/{id}`. */
export const DATASET_PATH = /^\/data-fair\/api\/v1\/datasets\/([^/]+)$/;

/** The dataset a path segment names, once percent-decoded (`'` and `%27` are the same id). */
function findDataset(
  datasets: ReadonlyMap<string, DataFairDataset>,
  segment: string,
): DataFairDataset | SimResponse {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return textError(400, `Identifiant de jeu de données mal encodé : ${segment}`);
  }
  return datasets.get(id) ?? textError(404, `Jeu de données non trouvé : ${id}`);
}

/** Answers `GET …/datasets/{id}`: the metadata a client checks before paging (`dataUpdatedAt`). */
export function answerDataset(datasets: ReadonlyMap<string, DataFairDataset>, segment: string): SimResponse {
  const dataset = findDataset(datasets, segment);
  if ('status' in dataset) return dataset;
  return {
    status: 200,
    json: {
      id: dataset.id,
      title: dataset.title,
      dataUpdatedAt: dataset.dataUpdatedAt,
      count: dataset.lines.length,
    },
  };
}

/** Answers `GET …/datasets/{id}/lines?…`; `selfUrl` is the URL the request came to (for `next`). */
export function answerLines(
  datasets: ReadonlyMap<string, DataFairDataset>,
  segment: string,
  selfUrl: URL,
): SimResponse {
  const dataset = findDataset(datasets, segment);
  if ('status' in dataset) return dataset;
  const query = selfUrl.searchParams;
  const size = query.get('size') === null ? DEFAULT_SIZE : Number(query.get('size'));
  if (!Number.isInteger(size) || size < 0) return textError(400, `"size" doit être un entier positif`);
  if (size > MAX_SIZE) return textError(400, `"size" doit être inférieur ou égal à ${MAX_SIZE}`);
  if (query.has('page') && query.has('after'))
    return textError(400, '"page" et "after" ne peuvent pas être utilisés ensemble');

  let lines = dataset.lines.map((line, index) => ({ line, index }));
  for (const [name, value] of query) {
    if (RESERVED.has(name)) continue;
    const operator = OPERATORS.find((op) => name.endsWith(op));
    if (!operator) return textError(400, `Paramètre inconnu : ${name}`);
    const column = name.slice(0, -operator.length);
    if (!dataset.columns.includes(column))
      return textError(400, `Impossible de filtrer sur une colonne inconnue : ${column}`);
    lines = lines.filter(({ line }) => matches(line[column], operator, value));
  }
  const q = query.get('q');
  if (q) {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    lines = lines.filter(({ line }) => {
      const text = Object.values(line).join(' ').toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }
  const qs = query.get('qs');
  if (qs) {
    const clauses = parseQs(qs, dataset.columns);
    if (typeof clauses === 'string') return textError(400, clauses);
    lines = lines.filter(({ line }) => clauses.every(({ column, value }) => String(line[column]) === value));
  }
  const sort = query.get('sort');
  if (sort) {
    const column = sort.replace(/^-/, '');
    if (!dataset.columns.includes(column))
      return textError(400, `Impossible de trier sur une colonne inconnue : ${column}`);
    const direction = sort.startsWith('-') ? -1 : 1;
    lines.sort((a, b) => direction * compare(a.line[column], b.line[column]) || a.index - b.index);
  }
  const select = query.get('select');
  const columns = select ? select.split(',').map((c) => c.trim()) : dataset.columns;
  const unknown = columns.find((c) => !dataset.columns.includes(c));
  if (unknown) return textError(400, `Colonne inconnue dans "select" : ${unknown}`);

  // `after` is the position after the last line of the previous page (data-fair's cursor is the
  // last line's sort values; a position plays the same part over a fixed sort).
  const after = query.get('after');
  const start = after === null ? 0 : Number(after);
  if (!Number.isInteger(start) || start < 0) return textError(400, `"after" invalide : ${after}`);
  const page = lines.slice(start, start + size);
  const results = page.map(({ line, index }) => ({
    ...Object.fromEntries(columns.map((c) => [c, line[c] ?? null])),
    _i: index,
    // data-fair's line ids are short opaque strings; these are stable across runs.
    _id: `L${index.toString(36).padStart(6, '0')}`,
  }));
  // Past the last line the portal answers an empty page whose total is 0 (the quirk a public
  // client documents: only the first page's total counts).
  const body: Record<string, unknown> = { total: page.length === 0 && start > 0 ? 0 : lines.length, results };
  // Every non-empty page names a next one, the last included: the empty page ends the paging.
  if (results.length > 0) {
    const next = new URL(selfUrl);
    next.searchParams.set('after', String(start + size));
    body.next = next.toString();
  }
  return { status: 200, json: body };
}

function matches(
  value: Line[string] | undefined,
  operator: (typeof OPERATORS)[number],
  raw: string,
): boolean {
  switch (operator) {
    case '_eq':
      return String(value) === raw;
    case '_in':
      return raw.split(',').includes(String(value));
    case '_exists':
      return (value !== null && value !== undefined && value !== '') === (raw !== 'false');
    case '_gte':
      return compare(value, coerce(value, raw)) >= 0;
    case '_gt':
      return compare(value, coerce(value, raw)) > 0;
    case '_lte':
      return compare(value, coerce(value, raw)) <= 0;
    case '_lt':
      return compare(value, coerce(value, raw)) < 0;
  }
}

function coerce(sample: Line[string] | undefined, raw: string): string | number {
  return typeof sample === 'number' ? Number(raw) : raw;
}

function compare(a: Line[string] | undefined, b: Line[string] | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

/** `col:value AND col:"value"` — the small part of the Elasticsearch query syntax used here. */
function parseQs(qs: string, columns: readonly string[]): { column: string; value: string }[] | string {
  const clauses = [];
  for (const part of qs.split(/\s+AND\s+/)) {
    const match = /^([\w.]+):(?:"([^"]*)"|(\S+))$/.exec(part.trim());
    if (!match) return `Requête "qs" mal formée : ${part}`;
    if (!columns.includes(match[1]!)) return `Colonne inconnue dans "qs" : ${match[1]}`;
    clauses.push({ column: match[1]!, value: match[2] ?? match[3]! });
  }
  return clauses;
}

/** data-fair's error answer: a plain-text message. */
export function textError(status: number, message: string): SimResponse {
  return { status, text: message, headers: { 'content-type': 'text/plain; charset=utf-8' } };
}
