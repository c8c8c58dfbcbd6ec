// Fields of DGEFP's contribution to a territory or a company, and of the actions it lists.
import { summarize } from '../../../../kit/src/operatorSummary.js';
import { checkPageSize, decodeCursor, paginate, type PageArgs } from '../../../../kit/src/pagination.js';
import { describeSource, type SourceInfo } from '../../../../kit/src/provenance.js';
import { sumEuros } from '../../../../kit/src/scalars.js';
import { DATASET, type DgefpAction, type DgefpScheme } from '../dgefpClient.js';
import type { DgefpContext } from '../context.js';
import type { KeyActions } from '../loaders.js';

/** Largest page a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
const LIMITS = { max: MAX_PAGE_SIZE, fallback: 20 };
const SCHEMES: DgefpScheme[] = ['FNE_FORMATION', 'GPEC_TERRITORIALE', 'ECOLE_DE_PRODUCTION'];

/** A territory's or a company's actions, as read for the request. */
export interface DgefpValue {
  actions: DgefpAction[];
  source: SourceInfo;
}

/** Merges the keys' actions (newest first, then by id) and the oldest provenance of their batches. */
export function mergeKeys(parts: KeyActions[], ctx: DgefpContext): DgefpValue {
  const actions = parts
    .flatMap((p) => p.actions)
    .sort((a, b) => b.decidedOn.localeCompare(a.decidedOn) || a.id.localeCompare(b.id));
  const source =
    parts.map((p) => p.source).sort((a, b) => (a.retrievedAt ?? '').localeCompare(b.retrievedAt ?? ''))[0] ??
    describeSource(DATASET, ctx.baseUrl, null);
  return { actions, source };
}

/** Every action counts on the compétences axis, for the amount the State committed. */
export const summaryOf = (v: DgefpValue) =>
  summarize(
    'DGEFP',
    v.actions.map((a) => ({ amount: a.amount, axis: 'COMPETENCES' as const })),
  );

export const DgefpTerritory = {
  actions: (v: DgefpValue, args: PageArgs & { scheme?: DgefpScheme | null }) => {
    // Bad page arguments are refused before anything is shown.
    checkPageSize(args.first, LIMITS.max, LIMITS.fallback);
    if (args.after) decodeCursor(args.after);
    const chosen = args.scheme ? v.actions.filter((a) => a.scheme === args.scheme) : v.actions;
    return paginate(chosen, args, LIMITS);
  },
  byScheme: (v: DgefpValue) =>
    SCHEMES.map((scheme) => {
      const of = v.actions.filter((a) => a.scheme === scheme);
      return {
        scheme,
        count: of.length,
        trainedEmployees: of.reduce((sum, a) => sum + a.trainedEmployees, 0),
        amount: sumEuros(of.map((a) => a.amount)),
      };
    }),
  summary: summaryOf,
  source: (v: DgefpValue) => v.source,
};

export const DgefpCompany = {
  actions: (v: DgefpValue) => v.actions,
  summary: summaryOf,
  source: (v: DgefpValue) => v.source,
};

export const DgefpActionType = {
  company: (a: DgefpAction) => (a.siren ? { siren: a.siren } : null),
};
