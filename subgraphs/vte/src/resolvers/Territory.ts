// Territory and Company, as this subgraph extends them: the gateway hands over the territory's
// communes, or the company's SIREN.
import { checkSiren } from '../../../../kit/src/reference/companyIds.js';
import type { VteTerritoryValue } from './Vte.js';

/** The representation the gateway sends (`@requires(fields: "communeCodes")`). */
export interface TerritoryRepresentation {
  id: string;
  communeCodes: string[];
}

export const Territory = {
  // Nothing is fetched here: each field loads what it needs.
  vte: (t: TerritoryRepresentation): VteTerritoryValue => ({
    territoryId: t.id,
    communeCodes: t.communeCodes,
  }),
};

export const Company = {
  __resolveReference: (ref: { siren: string }) => ({ siren: checkSiren(ref.siren) }),
  vte: (c: { siren: string }) => ({ siren: checkSiren(c.siren) }),
};
