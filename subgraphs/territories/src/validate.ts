// Argument checks of the territories subgraph: a bad argument is a coded error, never a crash.
import { INSEE_COMMUNE } from '../../../kit/src/reference/companyIds.js';
import { CodedError, ErrorCode } from '../../../kit/src/errors.js';
import type { Geography, Phase } from '../../../kit/src/reference/programme.js';

// ANCT's ids (`ti-4411`), and the namespace of the illustrative phase-1-only territories.
const TERRITORY_ID = /^(ti-\d{3,5}|ti2018-\d{2}-\d{2})$/;

/** A territory id must look like `ti-4411` (or `ti2018-44-01`); a well-formed unknown id is not found. */
export function checkTerritoryId(id: string): string {
  if (!TERRITORY_ID.test(id)) {
    throw new CodedError(ErrorCode.INVALID_ID, `Territory id must look like "ti-4411"; got "${id}".`, {
      received: id,
    });
  }
  return id;
}

/** An INSEE commune code is 5 characters (digits, or 2A/2B for Corsica). */
export function checkInseeCode(code: string): string {
  if (!INSEE_COMMUNE.test(code)) {
    throw new CodedError(
      ErrorCode.INVALID_ID,
      `INSEE commune code must be 5 characters like "51108"; got "${code}".`,
      {
        received: code,
      },
    );
  }
  return code;
}

/** Phase is 1 (2018-2022) or 2 (2023-2027). */
export function checkPhase(phase: number | null | undefined): Phase | undefined {
  if (phase === null || phase === undefined) return undefined;
  if (phase !== 1 && phase !== 2) {
    throw new CodedError(
      ErrorCode.BAD_USER_INPUT,
      `phase must be 1 (2018-2022) or 2 (2023-2027); got ${phase}.`,
    );
  }
  return phase;
}

/** A region code must be one of the 18 regions. */
export function checkRegion(geo: Geography, code: string): string {
  if (!geo.regions.has(code)) {
    throw new CodedError(
      ErrorCode.UNKNOWN_REGION,
      `No region has INSEE code "${code}" (e.g. "44" for Grand Est).`,
      {
        received: code,
      },
    );
  }
  return code;
}

/** A department code must be one of the 101 departments. */
export function checkDepartment(geo: Geography, code: string): string {
  if (!geo.departments.has(code)) {
    throw new CodedError(
      ErrorCode.UNKNOWN_DEPARTMENT,
      `No department has INSEE code "${code}" (e.g. "51" for the Marne).`,
      {
        received: code,
      },
    );
  }
  return code;
}
