// What the simulated VTE backend serves, built from the shared world: VTE offers (Volontariat
// Territorial en Entreprise: a young graduate's first job in an industrial SME) published by the
// world's companies, and the aid granted when a VTE is recruited. Everything is illustrative.
//
// Field names. The offers follow Business France's VIE offers backend, whose offer field names are
// recorded only as a public client reads them (kit/test/fixtures/real/
// businessfrance_vie_offers_search_request_and_fields.json; the response BODY is not recorded):
//   recorded:   id, missionTitle, missionDescription, missionProfile, organizationName,
//               teleworkingAvailable, contactName, contactEmail, countryName, cityName,
//               missionDuration, missionStartDate, missionEndDate, indemnite, creationDate
//   unverified (seen in other clients): reference, missionType
//   modelled here, no recorded counterpart (a territorial backend needs them): siret,
//               cityInseeCode, isFilled
// The aid collection has no counterpart at all in the VIE backend: its field names are ours.
//
// Two distinct aid schemes, never one amount under two names:
// - the Territoires d'industrie VTE aid, 4,000 € per VTE recruited by a company of a territory
//   (the programme's offer, seed deck);
// - the VTE Vert aid (France Relance, "1 jeune 1 solution", paid by Bpifrance with the Ministry of
//   Labour and ADEME) for a mission on the company's ecological transition: 8,000 € at its launch
//   (préfecture du Nord, 15/04/2021), up to 12,000 € from 2022 (préfecture du Puy-de-Dôme,
//   28/02/2022), 8,000 € when combined with the apprenticeship aid, one per SIRET, and cumulable
//   with the Territoires d'industrie aid (cap-metiers.pro fiche 970). URLs in VTE_VERT_SOURCES.
import { pick, randomFor, randomInt } from '../../kit/src/prng.js';
import type { World } from '../world.js';

/** A VTE offer as the backend returns it. */
export interface VteOfferItem {
  id: number;
  reference: string;
  missionTitle: string;
  missionDescription: string;
  missionProfile: string;
  organizationName: string;
  teleworkingAvailable: boolean;
  /** Present and null: the simulator serves no personal data. */
  contactName: null;
  contactEmail: null;
  countryName: 'France';
  cityName: string;
  /** Months. */
  missionDuration: number;
  missionStartDate: string;
  missionEndDate: string;
  /** Monthly gross pay offered, in euros (the VIE backend's allowance field). */
  indemnite: number;
  creationDate: string;
  missionType: VteMissionType;
  siret: string;
  cityInseeCode: string;
  /** Whether a VTE has been recruited on it. */
  isFilled: boolean;
}

/** "VTE Vert" missions are about the company's ecological transition. */
export type VteMissionType = 'VTE' | 'VTE Vert';

/** The two aid schemes (see the file header). */
export type VteAidScheme = 'VTE_TERRITOIRES_INDUSTRIE' | 'VTE_VERT';

/** Contract of the recruited VTE. */
export type VteContract = 'CDI' | 'CDD' | 'ALTERNANCE';

/** One aid granted for a VTE recruited on an offer. */
export interface VteAidItem {
  id: number;
  offerId: number;
  organizationName: string;
  siret: string;
  cityInseeCode: string;
  hiringDate: string;
  contractType: VteContract;
  aidScheme: VteAidScheme;
  aidAmount: number;
}

/** The Territoires d'industrie aid for a VTE recruited by a company of a territory. */
export const VTE_HIRING_AID = 4_000;

/** Where the VTE Vert amounts are published. */
export const VTE_VERT_SOURCES = {
  launch8000:
    'https://www.nord.gouv.fr/Actualites/Actualites/L-Aide-Volontariat-Territorial-en-Entreprise-vert-VTE',
  upTo12000:
    'https://www.puy-de-dome.gouv.fr/Actions-de-l-Etat/Plan-de-relance/Aide-volontariat-territorial-en-entreprise-vert-VTE-vert',
  rules:
    'https://www.cap-metiers.pro/Fiches-techniques/Aides-embauche/970/Volontariat-Territorial-Entreprise-VTE/',
} as const;

/** The VTE Vert aid for a hire: 8,000 € in 2021 or with the apprenticeship aid, else 12,000 €. */
export function vteVertAid(hiringDate: string, contract: VteContract): number {
  return hiringDate < '2022-01-01' || contract === 'ALTERNANCE' ? 8_000 : 12_000;
}

const MISSIONS = [
  ['Chargé(e) de projet amélioration continue', 'Bac+5, première expérience en production'],
  ['Technicien(ne) méthodes', 'Bac+2/3 en génie industriel'],
  ['Ingénieur(e) production', 'Bac+5 ingénieur généraliste ou mécanique'],
  ['Chargé(e) de développement commercial', 'Bac+3/5 école de commerce'],
  ['Responsable qualité junior', 'Bac+5 qualité, sécurité, environnement'],
  ['Technicien(ne) maintenance industrielle', 'Bac+2 maintenance des systèmes'],
] as const;
const GREEN_MISSIONS = [
  ['Chargé(e) de mission décarbonation', 'Bac+5 énergie ou environnement'],
  ['Chargé(e) de projet économie circulaire', 'Bac+5 environnement, éco-conception'],
] as const;
const CONTRACTS: readonly VteContract[] = ['CDI', 'CDI', 'CDD', 'ALTERNANCE'];

/** Builds every VTE offer and every aid granted, newest first. */
export function buildVteRecords(world: World): { offers: VteOfferItem[]; aids: VteAidItem[] } {
  const offers: VteOfferItem[] = [];
  const aids: Omit<VteAidItem, 'id'>[] = [];
  const greenAidedSirets = new Set<string>();
  for (const company of world.companies) {
    const random = randomFor(`vte:${company.siren}`);
    if (random() > 0.35) continue;
    const count = randomInt(random, 1, 3);
    for (let i = 0; i < count; i++) {
      const establishment = pick(random, company.establishments);
      const green = random() < 0.25;
      const [title, profile] = green ? pick(random, GREEN_MISSIONS) : pick(random, MISSIONS);
      const year = randomInt(random, 2023, 2025);
      const created = `${year}-${pad(randomInt(random, 1, 12))}-${pad(randomInt(random, 1, 28))}`;
      const startYear = year + (created.slice(5, 7) > '09' ? 1 : 0);
      const startMonth = randomInt(random, 1, 12);
      const duration = pick(random, [12, 18, 24]);
      const id = 40_000 + offers.length + 1;
      const filled = random() < 0.55;
      const start = `${startYear}-${pad(startMonth)}-01`;
      offers.push({
        id,
        reference: `VTE-${year}-${String(id).padStart(6, '0')}`,
        missionTitle: title,
        missionDescription: `${company.name} accueille un VTE à ${establishment.commune.name} : ${title.toLowerCase()}.`,
        missionProfile: profile,
        organizationName: company.name,
        teleworkingAvailable: random() < 0.3,
        contactName: null,
        contactEmail: null,
        countryName: 'France',
        cityName: establishment.commune.name,
        missionDuration: duration,
        missionStartDate: `${start}T00:00:00`,
        missionEndDate: `${endOf(startYear, startMonth, duration)}T00:00:00`,
        indemnite: randomInt(random, 19, 27) * 100,
        creationDate: `${created}T00:00:00`,
        missionType: green ? 'VTE Vert' : 'VTE',
        siret: establishment.siret,
        cityInseeCode: establishment.commune.code,
        isFilled: filled,
      });
      if (!filled) continue;
      const contract = pick(random, CONTRACTS);
      const hire = {
        offerId: id,
        organizationName: company.name,
        siret: establishment.siret,
        cityInseeCode: establishment.commune.code,
        hiringDate: start,
        contractType: contract,
      };
      // Every company of the world sits in a Territoire d'industrie: each hire gets the TI aid.
      aids.push({ ...hire, aidScheme: 'VTE_TERRITOIRES_INDUSTRIE', aidAmount: VTE_HIRING_AID });
      // VTE Vert: its own scheme and amount, at most one per establishment (SIRET).
      if (green && !greenAidedSirets.has(establishment.siret)) {
        greenAidedSirets.add(establishment.siret);
        aids.push({ ...hire, aidScheme: 'VTE_VERT', aidAmount: vteVertAid(start, contract) });
      }
    }
  }
  offers.sort((a, b) => b.creationDate.localeCompare(a.creationDate) || a.id - b.id);
  const numbered = aids.map((aid, i) => ({ id: 90_000 + i + 1, ...aid }));
  numbered.sort((a, b) => b.hiringDate.localeCompare(a.hiringDate) || a.id - b.id);
  return { offers, aids: numbered };
}

/** Last day of a mission of `months` starting on the first of `month`. */
function endOf(year: number, month: number, months: number): string {
  const end = new Date(Date.UTC(year, month - 1 + months, 0));
  return end.toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
