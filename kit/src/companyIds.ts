// Checks of company identifiers given by callers, shared by every operator subgraph so a bad
// SIREN or SIRET gets the same coded error everywhere, before any upstream call.
import { CodedError, ErrorCode } from './errors.js';
import { isValidSiren, isValidSiret } from './siren.js';

/** A SIREN with a valid checksum, or INVALID_SIREN saying what is wrong. */
export function checkSiren(siren: string): string {
  if (!isValidSiren(siren)) {
    const why = /^\d{9}$/.test(siren) ? 'its check digit is wrong' : 'it must be 9 digits';
    throw new CodedError(ErrorCode.INVALID_SIREN, `"${siren}" is not a valid SIREN: ${why}.`, { siren });
  }
  return siren;
}

/** A SIRET with a valid checksum, or INVALID_SIRET saying what is wrong. */
export function checkSiret(siret: string): string {
  if (!isValidSiret(siret)) {
    const why = /^\d{14}$/.test(siret) ? 'its check digit is wrong' : 'it must be 14 digits';
    throw new CodedError(ErrorCode.INVALID_SIRET, `"${siret}" is not a valid SIRET: ${why}.`, { siret });
  }
  return siret;
}
