// Territory and Company, as this subgraph extends them: the gateway hands over the territory's
// communes and departments, or the company's SIREN.
import type { FranceTravailCompanyValue, FranceTravailTerritoryValue } from './FranceTravail.js';
import { checkSiren } from '../../../../kit/src/reference/companyIds.js';

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

export const Company = {
  __resolveReference: (ref: { siren: string }) => ({ siren: checkSiren(ref.siren) }),
  franceTravail: (c: { siren: string }): FranceTravailCompanyValue => ({ siren: checkSiren(c.siren) }),
};
