// The État's block of a territory and its Fonds Vert figures, from the mirror.
import { checkPageSize, decodeCursor, paginate, type PageArgs } from '../../../../kit/src/pagination.js';
import type { EtatContext } from '../context.js';
import type { AxeTotal, FondsVertRecord } from '../etatClient.js';
import { envelopeFor } from '../fondsVertEnvelope.js';

/** Largest page a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
const LIMITS = { max: MAX_PAGE_SIZE, fallback: 20 };
/** Year of the mirrored file. */
export const FONDS_VERT_YEAR = 2023;
const PHASE_2_AXES = ['COMPETENCES', 'FONCIER', 'INNOVATION', 'TRANSITION_ECOLOGIQUE'] as const;
// The three axes of the Fonds Vert 2023 doctrine.
const AXE_LABELS: Record<string, string> = {
  '1': 'Renforcer la performance environnementale',
  '2': 'Adapter les territoires au changement climatique',
  '3': 'Améliorer le cadre de vie',
};

/** The parent value of a territory's État block and of its Fonds Vert figures. */
export interface EtatTerritoryValue {
  id: string;
  communeCodes: string[];
  departmentCodes: string[];
}

const euros = (cents: number) => cents / 100;

async function totalsOf(value: EtatTerritoryValue, ctx: EtatContext): Promise<AxeTotal[]> {
  return (await ctx.loaders.totals.load(value)).byAxe;
}

/** The region that steers the territory: the one in its ANCT id, else its main department's. */
function steeringRegion(value: EtatTerritoryValue, ctx: EtatContext): string {
  const fromId = /^ti-(\d{2})/.exec(value.id)?.[1];
  if (fromId && ctx.geography.regions.has(fromId)) return fromId;
  return ctx.geography.departments.get(value.departmentCodes[0] ?? '')?.regionCode ?? '';
}

export const EtatTerritory = {
  fondsVert: (value: EtatTerritoryValue) => value,
  summary: async (value: EtatTerritoryValue, _args: unknown, ctx: EtatContext) => {
    const totals = await totalsOf(value, ctx);
    const count = totals.reduce((n, t) => n + t.count, 0);
    const cents = totals.reduce((n, t) => n + t.amountCents, 0);
    return {
      operator: 'ETAT',
      count,
      amount: euros(cents),
      byAxis: PHASE_2_AXES.map((axis) =>
        axis === 'TRANSITION_ECOLOGIQUE'
          ? { axis, count, amount: euros(cents) }
          : { axis, count: 0, amount: 0 },
      ),
    };
  },
  source: (_value: EtatTerritoryValue, _args: unknown, ctx: EtatContext) => ctx.sources.fondsVert(),
};

export const FondsVert = {
  year: () => FONDS_VERT_YEAR,
  projectCount: async (value: EtatTerritoryValue, _args: unknown, ctx: EtatContext) =>
    (await totalsOf(value, ctx)).reduce((n, t) => n + t.count, 0),
  amount: async (value: EtatTerritoryValue, _args: unknown, ctx: EtatContext) =>
    euros((await totalsOf(value, ctx)).reduce((n, t) => n + t.amountCents, 0)),
  byAxe: async (value: EtatTerritoryValue, _args: unknown, ctx: EtatContext) =>
    (await totalsOf(value, ctx)).map((t) => ({
      axe: t.axe,
      label: t.axe ? (AXE_LABELS[t.axe] ?? null) : null,
      count: t.count,
      amount: euros(t.amountCents),
    })),
  projects: async (value: EtatTerritoryValue, args: PageArgs, ctx: EtatContext) => {
    // Bad page arguments are refused before the mirror is read.
    checkPageSize(args.first, LIMITS.max, LIMITS.fallback);
    if (args.after) decodeCursor(args.after);
    return paginate(await ctx.loaders.projects.load(value), args, LIMITS);
  },
  unlocated: async (value: EtatTerritoryValue, _args: unknown, ctx: EtatContext) => {
    const rows = await ctx.loaders.unlocated.loadMany(value.departmentCodes);
    const failure = rows.find((r): r is Error => r instanceof Error);
    if (failure) throw failure;
    const found = rows as { count: number; amountCents: number }[];
    return {
      count: found.reduce((n, r) => n + r.count, 0),
      amount: euros(found.reduce((n, r) => n + r.amountCents, 0)),
      departmentCodes: value.departmentCodes,
    };
  },
  envelope: (value: EtatTerritoryValue, _args: unknown, ctx: EtatContext) =>
    envelopeFor(steeringRegion(value, ctx)),
  source: (_value: EtatTerritoryValue, _args: unknown, ctx: EtatContext) => ctx.sources.fondsVert(),
};

export const FondsVertGrant = {
  id: (r: FondsVertRecord) => r.record_key,
  title: (r: FondsVertRecord) => r.nom_du_projet ?? '',
  axe: (r: FondsVertRecord) => r.axe,
  measure: (r: FondsVertRecord) => r.nom_demarche_ds,
  measureId: (r: FondsVertRecord) => r.numero_demarche_ds,
  beneficiaryName: (r: FondsVertRecord) => r.nom_beneficiaire_principal,
  beneficiarySiren: (r: FondsVertRecord) => r.siren,
  beneficiarySiret: (r: FondsVertRecord) => r.siret,
  beneficiaryIdAsPublished: (r: FondsVertRecord) => r.siren_raw,
  communeCode: (r: FondsVertRecord) => r.commune_code,
  communeNameAsPublished: (r: FondsVertRecord) => (r.code_commune ? r.nom_commune : null),
  departmentCode: (r: FondsVertRecord) => r.department_code,
  amount: (r: FondsVertRecord) => euros(Number(r.montant_engage_cents ?? 0)),
  source: (_r: FondsVertRecord, _args: unknown, ctx: EtatContext) => ctx.sources.fondsVert(),
};
