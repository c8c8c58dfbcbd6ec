// Which phase-2 axis a Bpifrance measure falls under.
import type { Phase2Axis } from '../../../kit/src/operatorSummary.js';
import type { AidRecord } from './bpifranceClient.js';

/**
 * Investment aid modernises production (innovation), Rebond industriel finances jobs where a site
 * closed (compétences), and the France 2030 call on key products for the ecological transition
 * falls under that axis. A measure published later counts in totals but on no axis.
 */
export function axisOfAid(aid: Pick<AidRecord, 'measure' | 'programme'>): Phase2Axis | null {
  if (aid.measure.includes('transition écologique') || aid.measure.toLowerCase().includes('décarbonation')) {
    return 'TRANSITION_ECOLOGIQUE';
  }
  switch (aid.programme) {
    case 'FONDS_ACCELERATION':
    case 'FRANCE_2030':
      return 'INNOVATION';
    case 'REBOND_INDUSTRIEL':
      return 'COMPETENCES';
    case null:
      return null;
    default: {
      const unreachable: never = aid.programme;
      throw new Error(`unknown programme ${String(unreachable)}`);
    }
  }
}
