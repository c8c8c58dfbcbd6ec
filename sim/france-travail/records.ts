// The job offers the France Travail simulator publishes: a few per company of the shared world,
// in its establishments' communes, for the jobs its sector recruits, in the "Offre" shape of the
// Offres d'emploi v2 API: the fields of the real recorded body
// (subgraphs/france-travail/test/fixtures/offres_v2_search_206.json), with two differences said
// here and in the README: no `lieuTravail.latitude/longitude` (the world has no coordinates; real
// offers may lack them too) and `entreprise.siret`, a modelled extension the real API does not
// publish. Deterministic: same offers, same order, every run.
import { ROME_LABELS } from '../../kit/src/reference/romeLabels.js';
import { pick, randomFor, randomInt, type Random } from '../../kit/src/prng.js';
import type { World, WorldCompany, WorldEstablishment } from '../world.js';

/** One offer, as the search endpoint returns it (plus `entreprise.siret`, see the README). */
export interface Offre {
  id: string;
  intitule: string;
  description: string;
  dateCreation: string;
  dateActualisation: string;
  lieuTravail: { libelle: string; codePostal: string; commune: string };
  romeCode: string;
  romeLibelle: string;
  appellationlibelle: string;
  /** `siret` is MODELLED (not in the real API): Company.franceTravail relies on it. */
  entreprise: { nom?: string; entrepriseAdaptee: boolean; siret: string };
  typeContrat: string;
  typeContratLibelle: string;
  natureContrat: string;
  experienceExige: 'D' | 'E' | 'S';
  experienceLibelle: string;
  salaire: { libelle: string };
  dureeTravailLibelle: string;
  dureeTravailLibelleConverti: string;
  alternance: boolean;
  contact: { coordonnees1: string; urlPostulation: string };
  agence: Record<string, never>;
  nombrePostes: number;
  accessibleTH: boolean;
  qualificationCode: string;
  qualificationLibelle: string;
  codeNAF: string;
  secteurActivite: string;
  secteurActiviteLibelle: string;
  origineOffre: { origine: string; urlOrigine: string };
  offresManqueCandidats: boolean;
  contexteTravail: { horaires: string[] };
  entrepriseAdaptee: boolean;
  employeurHandiEngage: boolean;
}

/** Contract types the search knows, with the label an offer shows. */
export const CONTRACT_TYPES: ReadonlyMap<string, string> = new Map([
  ['CDI', 'Contrat à durée indéterminée'],
  ['CDD', 'Contrat à durée déterminée - 6 Mois'],
  ['MIS', 'Mission intérimaire - 3 Mois'],
  ['SAI', 'Contrat travail saisonnier - 4 Mois'],
  ['LIB', 'Profession libérale'],
  ['FRA', 'Franchise'],
  ['REP', 'Reprise d’entreprise'],
  ['TTI', 'Contrat de travail temporaire d’insertion'],
  ['DDI', 'Contrat à durée déterminée d’insertion'],
  ['DIN', 'Contrat à durée indéterminée intérimaire'],
  ['CCE', 'Profession commerciale'],
]);

const EXPERIENCE = {
  D: 'Débutant accepté',
  E: 'Expérience exigée de 2 An(s)',
  S: 'Expérience souhaitée de 1 An(s)',
};
const QUALIFICATIONS = [
  ['6', 'Ouvrier qualifié (P3,P4,OHQ)'],
  ['7', 'Technicien'],
  ['8', 'Agent de maîtrise'],
  ['9', 'Cadre'],
] as const;

/** Builds every offer of the world, newest first (the order the search returns them in). */
export function buildOffers(world: World): Offre[] {
  const offers: Offre[] = [];
  const ids = new Set<string>();
  for (const company of world.companies) {
    const random = randomFor(`france-travail:offers:${company.siren}`);
    const count = Math.round(company.headcount / 45) + randomInt(random, 0, 4);
    for (let i = 0; i < count; i++) offers.push(makeOffer(random, company, ids));
  }
  return offers.sort((a, b) => b.dateCreation.localeCompare(a.dateCreation) || a.id.localeCompare(b.id));
}

function makeOffer(random: Random, company: WorldCompany, ids: Set<string>): Offre {
  const establishment: WorldEstablishment = pick(random, company.establishments);
  const commune = establishment.commune;
  const romeCode = pick(random, company.sector.romeCodes);
  const romeLibelle = ROME_LABELS.get(romeCode) ?? romeCode;
  const typeContrat = contractType(random, company.sector.id === 'vins');
  const experienceExige = pick(random, ['D', 'E', 'S'] as const);
  const [qualificationCode, qualificationLibelle] = pick(random, QUALIFICATIONS);
  const month = randomInt(random, 1, 12);
  const day = randomInt(random, 1, 28);
  const created = `2024-${pad(month)}-${pad(day)}T${pad(randomInt(random, 7, 18))}:${pad(randomInt(random, 0, 59))}:00.000Z`;
  const low = 1_800 + randomInt(random, 0, 18) * 50;
  const id = freshId(random, ids);
  return {
    id,
    intitule: `${romeLibelle} (H/F)`,
    description: `${company.name} recrute à ${commune.name} : ${romeLibelle.toLowerCase()}.`,
    dateCreation: created,
    dateActualisation: created,
    lieuTravail: {
      libelle: `${commune.departmentCode} - ${commune.name.toUpperCase()}`,
      codePostal: commune.postalCode,
      commune: commune.code,
    },
    romeCode,
    romeLibelle,
    appellationlibelle: romeLibelle,
    // One offer in ten is published without the employer's name, as on the real service.
    entreprise:
      random() < 0.1
        ? { entrepriseAdaptee: false, siret: establishment.siret }
        : { nom: company.name.toUpperCase(), entrepriseAdaptee: false, siret: establishment.siret },
    typeContrat,
    typeContratLibelle: CONTRACT_TYPES.get(typeContrat)!,
    natureContrat: 'Contrat travail',
    experienceExige,
    experienceLibelle: EXPERIENCE[experienceExige],
    salaire: { libelle: `Mensuel de ${low},00 Euros à ${low + 400},00 Euros sur 12 mois` },
    dureeTravailLibelle: '35H Horaires normaux',
    dureeTravailLibelleConverti: 'Temps plein',
    alternance: random() < 0.08,
    contact: {
      coordonnees1: `https://candidat.francetravail.fr/offres/recherche/detail/${id}`,
      urlPostulation: `https://candidat.francetravail.fr/offres/recherche/detail/${id}`,
    },
    agence: {},
    nombrePostes: randomInt(random, 1, 3),
    accessibleTH: random() < 0.2,
    qualificationCode,
    qualificationLibelle,
    codeNAF: company.sector.nafCode,
    secteurActivite: company.sector.nafCode.slice(0, 2),
    secteurActiviteLibelle: company.sector.nafLabel,
    origineOffre: {
      origine: '1',
      urlOrigine: `https://candidat.francetravail.fr/offres/recherche/detail/${id}`,
    },
    offresManqueCandidats: random() < 0.15,
    contexteTravail: { horaires: ['35H Horaires normaux'] },
    entrepriseAdaptee: false,
    employeurHandiEngage: false,
  };
}

function contractType(random: Random, seasonal: boolean): string {
  const draw = random();
  if (seasonal && draw < 0.3) return 'SAI';
  if (draw < 0.5) return 'CDI';
  if (draw < 0.75) return 'CDD';
  if (draw < 0.97) return 'MIS';
  return 'SAI';
}

/** Ids shaped like the real ones (`201WLXK`: three digits, four letters). */
function freshId(random: Random, ids: Set<string>): string {
  for (;;) {
    let id = String(randomInt(random, 100, 199));
    for (let i = 0; i < 4; i++) id += String.fromCharCode(65 + randomInt(random, 0, 25));
    if (!ids.has(id)) {
      ids.add(id);
      return id;
    }
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
