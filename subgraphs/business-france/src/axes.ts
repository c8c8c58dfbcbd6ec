// Which phase-2 axis a foreign-investment project falls under.
import type { Phase2Axis } from '../../../kit/src/operatorSummary.js';
import type { ProjectRecord } from './businessFranceClient.js';

/**
 * A project settling on a site clé en main is the foncier axis at work; an R&D centre is
 * innovation; low-carbon production is the ecological transition; any other project is counted
 * for the jobs it brings (compétences et recrutement).
 */
export function axisOfProject(project: Pick<ProjectRecord, 'siteId' | 'activity'>): Phase2Axis {
  if (project.siteId !== null) return 'FONCIER';
  switch (project.activity) {
    case 'R&D, ingénierie':
      return 'INNOVATION';
    case 'Production bas carbone':
      return 'TRANSITION_ECOLOGIQUE';
    case 'Production':
    case 'Logistique':
      return 'COMPETENCES';
    default: {
      const unreachable: never = project.activity;
      throw new Error(`unknown activity ${String(unreachable)}`);
    }
  }
}
