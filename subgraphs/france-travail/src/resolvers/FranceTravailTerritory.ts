// Fields of France Travail's contribution to a territory, and of its recruitment outlook.
import { CodedError, ErrorCode } from '../../../../kit/src/errors.js';
import { loadFlat } from '../../../../kit/src/loadFlat.js';
import { summarize } from '../../../../kit/src/operatorSummary.js';
import { checkPageSize, decodeCursor, paginate, type PageArgs } from '../../../../kit/src/pagination.js';
import type { BmoRow, Offer } from '../franceTravailClient.js';
import type { FranceTravailContext } from '../context.js';
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

/** Offers newest first, then by id. */
export function newestFirst(offers: Offer[]): Offer[] {
  return offers.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

/** A page of offers with the number of positions they offer. */
export function offerPage(offers: Offer[], args: PageArgs) {
  return {
    ...paginate(offers, args, { max: MAX_PAGE_SIZE, fallback: DEFAULT_PAGE_SIZE }),
    positionCount: offers.reduce((sum, offer) => sum + offer.positions, 0),
  };
}

async function territoryOffers(
  v: FranceTravailTerritoryValue,
  ctx: Ctx,
  romeCode?: string,
  contractType?: string,
) {
  const filter = {
    romeCodes: romeCode ? [romeCode] : undefined,
    contractTypes: contractType ? [contractType] : undefined,
  };
  return newestFirst(await loadFlat(ctx.loaders.offersByCommune(filter), v.communeCodes));
}

// Recruitment and job offers are the compétences priority; France Travail publishes no amounts.
export const summaryOf = (offers: Offer[]) =>
  summarize(
    'FRANCE_TRAVAIL',
    offers.map(() => ({ amount: 0, axis: 'COMPETENCES' })),
  );

export const FranceTravailTerritory = {
  offers: async (v: FranceTravailTerritoryValue, args: OfferArgs, ctx: Ctx) => {
    checkPage(args);
    const romeCode = args.romeCode ? checkRomeCode(args.romeCode) : undefined;
    return offerPage(await territoryOffers(v, ctx, romeCode, args.contractType ?? undefined), args);
  },

  recruitment: async (v: FranceTravailTerritoryValue, args: { year?: number | null }, ctx: Ctx) => {
    const rows = await loadFlat(ctx.loaders.recruitmentByDepartment, v.departmentCodes);
    const years = [...new Set(rows.map((r) => r.year))].sort();
    const year = args.year ?? years[years.length - 1] ?? null;
    if (args.year != null && !years.includes(args.year)) {
      throw new CodedError(
        ErrorCode.BAD_USER_INPUT,
        `No BMO survey for ${args.year} in these departments; published years: ${years.join(', ') || 'none'}.`,
      );
    }
    return outlook(
      year,
      rows.filter((r) => r.year === year),
    );
  },

  summary: async (v: FranceTravailTerritoryValue, _: unknown, ctx: Ctx) =>
    summaryOf(await territoryOffers(v, ctx)),
};

interface Figures {
  projects: number;
  difficultProjects: number;
  difficultyPercent: number;
}

function figures(rows: readonly BmoRow[]): Figures & { seasonalProjects: number } {
  const projects = rows.reduce((sum, r) => sum + r.projects, 0);
  const difficultProjects = rows.reduce((sum, r) => sum + r.difficultProjects, 0);
  return {
    projects,
    difficultProjects,
    difficultyPercent: projects === 0 ? 0 : Math.round((difficultProjects / projects) * 1000) / 10,
    seasonalProjects: rows.reduce((sum, r) => sum + r.seasonalProjects, 0),
  };
}

function outlook(year: number | null, rows: BmoRow[]) {
  const departments = [...new Set(rows.map((r) => r.departmentCode))].map((departmentCode) => ({
    departmentCode,
    ...figures(rows.filter((r) => r.departmentCode === departmentCode)),
  }));
  const jobs = [...new Set(rows.map((r) => r.romeCode))].map((romeCode) => {
    const ofJob = rows.filter((r) => r.romeCode === romeCode);
    return { romeCode, romeLabel: ofJob[0]!.romeLabel, ...figures(ofJob) };
  });
  jobs.sort((a, b) => b.projects - a.projects || a.romeCode.localeCompare(b.romeCode));
  return { year, ...figures(rows), departments, jobs };
}

export const RecruitmentOutlook = {
  topJobs: (o: ReturnType<typeof outlook>, args: { first?: number | null }) =>
    o.jobs.slice(0, checkPageSize(args.first, 50, 5)),
};
