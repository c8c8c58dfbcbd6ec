// The French identifiers of companies and places, in one module: the shapes of SIREN, SIRET,
// INSEE commune and department codes, and the Luhn check digit that ends a SIREN or SIRET.
// Subgraphs use it to refuse bad input with one coded error and to read upstream records;
// simulators use it to make identifiers that look real to downstream validators.
import { CodedError, ErrorCode } from '../errors.js';

/** A SIREN: 9 digits (the check digit is verified by {@link isValidSiren}). */
export const SIREN = /^\d{9}$/;
/** A SIRET: the SIREN and a 5-digit establishment number. */
export const SIRET = /^\d{14}$/;
/** An INSEE commune code: 5 digits, or Corsica's 2A/2B and 3 digits. */
export const INSEE_COMMUNE = /^(\d{5}|2[AB]\d{3})$/;
/** A department code: 2 digits, Corsica's 2A/2B, or an overseas 97x. */
export const DEPARTMENT = /^(\d{2}|2[AB]|97\d)$/;

/** The department of a commune INSEE code: `97411` → `974`, `2A004` → `2A`, `51108` → `51`. */
export function departmentOfCommune(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

/** Luhn sum of a digit string: every second digit from the right is doubled. */
function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

/** The digit that makes `digits` followed by it Luhn-valid. */
function luhnCheckDigit(digits: string): string {
  // With a 0 appended, the given digits sit where they will in the final number.
  return String((10 - (luhnSum(`${digits}0`) % 10)) % 10);
}

/** True when `s` is 9 digits with a valid Luhn checksum. */
export function isValidSiren(s: string): boolean {
  return SIREN.test(s) && luhnSum(s) % 10 === 0;
}

// La Poste's establishments share SIREN 356000000 and are too many for Luhn-valid SIRETs: INSEE
// numbers them so that the plain sum of the digits is a multiple of 5 instead.
const LA_POSTE_SIREN = '356000000';

/** True when `s` is 14 digits with a valid checksum (Luhn, or La Poste's digit-sum rule). */
export function isValidSiret(s: string): boolean {
  if (!SIRET.test(s) || !isValidSiren(s.slice(0, 9))) return false;
  if (s.startsWith(LA_POSTE_SIREN) && s !== '35600000000048') {
    let sum = 0;
    for (const ch of s) sum += ch.charCodeAt(0) - 48;
    return sum % 5 === 0;
  }
  return luhnSum(s) % 10 === 0;
}

/** Appends the Luhn check digit to 8 digits, giving a valid SIREN. */
export function makeSiren(base8digits: string): string {
  if (!/^\d{8}$/.test(base8digits)) throw new Error(`makeSiren: expected 8 digits, got "${base8digits}"`);
  return base8digits + luhnCheckDigit(base8digits);
}

/** SIREN + 4-digit establishment number + the Luhn check digit over all 14 digits. */
export function makeSiret(siren: string, nic4: string): string {
  if (!SIREN.test(siren) || !/^\d{4}$/.test(nic4)) {
    throw new Error(`makeSiret: expected a 9-digit SIREN and 4 digits, got "${siren}" and "${nic4}"`);
  }
  return `${siren}${nic4}${luhnCheckDigit(`${siren}${nic4}`)}`;
}

/** A SIREN with a valid checksum, or INVALID_SIREN saying what is wrong. */
export function checkSiren(siren: string): string {
  if (!isValidSiren(siren)) {
    const why = SIREN.test(siren) ? 'its check digit is wrong' : 'it must be 9 digits';
    throw new CodedError(ErrorCode.INVALID_SIREN, `"${siren}" is not a valid SIREN: ${why}.`, { siren });
  }
  return siren;
}

/** A SIRET with a valid checksum, or INVALID_SIRET saying what is wrong. */
export function checkSiret(siret: string): string {
  if (!isValidSiret(siret)) {
    const why = SIRET.test(siret) ? 'its check digit is wrong' : 'it must be 14 digits';
    throw new CodedError(ErrorCode.INVALID_SIRET, `"${siret}" is not a valid SIRET: ${why}.`, { siret });
  }
  return siret;
}
