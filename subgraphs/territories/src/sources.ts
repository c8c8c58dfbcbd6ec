// The `Source` values of the territories subgraph: what is ANCT's real list, what the generator
// made, and where the seed deck states a fact.
import type { SourceInfo } from '../../../kit/src/provenance.js';
import { ANCT_TERRITORY_LIST_SOURCE } from '../../../kit/src/reference/anctTerritories.js';

/** ANCT's list of the 183 territories of 2023-2027 (ids, labels, groupements), as shipped. */
export const ANCT_LIST_SOURCE: SourceInfo = { ...ANCT_TERRITORY_LIST_SOURCE, illustrative: false };

/** Everything `npm run data:generate` invents: binômes, sheets, leads, missions, phase 1. */
export const GENERATED_SOURCE: SourceInfo = {
  publisher: 'Territoires Graph (generated, not published by ANCT)',
  dataset: 'data/programme/programme.json (npm run data:generate)',
  url: 'data/programme/programme.json',
  retrievedAt: null,
  illustrative: true,
};

/**
 * The DGE/ANCT list of sites clés en main France 2030 on data.gouv.fr (dataset
 * 662a4bc173fcdf4bab4ef1b6): the real sites' names come from the programme's own material; this
 * file is documented but not shipped, so it was never read (`retrievedAt` null).
 */
export const SITES_SOURCE: SourceInfo = {
  publisher: 'DGE / ANCT',
  dataset: 'les-sites-cles-en-main-france-2030',
  url: 'https://www.data.gouv.fr/fr/datasets/les-sites-cles-en-main-france-2030/',
  retrievedAt: null,
  illustrative: false,
};

/** The seed deck: the programme's 2024 presentation. It has no public URL of its own. */
export const DECK_SOURCE: SourceInfo = {
  publisher: 'ANCT / DGE',
  dataset: "Présentation Territoires d'industrie 2024",
  url: 'https://agence-cohesion-territoires.gouv.fr/territoires-dindustrie-44',
  retrievedAt: null,
  illustrative: false,
};

/** A slide of the deck and its words. */
export interface DeckReference {
  slide: string;
  quote: string;
  source: SourceInfo;
}

/** Where the deck states something. */
export function deck(slide: string, quote: string): DeckReference {
  return { slide, quote, source: DECK_SOURCE };
}
