// A France Travail offer as the graph shows it.
import type { Offer } from '../franceTravailClient.js';

// The contract kinds the schema's ContractType enum lists; any other code shows as null.
const CONTRACT_TYPES = new Set(['CDI', 'CDD', 'MIS', 'SAI', 'LIB', 'FRA', 'REP', 'TTI', 'DDI', 'DIN', 'CCE']);

export const JobOffer = {
  publishedOn: (o: Offer) => o.createdAt,
  contractType: (o: Offer) => (CONTRACT_TYPES.has(o.contractType) ? o.contractType : null),
  place: (o: Offer) => o.placeLabel,
  salary: (o: Offer) => o.salaryLabel,
  company: (o: Offer) => (o.siret ? { siren: o.siret.slice(0, 9) } : null),
};
