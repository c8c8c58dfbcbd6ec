// Fields of one territory's Banque des Territoires contribution, read from the mirror.
import type { TerritoryScope } from '../../../../kit/src/mirror/territoryQueries.js';
import { PHASE2_AXES, type OperatorSummaryValue } from '../../../../kit/src/operatorSummary.js';
import { checkPageSize, decodeCursor, paginate } from '../../../../kit/src/pagination.js';
import { sumEuros } from '../../../../kit/src/scalars.js';
import type { SubsidyRecord } from '../banqueDesTerritoiresClient.js';
import type { BanqueDesTerritoiresContext } from '../context.js';
import { productionSchoolsOf } from '../productionSchools.js';

/** Largest page of financings a caller may ask for. */
export const MAX_PAGE_SIZE = 100;

/** The parent value: which territory, its scope in the mirror, and when the mirror was synced. */
export interface BanqueDesTerritoiresValue {
  territoryId: string;
  communeCodes: string[];
  scope: TerritoryScope;
  retrievedAt: string;
}

/** A subsidy and when its copy was synced, for `Financing`. */
export interface FinancingValue {
  record: SubsidyRecord;
  retrievedAt: string;
}

type Ctx = BanqueDesTerritoiresContext;
type V = BanqueDesTerritoiresValue;

function schoolsOf(v: V, ctx: Ctx) {
  return productionSchoolsOf(v.territoryId, v.communeCodes, ctx.geography);
}

export const BanqueDesTerritoires = {
  source: (v: V, _: unknown, ctx: Ctx) => ctx.subsidySource(v.retrievedAt),

  financings: async (v: V, args: { first?: number | null; after?: string | null }, ctx: Ctx) => {
    // Checked before the mirror is read.
    checkPageSize(args.first, MAX_PAGE_SIZE, 20);
    if (args.after) decodeCursor(args.after);
    const records = await ctx.loaders.subsidies.load(v.scope);
    // Newest agreement first; the record id breaks ties so pages are stable.
    const sorted = [...records].sort(
      (a, b) =>
        (b.dateconvention ?? '').localeCompare(a.dateconvention ?? '') ||
        a.record_key.localeCompare(b.record_key),
    );
    const values: FinancingValue[] = sorted.map((record) => ({ record, retrievedAt: v.retrievedAt }));
    return paginate(values, args, { max: MAX_PAGE_SIZE, fallback: 20 });
  },

  productionSchools: (v: V, _: unknown, ctx: Ctx) =>
    schoolsOf(v, ctx).map((school) => ({ ...school, source: ctx.generatedSource })),

  summary: async (v: V, _: unknown, ctx: Ctx): Promise<OperatorSummaryValue> => {
    const totals = await ctx.loaders.totals.load(v.scope);
    // Écoles de production train for industrial trades: the compétences axis.
    const schools = schoolsOf(v, ctx);
    const schoolAmount = sumEuros(schools.map((s) => s.support));
    return {
      operator: 'BANQUE_DES_TERRITOIRES',
      count: totals.count + schools.length,
      amount: sumEuros([totals.amountCents / 100, schoolAmount]),
      byAxis: PHASE2_AXES.map((axis) => {
        const found = totals.byAxis.find((a) => a.axis === axis);
        const count = (found?.count ?? 0) + (axis === 'COMPETENCES' ? schools.length : 0);
        const cents = found?.amountCents ?? 0;
        return {
          axis,
          count,
          amount: sumEuros([cents / 100, axis === 'COMPETENCES' ? schoolAmount : 0]),
        };
      }),
    };
  },
};

export const Financing = {
  id: (f: FinancingValue) => f.record.record_key,
  grantorName: (f: FinancingValue) => f.record.nomattribuant,
  decisionReference: (f: FinancingValue) => f.record.referencedecision,
  object: (f: FinancingValue) => f.record.objet,
  amount: (f: FinancingValue) => (f.record.montant_cents ?? 0) / 100,
  agreementMonth: (f: FinancingValue) => (f.record.dateconvention ?? '').slice(0, 7),
  beneficiaryName: (f: FinancingValue) => f.record.nombeneficiaire,
  beneficiarySiret: (f: FinancingValue) => f.record.idbeneficiaire,
  beneficiarySiren: (f: FinancingValue) => f.record.siren,
  nature: (f: FinancingValue) => f.record.nature,
  paymentConditions: (f: FinancingValue) => f.record.conditionsversement,
  paymentStart: (f: FinancingValue) => f.record.datesversement_debut,
  paymentEnd: (f: FinancingValue) => f.record.datesversement_fin,
  notifiedToEu: (f: FinancingValue) => yesNo(f.record.notificationue),
  subsidyRate: (f: FinancingValue) => f.record.pourcentagesubvention,
  communeCode: (f: FinancingValue) => f.record.commune_code,
  epciSiren: (f: FinancingValue) => f.record.epci_siren,
  axis: (f: FinancingValue) => f.record.axis,
  source: (f: FinancingValue, _: unknown, ctx: Ctx) => ctx.subsidySource(f.retrievedAt),
};

// `Oui` / `Non` as published; anything else (or nothing) says nothing.
function yesNo(value: string | null): boolean | null {
  const v = value?.trim().toLowerCase();
  return v === 'oui' ? true : v === 'non' ? false : null;
}
