// What the Action Logement simulator serves. Action Logement publishes no open dataset of its aid
// by employer or of its agreements with intercommunalités (none found on data.gouv.fr): the shape
// is OURS, documented in README.md, and every value is illustrative. Aid is aggregated per
// employer, scheme and year (never per employee). Built from the one world, seeded.
import { pick, randomFor, randomInt } from '../../kit/src/prng.js';
import type { World } from '../world.js';

/** The schemes, spelled as the API writes them. */
export const DISPOSITIFS = ['MOBILI-JEUNE', 'MOBILI-PASS', 'AVANCE LOCA-PASS'] as const;
export type Dispositif = (typeof DISPOSITIFS)[number];

/** Aid to one employer's employees, one scheme, one year. */
export interface ActionLogementApiAid {
  id: string;
  dispositif: Dispositif;
  siretEmployeur: string;
  raisonSocialeEmployeur: string;
  codeCommune: string;
  nombreSalaries: number;
  montantTotal: number;
  annee: number;
}

/** A housing supply agreement with an intercommunalité. */
export interface ActionLogementApiAgreement {
  id: string;
  sirenEpci: string;
  intitule: string;
  logementsPrevus: number;
  logementsLivres: number;
  montantEngage: number;
  dateSignature: string;
}

// Per-employee amounts, in the range the schemes publish (Mobili-Jeune up to 100 € a month for a
// year; Mobili-Pass up to a few thousand euros; the Avance Loca-Pass a deposit of up to 1,200 €).
const PER_EMPLOYEE: Record<Dispositif, [number, number]> = {
  'MOBILI-JEUNE': [600, 1200],
  'MOBILI-PASS': [1500, 3500],
  'AVANCE LOCA-PASS': [400, 1200],
};

/** Builds the aid, newest first. */
export function buildActionLogementAids(world: World): ActionLogementApiAid[] {
  const aids: ActionLogementApiAid[] = [];
  for (const company of world.companies) {
    const establishment = company.establishments[0];
    const random = randomFor(`action-logement:${company.siren}`);
    if (!establishment || company.headcount < 10 || random() < 0.5) continue;
    for (const annee of [2023, 2024]) {
      const dispositif = pick(random, DISPOSITIFS);
      const employees = randomInt(random, 1, Math.max(1, Math.min(12, Math.floor(company.headcount / 10))));
      const [low, high] = PER_EMPLOYEE[dispositif];
      aids.push({
        id: `AL-${establishment.siret}-${annee}-${DISPOSITIFS.indexOf(dispositif) + 1}`,
        dispositif,
        siretEmployeur: establishment.siret,
        raisonSocialeEmployeur: company.name,
        codeCommune: establishment.commune.code,
        nombreSalaries: employees,
        montantTotal: employees * randomInt(random, low / 50, high / 50) * 50,
        annee,
      });
    }
  }
  return aids.sort((a, b) => b.annee - a.annee || a.id.localeCompare(b.id));
}

/** Builds the agreements: about one intercommunalité in three has one. */
export function buildActionLogementAgreements(world: World): ActionLogementApiAgreement[] {
  const agreements: ActionLogementApiAgreement[] = [];
  const seen = new Set<string>();
  for (const territory of world.territories) {
    for (const siren of territory.epciSirens) {
      if (seen.has(siren)) continue;
      seen.add(siren);
      const random = randomFor(`action-logement:epci:${siren}`);
      if (random() < 0.66) continue;
      const planned = randomInt(random, 20, 240);
      agreements.push({
        id: `AL-CONV-${siren}`,
        sirenEpci: siren,
        intitule: pick(random, [
          'Convention de réservation de logements pour les salariés de l’industrie',
          'Programme Action Cœur de Ville — logements pour actifs',
          'Convention territoriale logement des salariés en mobilité',
        ]),
        logementsPrevus: planned,
        logementsLivres: randomInt(random, 0, planned),
        montantEngage: planned * randomInt(random, 20, 60) * 500,
        dateSignature: `${randomInt(random, 2022, 2024)}-${String(randomInt(random, 1, 12)).padStart(2, '0')}-${String(randomInt(random, 1, 28)).padStart(2, '0')}`,
      });
    }
  }
  return agreements.sort(
    (a, b) => b.dateSignature.localeCompare(a.dateSignature) || a.id.localeCompare(b.id),
  );
}
