// Territory, as this subgraph extends it: the gateway hands over the territory's communes.
import type { ApecTerritoryValue } from './ApecTerritory.js';

/** The representation the gateway sends (`@requires(fields: "communeCodes")`). */
export interface TerritoryRepresentation {
  id: string;
  communeCodes: string[];
}

export const Territory = {
  // Nothing is fetched here: each field loads what it needs.
  apec: (t: TerritoryRepresentation): ApecTerritoryValue => ({
    territoryId: t.id,
    communeCodes: t.communeCodes,
  }),
};
