// Territory, as this subgraph extends it: the gateway hands over the territory's communes.
import type { BanqueDesTerritoiresValue } from './BanqueDesTerritoires.js';

/** The representation the gateway sends (`@requires(fields: "communeCodes")`). */
export interface TerritoryRepresentation {
  id: string;
  communeCodes: string[];
}

export const Territory = {
  // Nothing is fetched here: each field of the contribution loads what it needs, so a query
  // asking only for production schools never reads the financings.
  banqueDesTerritoires: (t: TerritoryRepresentation): BanqueDesTerritoiresValue => ({
    territoryId: t.id,
    communeCodes: t.communeCodes,
  }),
};
