// The executive offers the APEC simulator serves, in the shape of the results of apec.fr's own
// search service (`resultats[]` of `POST /cms/webservices/rechercheOffre`; see README.md for the
// provenance of every field). Built from the one world: offers of the world's companies, in their
// communes, a seeded generator giving the same offers on every run. Values are illustrative.
import { pick, randomFor, randomInt } from '../../kit/src/prng.js';
import type { World } from '../world.js';

/** One offer as apec.fr's search writes it (the fields public clients read). */
export interface ApecApiOffer {
  numeroOffre: string;
  intitule: string;
  /** Empty on a confidential offer, as on apec.fr. */
  nomCommercial: string;
  /** "City - department", e.g. "Châlons-en-Champagne - 51". */
  lieuTexte: string;
  salaireTexte: string;
  texteOffre: string;
  /** ASSUMED format (ISO date-time with offset); public clients only parse it as a date. */
  datePublication: string;
}

/** The world's offer, with its department (what `lieux` filters on in the simulator). */
export interface SimApecOffer extends ApecApiOffer {
  departmentCode: string;
}

const TITLES = [
  'Responsable de production H/F',
  'Ingénieur méthodes industrialisation H/F',
  'Responsable qualité sécurité environnement H/F',
  'Chef de projet amélioration continue H/F',
  'Responsable maintenance H/F',
  'Directeur de site industriel H/F',
  'Ingénieur R&D procédés H/F',
  'Contrôleur de gestion industriel H/F',
];

/** Builds the simulator's offers from the world, newest first. */
export function buildApecOffers(world: World): SimApecOffer[] {
  const offers: SimApecOffer[] = [];
  let serial = 0;
  for (const company of world.companies) {
    for (const establishment of company.establishments) {
      const random = randomFor(`apec:${establishment.siret}`);
      // Executive offers come from the larger establishments.
      const count = company.headcount < 40 ? 0 : randomInt(random, 0, 2);
      for (let i = 0; i < count; i++) {
        serial++;
        const low = randomInt(random, 40, 65);
        const published = `${randomInt(random, 2024, 2025)}-${String(randomInt(random, 1, 12)).padStart(2, '0')}-${String(randomInt(random, 1, 28)).padStart(2, '0')}`;
        offers.push({
          numeroOffre: `${String(170_000_000 + serial * 7919).slice(0, 9)}W`,
          intitule: pick(random, TITLES),
          nomCommercial: random() < 0.12 ? '' : company.name,
          lieuTexte: `${establishment.commune.name} - ${establishment.commune.departmentCode}`,
          salaireTexte:
            random() < 0.2 ? 'A négocier' : `${low} - ${low + randomInt(random, 5, 20)} k€ brut annuel`,
          texteOffre: `${company.name} recrute pour son site de ${establishment.commune.name}. ${company.sector.label}...`,
          datePublication: `${published}T00:00:00.000+0000`,
          departmentCode: establishment.commune.departmentCode,
        });
      }
    }
  }
  return offers.sort(
    (a, b) =>
      b.datePublication.localeCompare(a.datePublication) || a.numeroOffre.localeCompare(b.numeroOffre),
  );
}
