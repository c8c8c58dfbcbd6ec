// Normalisers for the quirks the real open datasets show (see data/samples/real/README.md in
// the shared folder): SIRETs in "siren" columns, float-string ids, lost leading zeros, "40.0"
// department codes, YYYY-MM dates, the literal NULL, "*" for secret counts.
import { createHash } from 'node:crypto';
import { reject } from './parseResult.js';

/** Trimmed text, or null for empty and absent values. */
export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = (typeof value === 'string' ? value : String(value)).trim();
  return s === '' ? null : s;
}

/** Like {@link text}, but the literal `NULL` some exports write for "no value" is null too. */
export function textOrNullLiteral(value: unknown): string | null {
  const s = text(value);
  return s === null || s.toUpperCase() === 'NULL' ? null : s;
}

/** A required text field, or a MISSING_FIELD rejection naming it. */
export function required(value: unknown, field: string): string {
  const s = text(value);
  if (s === null) reject('MISSING_FIELD', `"${field}" is empty`);
  return s;
}

// "200071892.0" and 200071892 (a JSON number) both mean the digits 200071892.
function digitsOf(value: unknown): string | null {
  const s = text(value);
  if (s === null) return null;
  const m = /^(\d+)(?:\.0+)?$/.exec(s.replace(/[\s\u00a0]/g, ''));
  return m ? m[1]! : null;
}

/** A company id as published, split into SIREN and SIRET (leading zeros restored). */
export interface CompanyId {
  siren: string;
  siret: string | null;
}

/** Reads a SIREN or SIRET from a column that may hold either, or null when there is none or junk. */
export function companyId(value: unknown): CompanyId | null {
  const digits = digitsOf(value);
  if (digits === null) return null;
  // Spreadsheets drop leading zeros: 8 digits is a SIREN, 13 a SIRET, once padded.
  const padded = digits.length === 8 || digits.length === 13 ? `0${digits}` : digits;
  if (padded.length === 9) return { siren: padded, siret: null };
  if (padded.length === 14) return { siren: padded.slice(0, 9), siret: padded };
  return null;
}

/** A company id that must be there: INVALID_COMPANY_ID otherwise. */
export function requiredCompanyId(value: unknown, field: string): CompanyId {
  const id = companyId(value);
  if (!id)
    reject(
      'INVALID_COMPANY_ID',
      `"${field}" should be a SIREN (9 digits) or SIRET (14 digits), got ${JSON.stringify(value ?? null)}`,
    );
  return id;
}

/** A department code ("01", "2A", "971") from "40.0", "8", 8.0 or "2a"; null when empty. */
export function departmentCode(value: unknown, field: string): string | null {
  const s = textOrNullLiteral(value);
  if (s === null) return null;
  const digits = digitsOf(s);
  if (digits !== null) {
    const n = Number(digits);
    if (n >= 1 && n <= 95 && n !== 20) return String(n).padStart(2, '0');
    if (n >= 971 && n <= 989) return String(n);
  } else if (/^2[ab]$/i.test(s)) return s.toUpperCase();
  return reject('INVALID_DEPARTMENT', `"${field}" should be a department code, got ${JSON.stringify(value)}`);
}

/** A commune INSEE code (5 characters, Corsica's 2A/2B kept); null when empty or NULL. */
export function communeCode(value: unknown, field: string): string | null {
  const s = textOrNullLiteral(value);
  if (s === null) return null;
  const padded = /^\d{4}$/.test(s) ? `0${s}` : s.toUpperCase();
  if (!/^(\d{5}|2[AB]\d{3})$/.test(padded)) {
    reject('INVALID_COMMUNE', `"${field}" should be a commune INSEE code, got ${JSON.stringify(value)}`);
  }
  return padded;
}

// Arrondissements of Paris, Marseille and Lyon: the registry gives them, the graph's communes
// are the whole cities.
const ARRONDISSEMENTS: readonly [RegExp, string][] = [
  [/^751(0[1-9]|1\d|20)$/, '75056'],
  [/^132(0[1-9]|1[0-6])$/, '13055'],
  [/^6938[1-9]$/, '69123'],
];

/** The commune that holds `code` (an arrondissement code becomes its city's). */
export function wholeCommune(code: string): string {
  for (const [pattern, city] of ARRONDISSEMENTS) if (pattern.test(code)) return city;
  return code;
}

/** A postcode with its leading zero restored ("8000" → "08000"); null when empty. */
export function postalCode(value: unknown): string | null {
  const digits = digitsOf(value);
  if (digits === null) return text(value);
  return digits.length === 4 ? `0${digits}` : digits;
}

/** Euros as integer cents, from 40000, "23828.9" or "1 234,56"; null when empty. */
export function cents(value: unknown, field: string): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) reject('INVALID_AMOUNT', `"${field}" is not a finite number`);
    return Math.round(value * 100);
  }
  const s = text(value);
  if (s === null) return null;
  const m = /^(-?)(\d+)(?:[.,](\d+))?$/.exec(s.replace(/[\s\u00a0\u202f]/g, ''));
  if (!m)
    return reject('INVALID_AMOUNT', `"${field}" should be an amount in euros, got ${JSON.stringify(value)}`);
  const decimals = `${m[3] ?? ''}000`;
  // Work on the digits, not on a float, so 170320.55 € is exactly 17032055 cents.
  const whole = Number(m[2]) * 100 + Number(decimals.slice(0, 2)) + (Number(decimals[2]) >= 5 ? 1 : 0);
  return m[1] === '-' ? -whole : whole;
}

/** A finite number, or null when empty; INVALID_AMOUNT otherwise. */
export function decimal(value: unknown, field: string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const s = text(value);
  if (s === null) return null;
  const n = Number(s.replace(',', '.'));
  if (!Number.isFinite(n))
    reject('INVALID_AMOUNT', `"${field}" should be a number, got ${JSON.stringify(value)}`);
  return n;
}

/** A `YYYY-MM` month or `YYYY-MM-DD` date (a timestamp is cut to its date); null when empty. */
export function isoDay(value: unknown, field: string): string | null {
  const s = text(value);
  if (s === null) return null;
  const m = /^(\d{4}-(0[1-9]|1[0-2]))(-(0[1-9]|[12]\d|3[01]))?(?:[T ].*)?$/.exec(s);
  if (!m)
    return reject('INVALID_DATE', `"${field}" should be YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return m[1]! + (m[3] ?? '');
}

/** A BMO count: a whole number, or `*` (secret: too few answers to publish). */
export function secretCount(value: unknown, field: string): { value: number | null; secret: 0 | 1 } {
  const s = text(value);
  if (s === null) return { value: null, secret: 0 };
  if (s === '*') return { value: null, secret: 1 };
  const digits = digitsOf(s);
  if (digits === null)
    return reject('INVALID_COUNT', `"${field}" should be a count or "*", got ${JSON.stringify(value)}`);
  return { value: Number(digits), secret: 0 };
}

/** Latitude and longitude from "43.71, -1.23" or {lat, lon}; nulls when absent. */
export function coordinates(
  value: unknown,
  field: string,
): { latitude: number | null; longitude: number | null } {
  if (value && typeof value === 'object') {
    const { lat, lon } = value as { lat?: unknown; lon?: unknown };
    if (typeof lat === 'number' && typeof lon === 'number') return { latitude: lat, longitude: lon };
  }
  const s = text(value);
  if (s === null) return { latitude: null, longitude: null };
  const parts = s.split(',').map((p) => Number(p.trim()));
  const [latitude, longitude] = parts;
  if (parts.length !== 2 || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    reject('INVALID_COORDINATES', `"${field}" should be "latitude, longitude", got ${JSON.stringify(value)}`);
  }
  return { latitude: latitude!, longitude: longitude! };
}

/** A stable key for rows that carry no id of their own: a hash of their published values. */
export function contentKey(values: readonly unknown[]): string {
  return createHash('sha1').update(JSON.stringify(values)).digest('hex');
}

/** Reads the first of several spellings of a column (data-fair renames headers with spaces). */
export function column(raw: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) if (raw[name] !== undefined) return raw[name];
  return undefined;
}
