// Territory, as this subgraph extends it: the gateway hands over the territory's communes.
import type { BanqueDesTerritoiresContext } from '../context.js';
import type { BanqueDesTerritoiresValue } from './BanqueDesTerritoires.js';

/** The representation the gateway sends (`@requires(fields: "communeCodes")`). */
export interface TerritoryRepresentation {
  id: string;
  communeCodes: string[];
}

export const Territory = {
  // The mirror must have a copy to answer from: before the first sync this field is null with
  // MIRROR_NOT_SYNCED (MIRROR_UNAVAILABLE when the database is down), once per territory.
  banqueDesTerritoires: async (
    t: TerritoryRepresentation,
    _: unknown,
    ctx: BanqueDesTerritoiresContext,
  ): Promise<BanqueDesTerritoiresValue> => ({
    territoryId: t.id,
    communeCodes: t.communeCodes,
    scope: ctx.client.scopeOf(t.id, t.communeCodes),
    retrievedAt: await ctx.loaders.retrievedAt(),
  }),
};
