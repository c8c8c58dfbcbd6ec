// The `OperatorSummary` every operator subgraph returns: counts and euros in total and for each
// phase-2 axis, added through integer cents so totals never drift.
import { sumEuros } from './scalars.js';

/** The phase-2 priorities, in the programme's order (spelled as the territories subgraph's `Axis`). */
export const PHASE2_AXES = ['COMPETENCES', 'FONCIER', 'INNOVATION', 'TRANSITION_ECOLOGIQUE'] as const;
export type Phase2Axis = (typeof PHASE2_AXES)[number];

/** Operators as the shared `Operator` enum spells them. */
export type OperatorName =
  | 'BANQUE_DES_TERRITOIRES'
  | 'BPIFRANCE'
  | 'ADEME'
  | 'FRANCE_TRAVAIL'
  | 'BUSINESS_FRANCE'
  | 'VTE'
  | 'DGEFP'
  | 'APEC'
  | 'ACTION_LOGEMENT';

/** One counted item: its amount in euros and its axis (null when it falls under none). */
export interface SummaryItem {
  amount: number;
  axis: Phase2Axis | null;
}

/** The value of an `OperatorSummary`. */
export interface OperatorSummaryValue {
  operator: OperatorName;
  count: number;
  amount: number;
  byAxis: { axis: Phase2Axis; count: number; amount: number }[];
}

/**
 * Sums items in total and per axis. Items with no axis count in the total only, so the per-axis
 * figures never claim more than the operator said.
 */
export function summarize(operator: OperatorName, items: readonly SummaryItem[]): OperatorSummaryValue {
  return {
    operator,
    count: items.length,
    amount: sumEuros(items.map((i) => i.amount)),
    byAxis: PHASE2_AXES.map((axis) => {
      const onAxis = items.filter((i) => i.axis === axis);
      return { axis, count: onAxis.length, amount: sumEuros(onAxis.map((i) => i.amount)) };
    }),
  };
}
