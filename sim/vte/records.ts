// What the simulated VTE backend serves, built from the shared world: VTE offers (Volontariat
// Territorial en Entreprise: a young graduate's first job in an industrial SME) published by the
// world's companies, and the 4,000 € hiring aid granted for each VTE recruited in a Territoire
// d'industrie. Field names follow the VIE offers backend's camelCase style. Illustrative.
import { pick, randomFor, randomInt } from '../../kit/src/prng.js';
import type { World } from '../world.js';

/** A VTE offer as the backend returns it. */
export interface VteOfferItem {
  id: number;
  missionTitle: string;
  missionDescription: string;
  organizationName: string;
  siren: string;
  siret: string;
  cityName: string;
  cityInseeCode: string;
  departmentCode: string;
  /** Months. */
  missionDuration: number;
  missionStartDate: string;
  creationDate: string;
  studyLevel: 'Bac+2' | 'Bac+3' | 'Bac+5';
  activitySectorName: string;
  /** Whether a VTE has been recruited on it. */
  isFilled: boolean;
  /** "VTE Vert" offers are about the company's ecological transition. */
  isGreen: boolean;
}

/** One hiring aid granted. */
export interface VteAidItem {
  id: number;
  offerId: number;
  organizationName: string;
  siren: string;
  siret: string;
  cityInseeCode: string;
  departmentCode: string;
  hiringDate: string;
  aidAmount: number;
  programName: string;
}

/** The flat aid for a VTE recruited in a Territoire d'industrie. */
export const VTE_HIRING_AID = 4_000;

const MISSIONS = [
  ['Chargé(e) de projet amélioration continue', 'Bac+5'],
  ['Technicien(ne) méthodes', 'Bac+2'],
  ['Ingénieur(e) production', 'Bac+5'],
  ['Chargé(e) de développement commercial', 'Bac+3'],
  ['Responsable qualité junior', 'Bac+5'],
  ['Technicien(ne) maintenance industrielle', 'Bac+2'],
] as const;
const GREEN_MISSIONS = [
  'Chargé(e) de mission décarbonation',
  'Chargé(e) de projet économie circulaire',
] as const;

/** Builds every VTE offer and every aid granted, newest first. */
export function buildVteRecords(world: World): { offers: VteOfferItem[]; aids: VteAidItem[] } {
  const offers: VteOfferItem[] = [];
  const aids: VteAidItem[] = [];
  for (const company of world.companies) {
    const random = randomFor(`vte:${company.siren}`);
    if (random() > 0.35) continue;
    const count = randomInt(random, 1, 3);
    for (let i = 0; i < count; i++) {
      const establishment = pick(random, company.establishments);
      const green = random() < 0.25;
      const [title, level] = green
        ? [pick(random, GREEN_MISSIONS), 'Bac+5' as const]
        : pick(random, MISSIONS);
      const year = randomInt(random, 2023, 2025);
      const created = `${year}-${pad(randomInt(random, 1, 12))}-${pad(randomInt(random, 1, 28))}`;
      const start = `${year + (created.slice(5, 7) > '09' ? 1 : 0)}-${pad(randomInt(random, 1, 12))}-01`;
      const id = 40_000 + offers.length + 1;
      const filled = random() < 0.55;
      offers.push({
        id,
        missionTitle: title,
        missionDescription: `${company.name} accueille un VTE à ${establishment.commune.name} : ${title.toLowerCase()}.`,
        organizationName: company.name,
        siren: company.siren,
        siret: establishment.siret,
        cityName: establishment.commune.name,
        cityInseeCode: establishment.commune.code,
        departmentCode: establishment.commune.departmentCode,
        missionDuration: pick(random, [12, 18, 24]),
        missionStartDate: start,
        creationDate: created,
        studyLevel: level,
        activitySectorName: company.sector.label,
        isFilled: filled,
        isGreen: green,
      });
      if (filled) {
        aids.push({
          id: 90_000 + aids.length + 1,
          offerId: id,
          organizationName: company.name,
          siren: company.siren,
          siret: establishment.siret,
          cityInseeCode: establishment.commune.code,
          departmentCode: establishment.commune.departmentCode,
          hiringDate: start,
          aidAmount: VTE_HIRING_AID,
          programName: green ? 'VTE Vert — Territoires d’industrie' : 'VTE — Territoires d’industrie',
        });
      }
    }
  }
  offers.sort((a, b) => b.creationDate.localeCompare(a.creationDate) || a.id - b.id);
  aids.sort((a, b) => b.hiringDate.localeCompare(a.hiringDate) || a.id - b.id);
  return { offers, aids };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
