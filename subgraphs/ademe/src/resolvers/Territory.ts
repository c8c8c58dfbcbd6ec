// Territory, as this subgraph extends it: the gateway hands over the territory's communes.
import { CodedError, ErrorCode } from '../../../../kit/src/errors.js';
import type { AdemeTerritoryValue } from './AdemeTerritory.js';

/** The representation the gateway sends (`@requires(fields: "communeCodes")`). */
export interface TerritoryRepresentation {
  id: string;
  communeCodes: string[];
}

export const Territory = {
  // Nothing is read here: each field loads what it needs.
  ademe: (t: TerritoryRepresentation): AdemeTerritoryValue => {
    if (!Array.isArray(t.communeCodes))
      throw new CodedError(ErrorCode.BAD_USER_INPUT, `Territory ${t.id} came without its communeCodes.`);
    return { territoryId: t.id, communeCodes: t.communeCodes };
  },
};
