// Territory, as this subgraph extends it: the gateway hands over the territory's communes.
import type { ActionLogementTerritoryValue } from './ActionLogementTerritory.js';

/** The representation the gateway sends (`@requires(fields: "communeCodes")`). */
export interface TerritoryRepresentation {
  id: string;
  communeCodes: string[];
}

export const Territory = {
  // Nothing is fetched here: each field loads what it needs.
  actionLogement: (t: TerritoryRepresentation): ActionLogementTerritoryValue => ({
    territoryId: t.id,
    communeCodes: t.communeCodes,
  }),
};
