// One mirrored ADEME aid as the schema shows it, and the summaries built from aids. Every ADEME
// aid counts on the ecological-transition axis; rows the mirror has not given an axis (the
// parser leaves it to a mapping) count there too.
import type { AxisTotal } from '../../../../kit/src/mirror/index.js';
import {
  PHASE2_AXES,
  type OperatorSummaryValue,
  type Phase2Axis,
} from '../../../../kit/src/operatorSummary.js';
import type { AdemeAidRow } from '../ademeMirror.js';
import type { AdemeContext } from '../context.js';

const ADEME_AXIS: Phase2Axis = 'TRANSITION_ECOLOGIQUE';

/** The aid's amount in euros (cents as stored). */
export function amountOf(row: AdemeAidRow): number {
  return (row.montant_cents ?? 0) / 100;
}

/** Aids newest agreement first, then by id, so pages are stable. */
export function newestFirst(rows: AdemeAidRow[]): AdemeAidRow[] {
  return rows.sort(
    (a, b) =>
      (b.dateconvention ?? '').localeCompare(a.dateconvention ?? '') ||
      a.record_key.localeCompare(b.record_key),
  );
}

/** An `OperatorSummary` from totals by axis (in cents); a null axis is ADEME's axis. */
export function toOperatorSummary(totals: {
  count: number;
  amountCents: number | null;
  byAxis: readonly AxisTotal[];
}): OperatorSummaryValue {
  const onAxis = (axis: Phase2Axis) => totals.byAxis.filter((t) => (t.axis ?? ADEME_AXIS) === axis);
  return {
    operator: 'ADEME',
    count: totals.count,
    amount: (totals.amountCents ?? 0) / 100,
    byAxis: PHASE2_AXES.map((axis) => ({
      axis,
      count: onAxis(axis).reduce((n, t) => n + t.count, 0),
      amount: onAxis(axis).reduce((n, t) => n + (t.amountCents ?? 0), 0) / 100,
    })),
  };
}

/** The summary of a list of aids (a company's): the same totals, grouped here. */
export function summaryOfRows(rows: readonly AdemeAidRow[]): OperatorSummaryValue {
  const byAxis = new Map<string | null, AxisTotal>();
  for (const row of rows) {
    const total = byAxis.get(row.axis) ?? { axis: row.axis, count: 0, amountCents: 0 };
    total.count++;
    total.amountCents = (total.amountCents ?? 0) + (row.montant_cents ?? 0);
    byAxis.set(row.axis, total);
  }
  return toOperatorSummary({
    count: rows.length,
    amountCents: rows.reduce((n, r) => n + (r.montant_cents ?? 0), 0),
    byAxis: [...byAxis.values()],
  });
}

export const AdemeAid = {
  id: (r: AdemeAidRow) => r.record_key,
  reference: (r: AdemeAidRow) => r.referencedecision,
  agreementDate: (r: AdemeAidRow) => r.dateconvention,
  beneficiaryName: (r: AdemeAidRow) => r.nombeneficiaire ?? '',
  // Only a 14-digit id is a SIRET; the parser keeps anything else as published.
  siret: (r: AdemeAidRow) =>
    r.idbeneficiaire && /^\d{14}$/.test(r.idbeneficiaire) ? r.idbeneficiaire : null,
  company: (r: AdemeAidRow) => (r.siren ? { siren: r.siren } : null),
  object: (r: AdemeAidRow) => r.objet,
  amount: amountOf,
  scheme: (r: AdemeAidRow) => r.dispositifaide,
  nature: (r: AdemeAidRow) => r.nature,
  paymentConditions: (r: AdemeAidRow) => r.conditionsversement,
  paymentStart: (r: AdemeAidRow) => r.versement_debut,
  paymentEnd: (r: AdemeAidRow) => r.versement_fin,
  euNotification: (r: AdemeAidRow) => r.notificationue,
  subsidyRate: (r: AdemeAidRow) => r.pourcentagesubvention,
  communeCode: (r: AdemeAidRow) => r.commune_code,
  departmentCode: (r: AdemeAidRow) => r.department_code,
  axis: (r: AdemeAidRow) => r.axis ?? ADEME_AXIS,
  source: async (_: AdemeAidRow, __: unknown, ctx: AdemeContext) => (await ctx.loaders.freshness()).source,
};
