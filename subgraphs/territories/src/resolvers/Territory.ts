// Fields of Territory, the programme's central entity.
import { paginate } from '../../../../kit/src/pagination.js';
import { sumEuros } from '../../../../kit/src/scalars.js';
import { axisShares } from '../programmeStore.js';
import { checkPhase } from '../validate.js';
import { MAX_PAGE_SIZE } from './Query.js';
import type { TerritoriesContext } from '../context.js';
import type {
  ActionStatus,
  Axis,
  GroupementRecord,
  Phase,
  TerritoryRecord,
} from '../../../../kit/src/reference/programme.js';
import { ANCT_LIST_SOURCE, GENERATED_SOURCE } from '../sources.js';

type PageArgs = { first?: number | null; after?: string | null };

export const Territory = {
  __resolveReference: (ref: { id: string }, ctx: TerritoriesContext) => ctx.loaders.territory.load(ref.id),

  region: (t: TerritoryRecord, _: unknown, ctx: TerritoriesContext) =>
    ctx.store.geography.regions.get(t.regionCode),
  source: (t: TerritoryRecord) => (t.illustrative ? GENERATED_SOURCE : ANCT_LIST_SOURCE),
  mainDepartment: (t: TerritoryRecord, _: unknown, ctx: TerritoriesContext) =>
    ctx.store.geography.departments.get(t.departmentCodes[0] ?? '') ?? null,
  departments: (t: TerritoryRecord, _: unknown, ctx: TerritoriesContext) =>
    t.departmentCodes.map((code) => ctx.store.geography.departments.get(code)).filter(Boolean),
  epcis: (t: TerritoryRecord, _: unknown, ctx: TerritoriesContext) =>
    t.epciSirens.map((siren) => ctx.store.geography.epcis.get(siren)).filter(Boolean),
  communes: (t: TerritoryRecord, args: PageArgs, ctx: TerritoriesContext) => {
    const communes = [...t.communeCodes]
      .sort()
      .map((code) => ctx.store.geography.communes.get(code))
      .filter(Boolean);
    return paginate(communes, args, { max: MAX_PAGE_SIZE, fallback: 50 });
  },
  population: (t: TerritoryRecord, _: unknown, ctx: TerritoriesContext) => ctx.store.population(t),

  actionSheets: (
    t: TerritoryRecord,
    args: PageArgs & { axis?: Axis | null; phase?: number | null; status?: ActionStatus | null },
  ) => {
    const phase = checkPhase(args.phase);
    const sheets = t.actionSheets.filter(
      (s) =>
        s.status !== 'UNDER_REVIEW' &&
        (phase === undefined || s.phase === phase) &&
        (!args.axis || s.axis === args.axis) &&
        (!args.status || s.status === args.status),
    );
    return paginate(sheets, args, { max: MAX_PAGE_SIZE, fallback: 50 });
  },

  // Restricted by @requiresScopes in the schema: the gateway only asks for it on behalf of a
  // caller holding `drafts:read`.
  draftActionSheets: (t: TerritoryRecord, args: PageArgs) =>
    paginate(
      t.actionSheets.filter((s) => s.status === 'UNDER_REVIEW'),
      args,
      { max: MAX_PAGE_SIZE, fallback: 50 },
    ),

  sites: (t: TerritoryRecord) => t.sites.filter((s) => s.applicationStatus !== 'UNDER_REVIEW'),
  siteApplications: (t: TerritoryRecord) => t.sites.filter((s) => s.applicationStatus === 'UNDER_REVIEW'),

  actionPlan: (t: TerritoryRecord, args: { phase?: number | null }) => {
    const phase: Phase = checkPhase(args.phase) ?? 2;
    const sheets = t.actionSheets.filter((s) => s.phase === phase);
    return {
      phase,
      sheetCount: sheets.length,
      totalBudget: sumEuros(sheets.map((s) => s.budgetEuros)),
      byAxis: axisShares(sheets, phase),
    };
  },
};

export const Groupement = {
  epci: (g: GroupementRecord, _: unknown, ctx: TerritoriesContext) =>
    g.kind === 'EPCI' ? (ctx.store.geography.epcis.get(g.siren) ?? null) : null,
};
