// Root fields of the territories subgraph.
import { checkSiren } from '../../../../kit/src/reference/companyIds.js';
import { paginate } from '../../../../kit/src/pagination.js';
import { normalizeForSearch } from '../text.js';
import { programmeFacts } from '../programmeFacts.js';
import type { TerritoriesContext } from '../context.js';
import type { Axis, Phase, TerritoryRecord } from '../../../../kit/src/reference/programme.js';
import { checkDepartment, checkInseeCode, checkPhase, checkRegion, checkTerritoryId } from '../validate.js';

/** Largest page a caller may ask for. */
export const MAX_PAGE_SIZE = 200;

interface TerritoryFilter {
  regionCode?: string | null;
  departmentCode?: string | null;
  phase?: number | null;
  axis?: Axis | null;
  nameContains?: string | null;
}

export const Query = {
  territory: (_: unknown, args: { id: string }, ctx: TerritoriesContext) =>
    ctx.loaders.territory.load(checkTerritoryId(args.id)),

  territories: (
    _: unknown,
    args: { filter?: TerritoryFilter | null; first?: number | null; after?: string | null },
    ctx: TerritoriesContext,
  ) => paginate(filterTerritories(ctx, args.filter ?? {}), args, { max: MAX_PAGE_SIZE, fallback: 50 }),

  territoriesOfCommune: (_: unknown, args: { inseeCode: string }, ctx: TerritoriesContext) =>
    ctx.store.territoriesOfCommune(checkInseeCode(args.inseeCode)),

  commune: (_: unknown, args: { inseeCode: string }, ctx: TerritoriesContext) =>
    ctx.store.geography.communes.get(checkInseeCode(args.inseeCode)) ?? null,

  epci: (_: unknown, args: { siren: string }, ctx: TerritoriesContext) =>
    ctx.store.geography.epcis.get(checkSiren(args.siren)) ?? null,

  regions: (_: unknown, __: unknown, ctx: TerritoriesContext) =>
    [...ctx.store.geography.regions.values()].sort((a, b) => a.code.localeCompare(b.code)),

  region: (_: unknown, args: { code: string }, ctx: TerritoriesContext) =>
    ctx.store.geography.regions.get(checkRegion(ctx.store.geography, args.code)),

  department: (_: unknown, args: { code: string }, ctx: TerritoriesContext) =>
    ctx.store.geography.departments.get(checkDepartment(ctx.store.geography, args.code)),

  departments: (_: unknown, args: { regionCode?: string | null }, ctx: TerritoriesContext) => {
    const all = [...ctx.store.geography.departments.values()].sort((a, b) => a.code.localeCompare(b.code));
    if (!args.regionCode) return all;
    const region = checkRegion(ctx.store.geography, args.regionCode);
    return all.filter((d) => d.regionCode === region);
  },

  programme: (_: unknown, args: { phase?: number | null }, ctx: TerritoriesContext) => {
    const phase: Phase = checkPhase(args.phase) ?? 2;
    return ctx.store.statistics(ctx.store.territoriesInPhase(phase), phase);
  },

  programmeFacts: (_: unknown, __: unknown, ctx: TerritoriesContext) => programmeFacts(ctx.store),

  company: (_: unknown, args: { siren: string }) => ({ siren: checkSiren(args.siren) }),
};

function filterTerritories(ctx: TerritoriesContext, filter: TerritoryFilter): TerritoryRecord[] {
  const { store } = ctx;
  const phase = checkPhase(filter.phase);
  let list: TerritoryRecord[] = store.territoriesInPhase(phase);
  if (filter.regionCode) {
    const region = checkRegion(store.geography, filter.regionCode);
    list = list.filter((t) => t.regionCode === region);
  }
  if (filter.departmentCode) {
    const department = checkDepartment(store.geography, filter.departmentCode);
    list = list.filter((t) => t.departmentCodes.includes(department));
  }
  if (filter.axis) {
    const axis = filter.axis;
    list = list.filter((t) => t.actionSheets.some((s) => s.axis === axis));
  }
  if (filter.nameContains) {
    const needle = normalizeForSearch(filter.nameContains);
    list = list.filter((t) => normalizeForSearch(t.name).includes(needle));
  }
  return list;
}
