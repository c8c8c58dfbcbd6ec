// Checks of caller input, run before any upstream call.
import { checkSiret } from '../../../kit/src/reference/companyIds.js';
import { CodedError, ErrorCode } from '../../../kit/src/errors.js';
import { ROME_CODE_FORMAT, ROME_LABELS } from '../../../kit/src/reference/romeLabels.js';

/** A ROME code of the reference list, or UNKNOWN_ROME_CODE saying why not. */
export function checkRomeCode(code: string): string {
  const normalised = code.trim().toUpperCase();
  if (!ROME_CODE_FORMAT.test(normalised)) {
    throw new CodedError(
      ErrorCode.UNKNOWN_ROME_CODE,
      `ROME codes are a letter A–N and four digits (e.g. H2913); got "${code}".`,
      {
        romeCode: code,
      },
    );
  }
  if (!ROME_LABELS.has(normalised)) {
    throw new CodedError(
      ErrorCode.UNKNOWN_ROME_CODE,
      `ROME code "${code}" is not in the job reference this API knows.`,
      {
        romeCode: code,
      },
    );
  }
  return normalised;
}

/** A valid SIRET of the company `siren`, or INVALID_SIRET. */
export function checkEstablishment(siren: string, siret: string): string {
  checkSiret(siret);
  if (!siret.startsWith(siren)) {
    throw new CodedError(
      ErrorCode.INVALID_SIRET,
      `SIRET ${siret} is not an establishment of company ${siren}.`,
      { siret },
    );
  }
  return siret;
}
