// The actions the DGEFP simulator serves. DGEFP publishes no open dataset of FNE-Formation, GPEC
// territoriale or Écoles de production support by company or commune (we found none on
// data.gouv.fr or DARES with a documented shape): the shape is OURS, documented in README.md,
// and every value is illustrative. Built from the one world, so the companies are the ones the
// other operators serve; a seeded generator gives the same data on every run.
import { pick, randomFor, randomInt } from '../../kit/src/prng.js';
import type { World } from '../world.js';

/** The schemes, spelled as the API writes them. */
export const DISPOSITIFS = ['FNE-Formation', 'GPEC territoriale', 'Ecole de production'] as const;
export type Dispositif = (typeof DISPOSITIFS)[number];

/** One action as the (documented, illustrative) DGEFP API writes it. */
export interface DgefpApiAction {
  id: string;
  dispositif: Dispositif;
  intitule: string;
  /** Establishment trained or supported; null for a territorial GPEC action carried by the EPCI. */
  siret: string | null;
  raisonSociale: string | null;
  codeCommune: string;
  salariesFormes: number;
  montantEngage: number;
  dateDecision: string;
}

const FNE_SUBJECTS = [
  'Transition numérique des ateliers',
  'Compétences vertes — maintenance',
  'Management de proximité',
  'Soudure et chaudronnerie',
  'Conduite de lignes automatisées',
];
const GPEC_SUBJECTS = [
  'Diagnostic emplois-compétences du bassin',
  'Plateforme RH partagée des PME industrielles',
  'Gestion prévisionnelle des emplois de la filière',
];

const day = (random: () => number, year: number) =>
  `${year}-${String(randomInt(random, 1, 12)).padStart(2, '0')}-${String(randomInt(random, 1, 28)).padStart(2, '0')}`;

/** Builds the simulator's actions from the world, newest first. */
export function buildDgefpActions(world: World): DgefpApiAction[] {
  const actions: DgefpApiAction[] = [];
  for (const company of world.companies) {
    const random = randomFor(`dgefp:${company.siren}`);
    const establishment = company.establishments[0];
    if (!establishment || random() < 0.55) continue;
    const count = randomInt(random, 1, 2);
    for (let i = 0; i < count; i++) {
      const school = random() < 0.12;
      const trained = school
        ? randomInt(random, 12, 36)
        : randomInt(random, 3, Math.max(4, Math.min(60, company.headcount)));
      actions.push({
        id: `DGEFP-${establishment.siret}-${i + 1}`,
        dispositif: school ? 'Ecole de production' : 'FNE-Formation',
        intitule: school
          ? `École de production ${company.sector.label.toLowerCase()} — ${company.name}`
          : `${pick(random, FNE_SUBJECTS)} — ${company.name}`,
        siret: establishment.siret,
        raisonSociale: company.name,
        codeCommune: establishment.commune.code,
        salariesFormes: trained,
        // FNE-Formation pays part of the training cost per employee; Écoles de production get a
        // yearly operating grant.
        montantEngage: school ? randomInt(random, 60, 150) * 1000 : trained * randomInt(random, 8, 30) * 50,
        dateDecision: day(random, randomInt(random, 2023, 2024)),
      });
    }
  }
  for (const territory of world.territories) {
    const random = randomFor(`dgefp:gpec:${territory.id}`);
    if (random() < 0.4) continue;
    const commune = territory.communeCodes[0];
    if (!commune) continue;
    actions.push({
      id: `DGEFP-GPECT-${territory.id}`,
      dispositif: 'GPEC territoriale',
      intitule: `${pick(random, GPEC_SUBJECTS)} — ${territory.name}`,
      siret: null,
      raisonSociale: null,
      codeCommune: commune,
      salariesFormes: randomInt(random, 20, 200),
      montantEngage: randomInt(random, 20, 90) * 1000,
      dateDecision: day(random, randomInt(random, 2023, 2024)),
    });
  }
  return actions.sort((a, b) => b.dateDecision.localeCompare(a.dateDecision) || a.id.localeCompare(b.id));
}
