// The only code of this subgraph that talks to France Travail: an OAuth2 client-credentials token
// (fetched at start-up and renewed in the background ahead of expiry, so no query waits for it;
// a query fetches one itself only when that failed, and again on a 401), the Offres d'emploi v2 search paged
// with `range=p-d` (150 per call, up to offer 3,150), by department or by lists of communes, and
// the Marché du travail indicators (documented shape only). Every offer and row is checked field
// by field; anything off is an UPSTREAM_BAD_RESPONSE naming the operator, never a default value.
import { CodedError } from '../../../kit/src/errors.js';
import type { UpstreamClient, UpstreamResult } from '../../../kit/src/upstream/upstreamClient.js';
import { checkIndicator, checkOffer, type Indicator, type Offer } from './franceTravailRecords.js';

export type { Indicator, Offer };

/** Token endpoint path; the realm is a query parameter. */
export const TOKEN_PATH = '/connexion/oauth2/access_token';
export const SEARCH_PATH = '/partenaire/offresdemploi/v2/offres/search';
/** Marché du travail indicators: POST to this prefix + the indicator's name (`stat-demandeurs`…). */
export const INDICATOR_PATH = '/partenaire/stats-offres-demandes-emploi/v1/indicateur/';
/** The search's limits: offers per call, and the last reachable index + 1. */
export const PAGE_SIZE = 150;
export const MAX_REACHABLE = 3150;

/** Filters of an offer search (lists are OR'ed, filters AND'ed). */
export interface OfferFilters {
  communes?: readonly string[];
  departments?: readonly string[];
  romeCodes?: readonly string[];
  contractTypes?: readonly string[];
  /** 14-digit SIRETs or 9-digit SIRENs (every establishment of the company). */
  sirets?: readonly string[];
}

/** Offers found, the total the upstream reported, and whether a stale copy was used. */
export interface OfferSearch {
  offers: Offer[];
  /** The upstream's total (may exceed what the 3,150 cap lets us read). */
  total: number;
  /** True when some matching offers lie past the 3,150 cap and were not read. */
  truncated: boolean;
  /** ISO time of the oldest stale copy used, when any. */
  staleSince?: string;
  /** ISO time the oldest page of this answer was read from France Travail (now, or when cached). */
  retrievedAt: string;
}

/** A Marché du travail indicator, and when it was read. */
export interface IndicatorAnswer {
  indicator: Indicator;
  retrievedAt: string;
  staleSince?: string;
}

/** What the client needs. */
export interface FranceTravailClientOptions {
  /** Client of the partner API host (offers, indicators): cached, retried. */
  api: UpstreamClient;
  /** Client of the token host (entreprise.francetravail.fr in production): never cached. */
  auth: UpstreamClient;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** Communes per search call (the `commune` filter takes a comma-separated list). */
  communesPerCall: number;
  /**
   * A query fetches a token itself when less than this is left of it (default 60 s); the
   * background renewal runs when twice this is left, so queries normally never wait for one.
   */
  renewMarginMs?: number;
  /** Wait before the background tries again after a failed renewal (default 30 s). */
  renewRetryMs?: number;
  /** Told of a failed background renewal (queries then fetch a token themselves). */
  onRenewalError?: (error: unknown) => void;
  now?: () => number;
}

/** France Travail's partner APIs, as this subgraph uses them. */
export class FranceTravailClient {
  private token: { value: string; expiresAt: number; lifetimeMs: number } | undefined;
  private pendingToken: Promise<string> | undefined;
  private renewal: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly now: () => number;

  constructor(private readonly options: FranceTravailClientOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Fetches the token now and keeps it renewed in the background until {@link stop}. Never
   * throws: when the token host fails, the failure is reported and the next query fetches one.
   */
  async start(): Promise<void> {
    this.stopped = false;
    await this.renewInBackground();
  }

  /** Stops the background renewal. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.renewal);
    this.renewal = undefined;
  }

  /** Every offer matching the filters, communes split into lists the search accepts, pages of 150. */
  async searchOffers(filters: OfferFilters, requestId?: string): Promise<OfferSearch> {
    const communes = filters.communes ?? [];
    const chunks: (readonly string[] | undefined)[] = [];
    for (let i = 0; i < communes.length; i += this.options.communesPerCall) {
      chunks.push(communes.slice(i, i + this.options.communesPerCall));
    }
    if (chunks.length === 0) chunks.push(undefined);
    const parts = await Promise.all(
      chunks.map((chunk) => this.searchAllPages({ ...filters, communes: chunk }, requestId)),
    );
    const offers = parts.flatMap((part) => part.offers);
    offers.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
    return {
      offers,
      total: parts.reduce((sum, part) => sum + part.total, 0),
      truncated: parts.some((part) => part.truncated),
      staleSince: oldest(parts.map((part) => part.staleSince)),
      retrievedAt: oldest(parts.map((part) => part.retrievedAt))!,
    };
  }

  /**
   * A Marché du travail indicator (`stat-demandeurs`, `stat-offres`…) for one department, every
   * activity, latest quarter. The request keys are the documented ones; no real answer was recorded.
   */
  async indicator(name: string, departmentCode: string, requestId?: string): Promise<IndicatorAnswer> {
    const result = await this.authorised((token) =>
      this.options.api.request({
        method: 'POST',
        path: `${INDICATOR_PATH}${name}`,
        idempotent: true,
        headers: { authorization: `Bearer ${token}` },
        data: {
          codeTypeTerritoire: 'DEP',
          codeTerritoire: departmentCode,
          codeTypeActivite: 'MOYENNE',
          codeActivite: 'MOYENNE',
          codeTypePeriode: 'TRIMESTRE',
          dernierePeriode: true,
        },
        requestId,
        parse: (body) => checkIndicator(body),
      }),
    );
    return {
      indicator: result.value,
      retrievedAt: result.since ?? new Date(this.now()).toISOString(),
      staleSince: result.stale ? result.since : undefined,
    };
  }

  /** One commune list (or none): the first page tells the total, the rest are read in parallel. */
  private async searchAllPages(filters: OfferFilters, requestId?: string): Promise<OfferSearch> {
    const first = await this.page(filters, 0, requestId);
    const reachable = Math.min(first.value.total, MAX_REACHABLE);
    const starts: number[] = [];
    for (let start = PAGE_SIZE; start < reachable; start += PAGE_SIZE) starts.push(start);
    const rest = await Promise.all(starts.map((start) => this.page(filters, start, requestId)));
    const pages = [first, ...rest];
    return {
      offers: pages.flatMap((p) => p.value.offers),
      total: first.value.total,
      truncated: first.value.total > MAX_REACHABLE,
      staleSince: oldest(pages.map((p) => (p.stale ? p.since : undefined))),
      retrievedAt: oldest(pages.map((p) => p.since ?? new Date(this.now()).toISOString()))!,
    };
  }

  private page(
    filters: OfferFilters,
    start: number,
    requestId?: string,
  ): Promise<UpstreamResult<SearchPage>> {
    return this.authorised((token) =>
      this.options.api.request({
        method: 'GET',
        path: SEARCH_PATH,
        headers: { authorization: `Bearer ${token}` },
        params: {
          range: rangeOf(start),
          commune: joined(filters.communes),
          departement: joined(filters.departments),
          codeROME: joined(filters.romeCodes),
          typeContrat: joined(filters.contractTypes),
          siret: joined(filters.sirets),
        },
        requestId,
        parse: (body, status, headers) => parseSearchPage(body, status, headers),
      }),
    );
  }

  /** Runs a call with a valid token; on a 401 the token is renewed once and the call repeated. */
  private async authorised<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof CodedError) || error.details.status !== 401) throw error;
      if (this.token?.value === token) this.token = undefined;
      return call(await this.accessToken());
    }
  }

  /** The cached token, or a new one when it is missing or about to expire (one request at a time). */
  private accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt - this.margin()) {
      return Promise.resolve(this.token.value);
    }
    return this.newToken();
  }

  private margin(): number {
    return this.options.renewMarginMs ?? 60_000;
  }

  /** One token request at a time, shared by the background and any query waiting for it. */
  private newToken(): Promise<string> {
    this.pendingToken ??= this.fetchToken().finally(() => {
      this.pendingToken = undefined;
    });
    return this.pendingToken;
  }

  /** Renews the token now, then plans the next renewal (or a retry after a failure). */
  private async renewInBackground(): Promise<void> {
    let next: number;
    try {
      await this.newToken();
      // Twice the query's margin ahead, or half-way through a token that lives shorter than that.
      const { expiresAt, lifetimeMs } = this.token!;
      next = Math.max(0, expiresAt - Math.min(2 * this.margin(), lifetimeMs / 2) - this.now());
    } catch (error) {
      this.options.onRenewalError?.(error);
      next = this.options.renewRetryMs ?? 30_000;
    }
    if (this.stopped) return;
    clearTimeout(this.renewal);
    this.renewal = setTimeout(() => void this.renewInBackground(), next);
    // The renewal alone never keeps the process alive.
    this.renewal.unref();
  }

  private async fetchToken(): Promise<string> {
    const form = tokenForm(this.options.clientId, this.options.clientSecret, this.options.scope);
    const result = await this.options.auth.request({
      method: 'POST',
      path: TOKEN_PATH,
      params: { realm: '/partenaire' },
      data: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      idempotent: false,
      cache: false,
      parse: parseToken,
    });
    const lifetimeMs = result.value.expiresInSeconds * 1000;
    this.token = { value: result.value.accessToken, expiresAt: this.now() + lifetimeMs, lifetimeMs };
    return this.token.value;
  }
}

/** One page of a search. */
export interface SearchPage {
  offers: Offer[];
  total: number;
}

/** One page of a search before its offers are checked: the raw items and the total. */
export interface SearchEnvelope {
  items: unknown[];
  total: number;
}

/** Reads one search answer's envelope: 204 empty, 200 whole, 206 with its Content-Range total. */
export function parseSearchEnvelope(
  body: unknown,
  status: number,
  headers: Record<string, string>,
): SearchEnvelope {
  if (status === 204) return { items: [], total: 0 };
  if (!isObject(body) || !Array.isArray(body.resultats))
    throw new Error('expected {resultats: [...]} in the search answer');
  const items = body.resultats as unknown[];
  if (status === 200 && headers['content-range'] === undefined) return { items, total: items.length };
  const range = /^offres (\d+)-(\d+)\/(\d+)$/.exec(headers['content-range'] ?? '');
  if (!range)
    throw new Error(
      `expected a Content-Range "offres p-d/total" with a ${status}; got "${headers['content-range'] ?? ''}"`,
    );
  const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
  if (end - start + 1 !== items.length || end >= total) {
    throw new Error(
      `Content-Range ${start}-${end}/${total} does not match the ${items.length} offers returned`,
    );
  }
  return { items, total };
}

/** Parses one search answer, every offer checked (one bad offer fails the page). */
export function parseSearchPage(body: unknown, status: number, headers: Record<string, string>): SearchPage {
  const { items, total } = parseSearchEnvelope(body, status, headers);
  return { offers: items.map((item, index) => checkOffer(item, index)), total };
}

/** The range parameter of the page starting at `start` (150 offers, never past the 3,150 reach). */
export function rangeOf(start: number): string {
  return `${start}-${Math.min(start + PAGE_SIZE, MAX_REACHABLE) - 1}`;
}

/** The token request's form (client-credentials grant). */
export function tokenForm(clientId: string, clientSecret: string, scope: string): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
    scope,
  });
}

/** Checks a token answer. */
export function parseToken(body: unknown): { accessToken: string; expiresInSeconds: number } {
  if (!isObject(body) || typeof body.access_token !== 'string' || body.access_token === '') {
    throw new Error('expected an access_token in the token answer');
  }
  if (typeof body.expires_in !== 'number' || !(body.expires_in > 0)) {
    throw new Error(`expected a positive expires_in; got ${JSON.stringify(body.expires_in)}`);
  }
  return { accessToken: body.access_token, expiresInSeconds: body.expires_in };
}

function joined(values: readonly string[] | undefined): string | undefined {
  return values && values.length > 0 ? values.join(',') : undefined;
}

function oldest(values: (string | undefined)[]): string | undefined {
  return values.filter((v): v is string => v !== undefined).sort()[0];
}

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
