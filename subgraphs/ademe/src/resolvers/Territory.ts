// Territory, as this subgraph extends it: the gateway hands over the territory's communes (and its
// id, whose digits after `ti-` start with the region code).
import { CodedError, ErrorCode } from '../../../../kit/src/errors.js';
import type { AdemeTerritoryValue } from './AdemeTerritory.js';

/** The representation the gateway sends (`@requires(fields: "communeCodes")`). */
export interface TerritoryRepresentation {
  id: string;
  communeCodes: string[];
}

/** The region code an ANCT territory id carries (`ti-4405` → `44`). */
export function regionOfTerritory(id: string): string {
  const match = /^ti-(\d{2})\d{2}$/.exec(id);
  if (!match) throw new CodedError(ErrorCode.INVALID_ID, `Territory id must look like ti-4405; got "${id}".`);
  return match[1]!;
}

export const Territory = {
  // Nothing is fetched here: each field loads what it needs.
  ademe: (t: TerritoryRepresentation): AdemeTerritoryValue => ({
    territoryId: t.id,
    regionCode: regionOfTerritory(t.id),
    communeCodes: t.communeCodes,
  }),
};
