// Per-request DataLoaders of the france-travail subgraph, made by one factory.
//
// Offers are keyed by commune. A department of the offer window (the programme's departments,
// synced into the mirror every few minutes: offerWindow.ts) is read from the mirror while the
// window is fresh — one SQL query per batch, with the offers' light columns only; the few offers a
// page shows are then read whole by id, again one query per batch. Any other department, or every
// department while the window is off, stale or unreadable, is searched live:
//
// Live offers are searched by DEPARTMENT: every territory of a query asks for
// its communes in the same tick, the batch groups them by department, runs ONE search per
// department (pages of 150) and keeps each commune's offers locally from `lieuTravail.commune`.
// So a query's France Travail calls grow with the departments involved, not with the territories
// or communes. A department past the search's 3,150-offer reach is read by lists of the batch's
// communes instead. A few departments are read at a time, each with all its pages before the next
// begins, so a batch cut by the budget holds whole departments rather than many first pages.
// Every search races the request's time budget: what is not read in time is reported missing
// (PARTIAL_RESULT), the rest is answered. The token is renewed in the background (no call here).
//
// BMO rows come from the mirror (one SQL query per batch of departments, no upstream call);
// Marché du travail indicators are one call per indicator and department; company offers are keyed
// by SIREN.
import DataLoader from 'dataloader';
import { keysLoader } from '../../../kit/src/keysLoader.js';
import { departmentOfCommune } from '../../../kit/src/reference/companyIds.js';
import { freshSyncTime } from '../../../kit/src/mirror/freshness.js';
import {
  readSyncStates,
  recordsByCommune,
  recordsByDepartment,
  recordsByKey,
  type MirrorStore,
} from '../../../kit/src/mirror/index.js';
import type { BmoRowTable, SyncStateTable } from '../../../kit/src/mirror/schema.js';
import type { StaleCollector } from '../../../kit/src/upstream/stale.js';
import type { Selectable } from 'kysely';
import type {
  FranceTravailClient,
  IndicatorAnswer,
  Offer,
  OfferFilters,
  OfferSearch,
} from './franceTravailClient.js';
import { OPERATOR_ID } from './config.js';
import { OFFER_WINDOW_SOURCE } from './offerWindow.js';

/** SIRENs per company search call. */
const SIRENS_PER_CALL = 50;
/**
 * Departments searched at once. The calls are paced anyway (the API's 10 a second): with more in
 * flight, a budget cut leaves more departments half read; with fewer, the pace waits on answers.
 */
const DEPARTMENTS_IN_FLIGHT = 4;

/** Filters that apply on top of the communes. */
export type OfferFilter = Pick<OfferFilters, 'romeCodes' | 'contractTypes'>;

/** An offer and when it was read from France Travail. */
export type LiveOffer = Offer & { retrievedAt: string };

/**
 * An offer as a list holds it: enough to sort, count and page; the whole offer is read only for
 * the offers a page shows.
 */
export interface ListedOffer {
  id: string;
  createdAt: string;
  positions: number;
  /** When it was read from France Travail (by the window's sync, or live). */
  retrievedAt: string;
  /** The whole offer. */
  offer(): Promise<LiveOffer>;
}

/** A live offer as a list holds it. */
export function listed(offer: LiveOffer): ListedOffer {
  return {
    id: offer.id,
    createdAt: offer.createdAt,
    positions: offer.positions,
    retrievedAt: offer.retrievedAt,
    offer: () => Promise.resolve(offer),
  };
}

/** A commune's offers, or the department whose search did not finish within the budget. */
export interface CommuneOffers {
  offers: ListedOffer[];
  /** When the department's search was read (null when it is missing). */
  retrievedAt: string | null;
  /** Set when the department's offers could not be read within the budget. */
  missingDepartment: string | null;
}

/** One BMO row of the mirror. */
export type BmoRecord = Selectable<BmoRowTable>;

/** The loaders one request uses. */
export interface Loaders {
  /**
   * Offers of each commune of a list (a territory's communes) under a filter, one loader per
   * distinct filter: one batch for every list asked in a tick, no promise per commune.
   */
  offersByCommune(filter: OfferFilter): DataLoader<readonly string[], CommuneOffers[], readonly string[]>;
  offersByCompany: DataLoader<string, LiveOffer[]>;
  /** BMO rows of each department, from the mirror. */
  bmoByDepartment: DataLoader<string, BmoRecord[]>;
  /** The BMO source's sync state (null when it was never synced). */
  bmoState(): Promise<SyncStateTable | null>;
  /** A Marché du travail indicator of each department (one loader per indicator). */
  indicatorByDepartment(name: string): DataLoader<string, IndicatorAnswer>;
}

/** What the loaders need besides the client. */
export interface LoaderOptions {
  client: FranceTravailClient;
  mirror: MirrorStore;
  stale: StaleCollector;
  /** Epoch ms past which live searches are given up for this request. */
  deadline: number;
  /** The offer window: its departments, and the oldest copy still read (absent: window off). */
  window?: { departments: ReadonlySet<string>; maxAgeMs: number };
  requestId?: string;
  now?: () => number;
}

/** Makes fresh loaders for one request (their cache must not outlive it). */
export function createLoaders(options: LoaderOptions): Loaders {
  const { client, stale, requestId } = options;
  const now = options.now ?? Date.now;
  const note = (since: string | undefined) => {
    if (since !== undefined) stale.mark(OPERATOR_ID, since);
  };
  const live = (found: OfferSearch): LiveOffer[] =>
    found.offers.map((offer) => ({ ...offer, retrievedAt: found.retrievedAt }));

  /** One department: a whole-department search, or lists of communes past the 3,150 reach. */
  const searchDepartment = async (department: string, communes: string[], filter: OfferFilter) => {
    const whole = await client.searchOffers({ ...filter, departments: [department] }, requestId);
    if (!whole.truncated) return whole;
    return client.searchOffers({ ...filter, communes }, requestId);
  };

  // When the window's copy was synced, if it is fresh enough to read (once per request); an
  // unreadable mirror means live searches, not an error.
  let windowTime: Promise<string | null> | undefined;
  const freshWindow = () =>
    (windowTime ??= options.window
      ? freshSyncTime(options.mirror, OFFER_WINDOW_SOURCE, options.window.maxAgeMs, now)
      : Promise.resolve(null));
  // Whole offers of the window by id: one query for the offers every page of the request shows.
  const windowOffers = new DataLoader<string, Offer>(async (ids) => {
    const rows = await recordsByKey(options.mirror, 'france_travail_offer', ids, ['payload']);
    return rows.map((row, index) =>
      row ? (JSON.parse(row.payload) as Offer) : new Error(`offer ${ids[index]} left the window`),
    );
  });
  /** The window's offers of these communes under the filter, by commune. */
  const fromWindow = async (communes: string[], filter: OfferFilter, retrievedAt: string) => {
    const rows = await recordsByCommune(options.mirror, 'france_travail_offer', communes, [
      'record_key',
      'created_at',
      'positions',
      'rome_code',
      'contract_type',
    ]);
    const romes = filter.romeCodes && new Set(filter.romeCodes);
    const contracts = filter.contractTypes && new Set(filter.contractTypes);
    return rows.map((list) =>
      list
        .filter((r) => (!romes || romes.has(r.rome_code)) && (!contracts || contracts.has(r.contract_type)))
        .map((r): ListedOffer => ({
          id: r.record_key,
          createdAt: r.created_at,
          positions: r.positions,
          retrievedAt,
          offer: async () => ({ ...(await windowOffers.load(r.record_key)), retrievedAt }),
        })),
    );
  };

  const byFilter = new Map<string, DataLoader<readonly string[], CommuneOffers[], readonly string[]>>();
  const byIndicator = new Map<string, DataLoader<string, IndicatorAnswer>>();
  let bmoState: Promise<SyncStateTable | null> | undefined;
  return {
    offersByCommune(filter) {
      const key = JSON.stringify([filter.romeCodes ?? [], filter.contractTypes ?? []]);
      let loader = byFilter.get(key);
      if (!loader) {
        loader = keysLoader<string, CommuneOffers>(async (communes) => {
          const windowed = await freshWindow();
          const inWindow = (department: string) =>
            windowed !== null && options.window!.departments.has(department);
          const byDepartment = new Map<string, string[]>();
          const windowCommunes: string[] = [];
          for (const commune of communes) {
            const department = departmentOfCommune(commune);
            if (inWindow(department)) windowCommunes.push(commune);
            else {
              const list = byDepartment.get(department);
              if (list) list.push(commune);
              else byDepartment.set(department, [commune]);
            }
          }
          const windowAnswers = new Map<string, CommuneOffers>();
          if (windowCommunes.length > 0) {
            const found = await fromWindow(windowCommunes, filter, windowed!);
            windowCommunes.forEach((commune, index) =>
              windowAnswers.set(commune, {
                offers: found[index]!,
                retrievedAt: windowed,
                missingDepartment: null,
              }),
            );
          }
          const answers = await withinBudget(
            inTurns(
              [...byDepartment].map(
                ([department, list]) =>
                  () =>
                    searchDepartment(department, list, filter),
              ),
              DEPARTMENTS_IN_FLIGHT,
            ),
            options.deadline - now(),
          );
          const perDepartment = new Map<string, Error | CommuneOffers[]>();
          [...byDepartment].forEach(([department, list], index) => {
            const answer = answers[index]!;
            if (answer.status === 'late') {
              perDepartment.set(
                department,
                list.map(() => ({ offers: [], retrievedAt: null, missingDepartment: department })),
              );
            } else if (answer.status === 'failed') {
              perDepartment.set(department, toError(answer.reason));
            } else {
              note(answer.value.staleSince);
              const byCommune = new Map<string, ListedOffer[]>();
              for (const offer of live(answer.value)) {
                if (offer.communeCode === null) continue;
                const found = byCommune.get(offer.communeCode);
                if (found) found.push(listed(offer));
                else byCommune.set(offer.communeCode, [listed(offer)]);
              }
              perDepartment.set(
                department,
                list.map((commune) => ({
                  offers: byCommune.get(commune) ?? [],
                  retrievedAt: answer.value.retrievedAt,
                  missingDepartment: null,
                })),
              );
            }
          });
          const position = new Map<string, number>();
          return communes.map((commune) => {
            const fromTheWindow = windowAnswers.get(commune);
            if (fromTheWindow) return [fromTheWindow];
            const department = departmentOfCommune(commune);
            const slot = perDepartment.get(department)!;
            if (slot instanceof Error) return slot;
            const index = position.get(department) ?? 0;
            position.set(department, index + 1);
            return [slot[index]!];
          });
        });
        byFilter.set(key, loader);
      }
      return loader;
    },
    offersByCompany: new DataLoader(
      async (sirens) => {
        const found = await client.searchOffers({ sirets: sirens }, requestId);
        note(found.staleSince);
        return groupBy(sirens, live(found), (offer) => (offer.siret ? [offer.siret.slice(0, 9)] : []));
      },
      { maxBatchSize: SIRENS_PER_CALL },
    ),
    bmoByDepartment: new DataLoader((departments) =>
      recordsByDepartment(options.mirror, 'bmo_row', departments),
    ),
    bmoState() {
      bmoState ??= readSyncStates(options.mirror, ['bmo']).then((states) => states[0] ?? null);
      return bmoState;
    },
    indicatorByDepartment(name) {
      let loader = byIndicator.get(name);
      if (!loader) {
        // One call per department (the indicator takes one territory); a failed department is an
        // error in its own slot, so the others still resolve.
        loader = new DataLoader(async (departments) => {
          const settled = await Promise.allSettled(
            departments.map((d) => client.indicator(name, d, requestId)),
          );
          return settled.map((outcome) => {
            if (outcome.status === 'rejected') return toError(outcome.reason);
            note(outcome.value.staleSince);
            return outcome.value;
          });
        });
        byIndicator.set(name, loader);
      }
      return loader;
    },
  };
}

/** Starts the tasks in order, at most `inFlight` at a time; one promise per task. */
function inTurns<T>(tasks: (() => Promise<T>)[], inFlight: number): Promise<T>[] {
  let next = 0;
  const starters = tasks.map(() => {
    let start!: () => void;
    const started = new Promise<void>((resolve) => (start = resolve));
    return { start, started };
  });
  const results = tasks.map((task, index) =>
    starters[index]!.started.then(task).finally(() => {
      if (next < tasks.length) starters[next++]!.start();
    }),
  );
  while (next < Math.min(inFlight, tasks.length)) starters[next++]!.start();
  return results;
}

type Outcome<T> = { status: 'done'; value: T } | { status: 'failed'; reason: unknown } | { status: 'late' };

/**
 * Settles every task, but waits at most `budgetMs`: tasks still running then are `late` (they go
 * on in the background and fill the cache for the next request).
 */
async function withinBudget<T>(tasks: Promise<T>[], budgetMs: number): Promise<Outcome<T>[]> {
  const outcomes: Outcome<T>[] = tasks.map(() => ({ status: 'late' }));
  const settled = Promise.all(
    tasks.map((task, index) =>
      task.then(
        (value) => {
          outcomes[index] = { status: 'done', value };
        },
        (reason: unknown) => {
          outcomes[index] = { status: 'failed', reason };
        },
      ),
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, budgetMs));
  });
  await Promise.race([settled, late]);
  clearTimeout(timer);
  // A snapshot: tasks that settle after this keep writing into `outcomes`, which nobody reads.
  return [...outcomes];
}

/** Results in key order: each key gets the items whose keys include it. */
function groupBy<T>(keys: readonly string[], items: readonly T[], keysOf: (item: T) => string[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keysOf(item)) {
      const list = groups.get(key);
      if (list) list.push(item);
      else groups.set(key, [item]);
    }
  }
  return keys.map((key) => groups.get(key) ?? []);
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
