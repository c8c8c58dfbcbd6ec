// Territory, as this subgraph extends it: the gateway hands over the territory's communes.
import type { BusinessFranceTerritoryValue } from './BusinessFranceTerritory.js';

/** The representation the gateway sends (`@requires(fields: "communeCodes")`). */
export interface TerritoryRepresentation {
  id: string;
  communeCodes: string[];
}

export const Territory = {
  // Nothing is fetched here: the contribution's fields load what they ask for.
  businessFrance: (t: TerritoryRepresentation): BusinessFranceTerritoryValue => ({
    territoryId: t.id,
    communeCodes: t.communeCodes,
  }),
};
