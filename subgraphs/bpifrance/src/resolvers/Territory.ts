// Territory, as this subgraph extends it: the gateway hands over the territory's communes.
import type { BpifranceTerritoryValue } from './BpifranceTerritory.js';

/** The representation the gateway sends (`@requires(fields: "communeCodes")`). */
export interface TerritoryRepresentation {
  id: string;
  communeCodes: string[];
}

export const Territory = {
  // Nothing is read here: the contribution's fields load what they ask for.
  bpifrance: (t: TerritoryRepresentation): BpifranceTerritoryValue => ({
    territoryId: t.id,
    communeCodes: t.communeCodes,
  }),
};
