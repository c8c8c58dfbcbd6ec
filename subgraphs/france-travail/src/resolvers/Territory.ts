// Territory, as this subgraph extends it: the gateway hands over the territory's communes and
// departments.
import type { FranceTravailTerritoryValue } from './FranceTravailTerritory.js';

/** The representation the gateway sends (`@requires(fields: "communeCodes departmentCodes")`). */
export interface TerritoryRepresentation {
  id: string;
  communeCodes: string[];
  departmentCodes: string[];
}

export const Territory = {
  // Nothing is fetched here: each field loads what it needs, so asking only for the outlook
  // never searches offers.
  franceTravail: (t: TerritoryRepresentation): FranceTravailTerritoryValue => ({
    territoryId: t.id,
    communeCodes: t.communeCodes,
    departmentCodes: t.departmentCodes,
  }),
};
