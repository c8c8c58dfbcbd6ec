// Territory, as this subgraph extends it: the gateway hands over the territory's communes and
// departments (`@requires`), and each field loads what it needs.
import { territorialActors } from '../territorialActors.js';
import type { EtatContext } from '../context.js';
import type { EtatTerritoryValue } from './EtatTerritory.js';

/** The representation the gateway sends. */
export interface TerritoryRepresentation {
  id: string;
  communeCodes: string[];
  departmentCodes: string[];
}

export const Territory = {
  etat: async (t: TerritoryRepresentation, _args: unknown, ctx: EtatContext): Promise<EtatTerritoryValue> => {
    // No copy of the file: the whole block is null with the coded error naming the État.
    await ctx.sources.fondsVert();
    return { id: t.id, communeCodes: t.communeCodes, departmentCodes: t.departmentCodes };
  },
  territorialActors: (t: TerritoryRepresentation, _args: unknown, ctx: EtatContext) =>
    territorialActors(ctx.geography, t.id, t.departmentCodes),
};
