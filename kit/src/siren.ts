// SIREN (9 digits) and SIRET (14 digits) end with a Luhn check digit; checking it catches most
// typos and makes generated identifiers look like real ones to downstream validators.

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

/** True when `s` is 9 digits with a valid Luhn checksum. */
export function isValidSiren(s: string): boolean {
  return /^\d{9}$/.test(s) && luhnSum(s) % 10 === 0;
}

// La Poste's establishments share SIREN 356000000 and are too many for Luhn-valid SIRETs: INSEE
// numbers them so that the plain sum of the digits is a multiple of 5 instead.
const LA_POSTE_SIREN = '356000000';

/** True when `s` is 14 digits with a valid checksum (Luhn, or La Poste's digit-sum rule). */
export function isValidSiret(s: string): boolean {
  if (!/^\d{14}$/.test(s) || !isValidSiren(s.slice(0, 9))) return false;
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
  // With a 0 appended, the base digits sit where they will in the final number.
  const check = (10 - (luhnSum(base8digits + '0') % 10)) % 10;
  return base8digits + String(check);
}
