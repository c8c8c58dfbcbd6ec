// Fields of France Travail's contribution to a territory: live offers (per department batch,
// within the time budget), the BMO recruitment outlook (mirror) and Marché du travail indicators.
import type { GraphQLResolveInfo } from 'graphql';
import { CodedError, ErrorCode } from '../../../../kit/src/errors.js';
import { loadFlat } from '../../../../kit/src/loadFlat.js';
import { summarize } from '../../../../kit/src/operatorSummary.js';
import { checkPageSize, decodeCursor, paginate, type PageArgs } from '../../../../kit/src/pagination.js';
import type { FranceTravailContext } from '../context.js';
import type { IndicatorAnswer } from '../franceTravailClient.js';
import { perParent } from '../../../../kit/src/perParent.js';
import type { BmoRecord, ListedOffer, OfferFilter } from '../loaders.js';
import { BMO_DATASET, INDICATORS_DATASET, OFFERS_DATASET, sourceOf } from '../sources.js';
import { checkRomeCode } from '../validate.js';

/** Largest page of offers a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

/** The parent value of a territory's contribution. */
export interface FranceTravailTerritoryValue {
  territoryId: string;
  communeCodes: string[];
  departmentCodes: string[];
}

type Ctx = FranceTravailContext;
type OfferArgs = PageArgs & { romeCode?: string | null; contractType?: string | null };

/** Checks page arguments up front, so a bad one costs no upstream call. */
export function checkPage(args: PageArgs): void {
  checkPageSize(args.first, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  if (args.after) decodeCursor(args.after);
}

/**
 * Offers newest first, then by id. ISO times and France Travail ids compare by code unit, which a
 * national list of thousands sorts several times faster than `localeCompare`.
 */
export function newestFirst<T extends ListedOffer>(offers: T[]): T[] {
  return offers.sort((a, b) => compareText(b.createdAt, a.createdAt) || compareText(a.id, b.id));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A page of offers with the number of positions they offer, and what is missing; only the
 * offers shown are read whole.
 */
export async function offerPage(offers: ListedOffer[], args: PageArgs, missingDepartments: string[] = []) {
  const page = paginate(offers, args, { max: MAX_PAGE_SIZE, fallback: DEFAULT_PAGE_SIZE });
  return {
    ...page,
    nodes: await Promise.all(page.nodes.map((listedOffer) => listedOffer.offer())),
    positionCount: offers.reduce((sum, offer) => sum + offer.positions, 0),
    complete: missingDepartments.length === 0,
    missingDepartments,
  };
}

/** The oldest of some ISO times (null when none). */
export function oldest(times: readonly (string | null)[]): string | null {
  return times.filter((t): t is string => t !== null).sort()[0] ?? null;
}

/** A territory's offers under a filter, newest first, with when they were read and what is missing. */
interface TerritoryOffers {
  offers: ListedOffer[];
  retrievedAt: string | null;
  missing: string[];
}

/** One load and sort per territory, filter and request, shared by `offers`, `summary` and `source`. */
const offersByFilter = perParent(
  (_v: FranceTravailTerritoryValue, _ctx: Ctx) => new Map<string, Promise<TerritoryOffers>>(),
);

async function loadTerritoryOffers(v: FranceTravailTerritoryValue, ctx: Ctx, filter: OfferFilter) {
  const found = await ctx.loaders.offersByCommune(filter).load(v.communeCodes);
  const offers: ListedOffer[] = [];
  for (const slot of found) for (const offer of slot.offers) offers.push(offer);
  return {
    offers: newestFirst(offers),
    retrievedAt: oldest(found.map((s) => s.retrievedAt)),
    missing: [...new Set(found.flatMap((s) => (s.missingDepartment ? [s.missingDepartment] : [])))].sort(),
  };
}

/** The territory's offers under a filter; a partial read is noted on the asking field. */
async function territoryOffers(
  v: FranceTravailTerritoryValue,
  ctx: Ctx,
  info: GraphQLResolveInfo,
  filter: OfferFilter = {},
): Promise<TerritoryOffers> {
  const memo = offersByFilter(v, ctx);
  const key = JSON.stringify([filter.romeCodes ?? [], filter.contractTypes ?? []]);
  let loading = memo.get(key);
  if (!loading) memo.set(key, (loading = loadTerritoryOffers(v, ctx, filter)));
  const found = await loading;
  ctx.partial.note(info, found.missing);
  return found;
}

// Recruitment and job offers are the compétences priority; France Travail publishes no amounts.
export const summaryOf = (offers: readonly unknown[]) =>
  summarize(
    'FRANCE_TRAVAIL',
    offers.map(() => ({ amount: 0, axis: 'COMPETENCES' })),
  );

/** Marché du travail endpoints by the schema's indicator names. */
const INDICATOR_NAMES: Record<string, string> = { JOB_SEEKERS: 'stat-demandeurs', OFFERS: 'stat-offres' };

export const FranceTravailTerritory = {
  offers: async (v: FranceTravailTerritoryValue, args: OfferArgs, ctx: Ctx, info: GraphQLResolveInfo) => {
    checkPage(args);
    const romeCode = args.romeCode ? checkRomeCode(args.romeCode) : undefined;
    const filter = {
      romeCodes: romeCode ? [romeCode] : undefined,
      contractTypes: args.contractType ? [args.contractType] : undefined,
    };
    const found = await territoryOffers(v, ctx, info, filter);
    return offerPage(found.offers, args, found.missing);
  },

  summary: async (v: FranceTravailTerritoryValue, _: unknown, ctx: Ctx, info: GraphQLResolveInfo) =>
    summaryOf((await territoryOffers(v, ctx, info)).offers),

  source: async (v: FranceTravailTerritoryValue, _: unknown, ctx: Ctx, info: GraphQLResolveInfo) =>
    sourceOf(OFFERS_DATASET, ctx.locations.apiUrl, (await territoryOffers(v, ctx, info)).retrievedAt),

  recruitment: async (v: FranceTravailTerritoryValue, args: { year?: number | null }, ctx: Ctx) => {
    const state = await ctx.loaders.bmoState();
    if (!state?.last_success_at) {
      throw new CodedError(
        ErrorCode.MIRROR_NOT_SYNCED,
        state?.last_error
          ? `The BMO file has not been synced into the mirror yet; its last sync failed: ${state.last_error}`
          : 'The BMO file has not been synced into the mirror yet (npm run sync bmo, or wait for the first sync).',
        { operator: 'france-travail', source: 'bmo' },
      );
    }
    const rows = await loadFlat(ctx.loaders.bmoByDepartment, v.departmentCodes);
    const years = [...new Set(rows.map((r) => r.annee))].sort();
    if (args.year != null && !years.includes(args.year)) {
      throw new CodedError(
        ErrorCode.BAD_USER_INPUT,
        `No BMO survey for ${args.year} in these departments; years in the mirror: ${years.join(', ') || 'none'}.`,
      );
    }
    const year = args.year ?? years[years.length - 1] ?? null;
    return {
      ...outlook(
        year,
        v.departmentCodes,
        rows.filter((r) => r.annee === year),
      ),
      source: sourceOf(BMO_DATASET, ctx.locations.bmoUrl, state.last_success_at),
    };
  },

  labourMarket: async (v: FranceTravailTerritoryValue, args: { indicator?: string | null }, ctx: Ctx) => {
    const name = INDICATOR_NAMES[args.indicator ?? 'JOB_SEEKERS'];
    if (!name) throw new CodedError(ErrorCode.BAD_USER_INPUT, `Unknown indicator "${args.indicator}".`);
    const answers = await ctx.loaders.indicatorByDepartment(name).loadMany(v.departmentCodes);
    const failure = answers.find((a): a is Error => a instanceof Error);
    if (failure) throw failure;
    return (answers as IndicatorAnswer[]).flatMap((answer, index) =>
      answer.indicator.values.map((value) => ({
        departmentCode: v.departmentCodes[index]!,
        indicatorCode: answer.indicator.code,
        indicatorLabel: answer.indicator.label,
        periodCode: value.periodCode,
        periodLabel: value.periodLabel,
        breakdownCode: value.nomenclatureCode,
        breakdownLabel: value.nomenclatureLabel,
        value: value.value,
        source: sourceOf(INDICATORS_DATASET, ctx.locations.apiUrl, answer.retrievedAt),
      })),
    );
  },
};

interface Figures {
  projects: number;
  difficultProjects: number;
  difficultyPercent: number;
}

/** Sums the published counts ("*" rows are null and left out; counted in secretRows). */
function figures(rows: readonly BmoRecord[]): Figures & { seasonalProjects: number; secretRows: number } {
  const projects = rows.reduce((sum, r) => sum + (r.met ?? 0), 0);
  const difficultProjects = rows.reduce((sum, r) => sum + (r.xmet ?? 0), 0);
  return {
    projects,
    difficultProjects,
    difficultyPercent: projects === 0 ? 0 : Math.round((difficultProjects / projects) * 1000) / 10,
    seasonalProjects: rows.reduce((sum, r) => sum + (r.smet ?? 0), 0),
    secretRows: rows.filter((r) => r.met_secret === 1).length,
  };
}

function outlook(year: number | null, departmentCodes: readonly string[], rows: BmoRecord[]) {
  const departments = departmentCodes.map((departmentCode) => {
    const ofDepartment = rows.filter((r) => r.department_code === departmentCode);
    return {
      departmentCode,
      departmentName: ofDepartment[0]?.nom_dept ?? null,
      bassinCount: new Set(ofDepartment.map((r) => r.bassin_code)).size,
      ...figures(ofDepartment),
    };
  });
  const jobs = [...new Set(rows.map((r) => r.code_metier_bmo))].map((jobCode) => {
    const ofJob = rows.filter((r) => r.code_metier_bmo === jobCode);
    return {
      jobCode,
      jobLabel: ofJob[0]!.nom_metier_bmo ?? jobCode,
      familyCode: ofJob[0]!.famille_met,
      familyLabel: ofJob[0]!.lbl_fam_met,
      ...figures(ofJob),
    };
  });
  jobs.sort((a, b) => b.projects - a.projects || a.jobCode.localeCompare(b.jobCode));
  return { year, ...figures(rows), departments, jobs };
}

export const RecruitmentOutlook = {
  topJobs: (o: ReturnType<typeof outlook>, args: { first?: number | null }) =>
    o.jobs.slice(0, checkPageSize(args.first, 50, 5)),
};
