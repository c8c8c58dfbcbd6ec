// Reading typed fields out of one raw upstream record, for the clients' parse functions: every
// failure names the record, the field, what was expected and what came, and the upstream client
// turns it into an UPSTREAM_BAD_RESPONSE naming the operator. Never a default value.

/** Reads typed fields out of one raw record; every failure names the field and what came. */
export class FieldReader {
  constructor(
    private readonly raw: Record<string, unknown>,
    private readonly where: string,
  ) {}

  /** A non-empty string. */
  text(name: string): string {
    const value = this.raw[name];
    if (typeof value !== 'string' || value.trim() === '') this.fail(name, 'a non-empty string', value);
    return value;
  }

  /** A string, or undefined when absent or null. */
  optionalText(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') this.fail(name, 'a string or null', value);
    return value;
  }

  /** A finite number (amounts: never a string that happens to look like one). */
  number(name: string): number {
    const value = this.raw[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(name, 'a finite number', value);
    return value;
  }

  /** A non-negative finite number. */
  amount(name: string): number {
    const value = this.number(name);
    if (value < 0) this.fail(name, 'an amount ≥ 0', value);
    return value;
  }

  /** An integer. */
  integer(name: string): number {
    const value = this.number(name);
    if (!Number.isInteger(value)) this.fail(name, 'an integer', value);
    return value;
  }

  /** An ISO date (YYYY-MM-DD, or a date-time whose date part is kept). */
  date(name: string): string {
    const value = this.raw[name];
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) this.fail(name, 'an ISO date', value);
    return value.slice(0, 10);
  }

  /** A string matching a pattern (codes, identifiers). */
  code(name: string, pattern: RegExp, expected: string): string {
    const value = this.raw[name];
    if (typeof value !== 'string' || !pattern.test(value)) this.fail(name, expected, value);
    return value;
  }

  /** A string matching a pattern, or null when absent or null. */
  optionalCode(name: string, pattern: RegExp, expected: string): string | null {
    const value = this.raw[name];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || !pattern.test(value)) this.fail(name, `${expected} or null`, value);
    return value;
  }

  /** A list of non-empty strings. */
  textList(name: string): string[] {
    const value = this.raw[name];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '')) {
      this.fail(name, 'a list of non-empty strings', value);
    }
    return value as string[];
  }

  /** One of the allowed strings. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.raw[name];
    if (typeof value !== 'string' || !allowed.includes(value as T))
      this.fail(name, `one of ${allowed.join(', ')}`, value);
    return value as T;
  }

  /** `{lon, lat}` as Opendatasoft serialises a geo_point_2d, or undefined when null. */
  optionalGeoPoint(name: string): { lon: number; lat: number } | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    const point = value as { lon?: unknown; lat?: unknown };
    if (typeof point !== 'object' || typeof point.lon !== 'number' || typeof point.lat !== 'number') {
      this.fail(name, 'a {lon, lat} point or null', value);
    }
    return { lon: point.lon as number, lat: point.lat as number };
  }

  private fail(name: string, expected: string, value: unknown): never {
    throw new Error(`${this.where}: field "${name}" must be ${expected}, got ${describe(value)}`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
