// A parser and evaluator for the part of ODSQL (Opendatasoft's query language) that the
// simulated Explore v2.1 API accepts in `where`, `select` and `order_by`. It parses properly
// (tokens, precedence, positions in error messages) so a client that builds a malformed clause
// gets the same kind of 400 the real portal gives, instead of a silently wrong answer.

/** Types of dataset fields, as Opendatasoft declares them. */
export type OdsFieldType = 'text' | 'int' | 'double' | 'date' | 'datetime' | 'boolean' | 'geo_point_2d';

/** One field of a dataset's schema. */
export interface OdsField {
  name: string;
  type: OdsFieldType;
}

/** A record's value for one field. */
export type OdsValue = string | number | boolean | null | { lon: number; lat: number };

/** A dataset record, keyed by field name. */
export type OdsRecord = Record<string, OdsValue>;

/** A clause the simulator refuses; the route turns it into ODS's 400 `ODSQLError` body. */
export class OdsqlError extends Error {
  constructor(
    message: string,
    readonly clause: 'where' | 'select' | 'order_by',
  ) {
    super(message);
    this.name = 'OdsqlError';
  }
}

/** A parsed `where` clause: a predicate over records. */
export type Predicate = (record: OdsRecord) => boolean;

/** One key of `order_by`. */
export interface OrderKey {
  field: string;
  descending: boolean;
}

type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  position: number;
  /** Backquoted identifiers are never keywords. */
  quoted?: boolean;
}

const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'null',
  'true',
  'false',
  'like',
  'to',
  'date',
  'asc',
  'desc',
]);
const COMPARATORS = new Set(['=', '!=', '<>', '<', '<=', '>', '>=']);

function tokenize(text: string, clause: OdsqlError['clause']): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string, at: number): never => {
    throw new OdsqlError(`${message} at position ${at}`, clause);
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '"' || ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) fail('unterminated string literal', start);
        const c = text[i]!;
        if (c === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else if (c === ch) {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      tokens.push({ kind: 'string', text: value, position: start });
    } else if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) fail('unterminated quoted field name', start);
      tokens.push({ kind: 'ident', text: text.slice(i + 1, end), position: start, quoted: true });
      i = end + 1;
    } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const match = /^-?\d+(\.\d+)?/.exec(text.slice(i))!;
      tokens.push({ kind: 'number', text: match[0], position: start });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'ident', text: match[0], position: start });
      i += match[0].length;
    } else {
      const two = text.slice(i, i + 2);
      if (['!=', '<>', '<=', '>='].includes(two)) {
        tokens.push({ kind: 'punct', text: two, position: start });
        i += 2;
      } else if ('()[],=<>*'.includes(ch)) {
        tokens.push({ kind: 'punct', text: ch, position: start });
        i++;
      } else fail(`unexpected character "${ch}"`, start);
    }
  }
  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}

/** A literal after coercion to the type of the field it is compared with. */
type Scalar = string | number | boolean | null;

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly fields: ReadonlyMap<string, OdsField>,
    private readonly clause: OdsqlError['clause'],
  ) {}

  private get current(): Token {
    return this.tokens[this.index]!;
  }

  private fail(message: string, token: Token = this.current): never {
    const found = token.kind === 'end' ? 'end of clause' : `"${token.text}"`;
    throw new OdsqlError(`${message}, found ${found} at position ${token.position}`, this.clause);
  }

  private isKeyword(word: string, token: Token = this.current): boolean {
    return token.kind === 'ident' && !token.quoted && token.text.toLowerCase() === word;
  }

  acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.index++;
    return true;
  }

  acceptPunct(text: string): boolean {
    if (this.current.kind !== 'punct' || this.current.text !== text) return false;
    this.index++;
    return true;
  }

  private expectPunct(text: string): void {
    if (!this.acceptPunct(text)) this.fail(`expected "${text}"`);
  }

  expectEnd(): void {
    if (this.current.kind !== 'end') this.fail('expected end of clause');
  }

  /** A field name known to the dataset. */
  field(): OdsField {
    const token = this.current;
    if (token.kind !== 'ident' || (!token.quoted && KEYWORDS.has(token.text.toLowerCase()))) {
      this.fail('expected a field name');
    }
    const field = this.fields.get(token.text);
    if (!field) throw new OdsqlError(`Unknown field: ${token.text}`, this.clause);
    this.index++;
    return field;
  }

  // where := or ; or := and ('or' and)* ; and := unary ('and' unary)* ; unary := 'not' unary | primary
  expression(): Predicate {
    let left = this.conjunction();
    while (this.acceptKeyword('or')) {
      const a = left;
      const b = this.conjunction();
      left = (r) => a(r) || b(r);
    }
    return left;
  }

  private conjunction(): Predicate {
    let left = this.unary();
    while (this.acceptKeyword('and')) {
      const a = left;
      const b = this.unary();
      left = (r) => a(r) && b(r);
    }
    return left;
  }

  private unary(): Predicate {
    if (this.acceptKeyword('not')) {
      const inner = this.unary();
      return (r) => !inner(r);
    }
    if (this.acceptPunct('(')) {
      const inner = this.expression();
      this.expectPunct(')');
      return inner;
    }
    if (this.current.kind === 'string') {
      // A bare string literal is a full-text search over the text fields.
      const needle = normalize(this.current.text);
      this.index++;
      const textFields = [...this.fields.values()].filter((f) => f.type === 'text').map((f) => f.name);
      return (r) =>
        textFields.some(
          (name) => typeof r[name] === 'string' && normalize(r[name] as string).includes(needle),
        );
    }
    return this.predicate();
  }

  private predicate(): Predicate {
    if (this.isKeyword('startswith') || this.isKeyword('search')) return this.functionCall();
    const field = this.field();
    const name = field.name;
    if (this.acceptKeyword('is')) {
      const negated = this.acceptKeyword('not');
      if (!this.acceptKeyword('null')) this.fail('expected "null"');
      return negated
        ? (r) => r[name] !== null && r[name] !== undefined
        : (r) => r[name] === null || r[name] === undefined;
    }
    const negatedIn = this.isKeyword('not') && this.isKeyword('in', this.tokens[this.index + 1]);
    if (negatedIn) this.index++;
    if (this.acceptKeyword('in')) {
      const inner =
        this.current.kind === 'punct' && this.current.text === '[' ? this.range(field) : this.list(field);
      return negatedIn ? (r) => !inner(r) : inner;
    }
    if (this.acceptKeyword('like')) {
      const pattern = this.literal(field);
      if (typeof pattern !== 'string') this.fail('expected a string pattern after "like"');
      const regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`, 'i');
      return (r) => typeof r[name] === 'string' && regex.test(r[name] as string);
    }
    const op = this.current;
    if (op.kind !== 'punct' || !COMPARATORS.has(op.text))
      this.fail('expected a comparison operator, "in", "like" or "is"');
    this.index++;
    const value = this.literal(field);
    return comparison(name, op.text, value);
  }

  private functionCall(): Predicate {
    const name = this.current.text.toLowerCase();
    this.index++;
    this.expectPunct('(');
    if (name === 'startswith') {
      const field = this.field();
      this.expectPunct(',');
      const prefix = this.literal(field);
      this.expectPunct(')');
      if (typeof prefix !== 'string') this.fail('startswith expects a string');
      return (r) => typeof r[field.name] === 'string' && (r[field.name] as string).startsWith(prefix);
    }
    const field = this.field();
    this.expectPunct(',');
    const needle = this.literal(field);
    this.expectPunct(')');
    const text = normalize(String(needle));
    return (r) => typeof r[field.name] === 'string' && normalize(r[field.name] as string).includes(text);
  }

  private list(field: OdsField): Predicate {
    this.expectPunct('(');
    const values = new Set<Scalar>();
    do values.add(this.literal(field));
    while (this.acceptPunct(','));
    this.expectPunct(')');
    return (r) => values.has(scalarOf(r[field.name]));
  }

  // `field in [low TO high]`: brackets facing inwards are inclusive, outwards exclusive.
  private range(field: OdsField): Predicate {
    this.expectPunct('[');
    const low = this.literal(field);
    if (!this.acceptKeyword('to')) this.fail('expected "TO" in a range');
    const high = this.literal(field);
    const closing = this.current;
    if (!this.acceptPunct(']') && !this.acceptPunct('[')) this.fail('expected "]" or "[" to close the range');
    const highInclusive = closing.text === ']';
    const name = field.name;
    return (r) => {
      const v = scalarOf(r[name]);
      if (v === null || low === null || high === null) return false;
      return v >= low && (highInclusive ? v <= high : v < high);
    };
  }

  /** A literal, checked and converted against the type of the field it is compared with. */
  literal(field: OdsField): Scalar {
    const token = this.current;
    if (this.acceptKeyword('null')) return null;
    if (this.isKeyword('true') || this.isKeyword('false')) {
      this.index++;
      if (field.type !== 'boolean')
        this.fail(`field ${field.name} (${field.type}) cannot be compared with a boolean`, token);
      return token.text.toLowerCase() === 'true';
    }
    if (this.acceptKeyword('date')) {
      const quoted = this.current;
      if (quoted.kind !== 'string') this.fail('expected a quoted date after "date"');
      this.index++;
      if (field.type !== 'date' && field.type !== 'datetime')
        this.fail(`field ${field.name} is not a date`, token);
      return checkDate(quoted.text, quoted, this.clause);
    }
    if (token.kind === 'number') {
      this.index++;
      if (field.type === 'int' || field.type === 'double') return Number(token.text);
      if (field.type === 'text') return token.text;
      this.fail(`field ${field.name} (${field.type}) cannot be compared with a number`, token);
    }
    if (token.kind === 'string') {
      this.index++;
      if (field.type === 'date' || field.type === 'datetime')
        return checkDate(token.text, token, this.clause);
      if (field.type === 'int' || field.type === 'double') {
        const n = Number(token.text);
        if (token.text.trim() === '' || !Number.isFinite(n))
          this.fail(`field ${field.name} (${field.type}) expects a number`, token);
        return n;
      }
      return token.text;
    }
    return this.fail('expected a value');
  }
}

function checkDate(text: string, token: Token, clause: OdsqlError['clause']): string {
  // Dates compare as ISO strings; a year or a year-month is the start of that period.
  if (!/^\d{4}(-\d{2}(-\d{2}(T[\d:.]+Z?)?)?)?$/.test(text)) {
    throw new OdsqlError(`invalid date literal "${text}" at position ${token.position}`, clause);
  }
  return text;
}

function comparison(name: string, op: string, value: Scalar): Predicate {
  return (r) => {
    const v = scalarOf(r[name]);
    switch (op) {
      case '=':
        return v === value;
      case '!=':
      case '<>':
        return v !== value;
      default:
        if (v === null || value === null) return false;
        if (op === '<') return v < value;
        if (op === '<=') return v <= value;
        if (op === '>') return v > value;
        return v >= value;
    }
  };
}

function scalarOf(value: OdsValue | undefined): Scalar {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object') return `${value.lat},${value.lon}`;
  return value;
}

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function fieldMap(fields: readonly OdsField[]): Map<string, OdsField> {
  return new Map(fields.map((f) => [f.name, f]));
}

/** Parses a `where` clause against a dataset's fields; an empty clause matches everything. */
export function parseWhere(where: string | undefined, fields: readonly OdsField[]): Predicate {
  if (where === undefined || where.trim() === '') return () => true;
  const parser = new Parser(tokenize(where, 'where'), fieldMap(fields), 'where');
  const predicate = parser.expression();
  parser.expectEnd();
  return predicate;
}

/** Parses `select` (a comma list of field names, or `*`) into the names to keep. */
export function parseSelect(select: string | undefined, fields: readonly OdsField[]): string[] {
  if (select === undefined || select.trim() === '' || select.trim() === '*') return fields.map((f) => f.name);
  const parser = new Parser(tokenize(select, 'select'), fieldMap(fields), 'select');
  const names: string[] = [];
  do names.push(parser.field().name);
  while (parser.acceptPunct(','));
  parser.expectEnd();
  return names;
}

/** Parses `order_by` (`field [asc|desc], …`). */
export function parseOrderBy(orderBy: string | undefined, fields: readonly OdsField[]): OrderKey[] {
  if (orderBy === undefined || orderBy.trim() === '') return [];
  const parser = new Parser(tokenize(orderBy, 'order_by'), fieldMap(fields), 'order_by');
  const keys: OrderKey[] = [];
  do {
    const field = parser.field().name;
    const descending = parser.acceptKeyword('desc');
    if (!descending) parser.acceptKeyword('asc');
    keys.push({ field, descending });
  } while (parser.acceptPunct(','));
  parser.expectEnd();
  return keys;
}

/** Compares two records by order keys (nulls last, as Opendatasoft sorts them). */
export function compareRecords(keys: readonly OrderKey[]): (a: OdsRecord, b: OdsRecord) => number {
  return (a, b) => {
    for (const { field, descending } of keys) {
      const x = scalarOf(a[field]);
      const y = scalarOf(b[field]);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const order = x < y ? -1 : 1;
      return descending ? -order : order;
    }
    return 0;
  };
}
