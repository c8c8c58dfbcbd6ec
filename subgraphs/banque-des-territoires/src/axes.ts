// Which phase-2 axis a Banque des Territoires theme (thematique) falls under.
import type { Phase2Axis } from '../../../kit/src/operatorSummary.js';

// Themes the portal publishes; one it adds later counts in totals but on no axis until listed here.
const THEME_AXES: Record<string, Phase2Axis> = {
  'Foncier économique et friches': 'FONCIER',
  'Transition écologique et énergétique': 'TRANSITION_ECOLOGIQUE',
  'Compétences et formation': 'COMPETENCES',
  'Innovation et numérique': 'INNOVATION',
};

/** The axis of a theme, or null when the theme falls under none. */
export function axisOfTheme(theme: string): Phase2Axis | null {
  return THEME_AXES[theme] ?? null;
}
