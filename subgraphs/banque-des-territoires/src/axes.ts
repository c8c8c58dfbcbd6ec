// Which phase-2 axis a Caisse des Dépôts subsidy counts for. The dataset publishes no theme, only
// the object of the agreement (`objet`, free text, often in capitals), so the axis is read from its
// words: the first rule that matches wins, and an object no rule recognises counts on no axis.
import type { Phase2Axis } from '../../../kit/src/operatorSummary.js';

// Checked in this order on the object without accents, in lower case.
const RULES: readonly [Phase2Axis, RegExp][] = [
  [
    'TRANSITION_ECOLOGIQUE',
    /transition (ecologique|energetique|agricole|alimentaire)|climat|energ|renouvelable|biodiversite|decarbon|environnement|mobilite durable|economie circulaire|dechets/,
  ],
  ['COMPETENCES', /formation|competence|emploi|apprenti|insertion|ecole de production|metiers|qualification/],
  ['INNOVATION', /innovation|numerique|recherche|technolog|incubat|start-?up|french tech|laborato/],
  ['FONCIER', /foncier|friche|zone d.activite|immobilier d.entreprise|amenagement|site industriel/],
];

/** The axis a subsidy's object falls under, or null when none of the rules recognises it. */
export function axisOfSubsidy(objet: string | null): Phase2Axis | null {
  if (!objet) return null;
  const words = objet
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return RULES.find(([, pattern]) => pattern.test(words))?.[0] ?? null;
}
