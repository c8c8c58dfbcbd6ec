// Territory and Company, as this subgraph extends them, and Action Logement's contribution to each:
// the gateway hands over a territory's communes and intercommunalités, or a SIREN; one batched read
// per kind answers every field below.
import { summarize } from '../../../../kit/src/operatorSummary.js';
import { checkPageSize, decodeCursor, paginate, type PageArgs } from '../../../../kit/src/pagination.js';
import { describeSource, type SourceInfo } from '../../../../kit/src/provenance.js';
import { checkSiren } from '../../../../kit/src/reference/companyIds.js';
import { sumEuros } from '../../../../kit/src/scalars.js';
import {
  DATASET,
  type HousingAgreement,
  type HousingAid,
  type HousingScheme,
} from '../actionLogementClient.js';
import type { ActionLogementContext } from '../context.js';
import type { KeyItems, ListLoader } from '../loaders.js';

/** Largest page a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
const LIMITS = { max: MAX_PAGE_SIZE, fallback: 20 };
type Ctx = ActionLogementContext;

/** The representation the gateway sends (`@requires(fields: "communeCodes epciSirens")`). */
export interface TerritoryRepresentation {
  id: string;
  communeCodes: string[];
  epciSirens: string[];
}

/** What a territory's or a company's fields are computed from. */
export interface HousingValue {
  aids: HousingAid[];
  agreements: HousingAgreement[];
  source: SourceInfo;
}

/** Loads keys, failing as a whole when one failed; items flattened, provenance the oldest. */
async function load<T>(loader: ListLoader<KeyItems<T>>, keys: readonly string[]) {
  const parts = await loader.load(keys);
  return { items: parts.flatMap((p) => p.items), sources: parts.map((p) => p.source) };
}

function oldest(sources: SourceInfo[], ctx: Ctx): SourceInfo {
  // The first of the oldest, in one pass (a territory brings one source per commune).
  let first: SourceInfo | undefined;
  for (const source of sources) {
    if (!first || (source.retrievedAt ?? '').localeCompare(first.retrievedAt ?? '') < 0) first = source;
  }
  return first ?? describeSource(DATASET, ctx.baseUrl, null);
}

const newest = (aids: HousingAid[]) => aids.sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));

/** Every aid and agreement counts on the compétences axis, for the amount granted or committed. */
const summaryOf = (v: HousingValue) =>
  summarize('ACTION_LOGEMENT', [
    ...v.aids.map((a) => ({ amount: a.amount, axis: 'COMPETENCES' as const })),
    ...v.agreements.map((a) => ({ amount: a.amount, axis: 'COMPETENCES' as const })),
  ]);

export const Territory = {
  actionLogement: async (t: TerritoryRepresentation, _: unknown, ctx: Ctx): Promise<HousingValue> => {
    const [aids, agreements] = await Promise.all([
      load(ctx.loaders.aidsByCommune, t.communeCodes),
      load(ctx.loaders.agreementsByEpci, t.epciSirens),
    ]);
    return {
      aids: newest(aids.items),
      agreements: agreements.items.sort(
        (a, b) => b.signedOn.localeCompare(a.signedOn) || a.id.localeCompare(b.id),
      ),
      source: oldest([...aids.sources, ...agreements.sources], ctx),
    };
  },
};

export const Company = {
  __resolveReference: (ref: { siren: string }) => ({ siren: checkSiren(ref.siren) }),
  actionLogement: async (c: { siren: string }, _: unknown, ctx: Ctx): Promise<HousingValue> => {
    const aids = await load(ctx.loaders.aidsByCompany, [checkSiren(c.siren)]);
    return { aids: newest(aids.items), agreements: [], source: oldest(aids.sources, ctx) };
  },
};

export const ActionLogementTerritory = {
  aids: (v: HousingValue, args: PageArgs & { scheme?: HousingScheme | null }) => {
    checkPageSize(args.first, LIMITS.max, LIMITS.fallback);
    if (args.after) decodeCursor(args.after);
    const chosen = args.scheme ? v.aids.filter((a) => a.scheme === args.scheme) : v.aids;
    return { ...paginate(chosen, args, LIMITS), totalAmount: sumEuros(chosen.map((a) => a.amount)) };
  },
  employeesHelped: (v: HousingValue) => v.aids.reduce((sum, a) => sum + a.employees, 0),
  agreements: (v: HousingValue) => v.agreements,
  summary: summaryOf,
  source: (v: HousingValue) => v.source,
};

export const ActionLogementCompany = {
  aids: (v: HousingValue) => v.aids,
  summary: summaryOf,
  source: (v: HousingValue) => v.source,
};

export const HousingAidType = { company: (a: HousingAid) => ({ siren: a.siren }) };
