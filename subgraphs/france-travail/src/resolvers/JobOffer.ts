// A France Travail offer as the graph shows it.
import type { FranceTravailContext } from '../context.js';
import type { LiveOffer } from '../loaders.js';
import { OFFERS_DATASET, sourceOf } from '../sources.js';

// The contract kinds the schema's ContractType enum lists; any other code shows as null.
const CONTRACT_TYPES = new Set(['CDI', 'CDD', 'MIS', 'SAI', 'LIB', 'FRA', 'REP', 'TTI', 'DDI', 'DIN', 'CCE']);

export const JobOffer = {
  publishedOn: (o: LiveOffer) => o.createdAt,
  updatedOn: (o: LiveOffer) => o.updatedAt,
  contractType: (o: LiveOffer) => (CONTRACT_TYPES.has(o.contractType) ? o.contractType : null),
  place: (o: LiveOffer) => o.placeLabel,
  salary: (o: LiveOffer) => o.salaryLabel,
  company: (o: LiveOffer) => (o.siret ? { siren: o.siret.slice(0, 9) } : null),
  source: (o: LiveOffer, _: unknown, ctx: FranceTravailContext) =>
    sourceOf(OFFERS_DATASET, ctx.locations.apiUrl, o.retrievedAt),
};
