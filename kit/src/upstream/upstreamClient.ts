// The one way a subgraph talks HTTP to an operator's upstream: a timeout per attempt, retries of
// idempotent calls with backoff and Retry-After, a circuit breaker, a two-tier cache (parsed
// answers in this process, in front of a keyv cache that can serve a stale copy when the upstream
// fails), identical in-flight requests shared, and every failure turned into a coded error naming
// the operator.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { AxiosError, type AxiosInstance, type AxiosResponse } from 'axios';
import type { Keyv } from 'keyv';
import { CodedError, ErrorCode } from '../errors.js';
import { CircuitBreaker, type BreakerOptions, type BreakerState } from './breaker.js';
import { ParsedCache, type ParsedCacheOptions } from './parsedCache.js';
import { RETRYABLE_STATUSES, backoffMs, delay, parseRetryAfter } from './retry.js';
import { recordCacheLookup, recordUpstreamCall, setCircuitBreakerState } from '../metrics.js';

/** How one upstream is reached and protected. */
export interface UpstreamClientOptions {
  /** Operator id ('ademe', 'france-travail'…), in every error's `details.operator` and metric. */
  operator: string;
  /** Name used in error messages ("ADEME upstream timed out…"); the operator id when absent. */
  label?: string;
  /** Base URL the request paths are joined to; the simulator by default, the real host in production. */
  baseUrl: string;
  /** Timeout of one attempt. */
  timeoutMs: number;
  /** Extra attempts for idempotent calls. */
  retries: number;
  /** From {@link createUpstreamCache}. */
  cache: Keyv;
  /** How long a cached answer is served without asking the upstream. */
  ttlMs: number;
  /** How long a copy is kept to be served stale when the upstream fails (default 24 h). */
  staleTtlMs?: number;
  breaker?: BreakerOptions;
  /** Client-side pacing between call starts, to stay under the documented request rate. */
  minIntervalMs?: number;
  /** Total time for all attempts and waits of one request (default timeoutMs × (retries + 1)). */
  budgetMs?: number;
  /** First backoff step before jitter (default 100 ms). */
  retryBaseMs?: number;
  /**
   * Bounds of the in-process tier of parsed answers (entries, bytes, age; never longer than
   * `ttlMs`); `false` turns it off so every hit goes to keyv.
   */
  memory?: ParsedCacheOptions | false;
}

/** One call to the upstream. */
export interface UpstreamRequest<T> {
  method: 'GET' | 'POST';
  /** Joined to the base URL. */
  path: string;
  params?: Record<string, string | number | undefined>;
  /** JSON body, or URLSearchParams for a form. */
  data?: unknown;
  headers?: Record<string, string>;
  /** GET always is; POST searches say so, token calls do not. */
  idempotent?: boolean;
  /**
   * Default: true for idempotent calls. A cached answer is parsed once and the parsed value is
   * shared by every later hit: `parse` must depend on the answer alone (the cache key), and
   * callers must not mutate what they get back.
   */
  cache?: boolean;
  /** Forwarded as `x-request-id`. */
  requestId?: string;
  /** Turns a 2xx body into a value; throws on garbage (bad JSON is caught before). */
  parse: (body: unknown, status: number, headers: Record<string, string>) => T;
}

/** A parsed answer, and whether it came from the cache or is a stale copy served on failure. */
export interface UpstreamResult<T> {
  value: T;
  status: number;
  headers: Record<string, string>;
  stale: boolean;
  fromCache: boolean;
  /** ISO time the answer was fetched from the upstream. */
  since?: string;
}

/**
 * What keyv keeps: the raw answer, re-parsed when read from keyv so a parser change applies at
 * once (the in-process tier holds it parsed only while it is fresh).
 */
interface CachedAnswer {
  body: unknown;
  status: number;
  headers: Record<string, string>;
  storedAt: number;
  /** Length of the upstream's text (absent in entries written before it was recorded). */
  bytes?: number;
}

interface RawAnswer {
  body: unknown;
  status: number;
  headers: Record<string, string>;
  bytes?: number;
}

/** Weight given to a keyv entry that does not say how big its answer was. */
const UNKNOWN_BYTES = 64 * 1024;

const DEFAULT_STALE_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_BACKOFF_MS = 5_000;

/** A resilient HTTP client for one operator's upstream. */
export class UpstreamClient {
  private readonly http: AxiosInstance;
  private readonly breaker: CircuitBreaker | undefined;
  private readonly label: string;
  private readonly inFlight = new Map<string, Promise<UpstreamResult<unknown>>>();
  private readonly memory: ParsedCache | undefined;
  private nextSlot = 0;

  constructor(private readonly options: UpstreamClientOptions) {
    this.label = options.label ?? options.operator;
    this.breaker = options.breaker ? new CircuitBreaker(options.breaker) : undefined;
    this.memory =
      options.memory === false || options.ttlMs <= 0 ? undefined : new ParsedCache(options.memory);
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/$/, ''),
      validateStatus: () => true,
      responseType: 'text',
      // Keep bodies as text: decoding is ours, so bad JSON becomes a coded error, not an axios one.
      transformResponse: [(data: unknown) => data],
      maxRedirects: 0,
      httpAgent: new HttpAgent({ keepAlive: true }),
      httpsAgent: new HttpsAgent({ keepAlive: true }),
    });
  }

  /** The breaker's state, for metrics and tests ('closed' when there is no breaker). */
  get breakerState(): BreakerState {
    return this.breaker?.state ?? 'closed';
  }

  /**
   * Sends one request through the cache tiers, breaker, retries and parsing. Identical cacheable
   * requests in flight at once share one lookup and one upstream call.
   */
  async request<T>(request: UpstreamRequest<T>): Promise<UpstreamResult<T>> {
    const idempotent = request.idempotent ?? request.method === 'GET';
    const useCache = request.cache ?? idempotent;
    if (!useCache) return this.load(request, '', idempotent, false);
    const key = cacheKey(request);
    const hit = this.memory?.get(key);
    if (hit) {
      recordCacheLookup(`upstream:${this.options.operator}`, true);
      return {
        value: hit.value as T,
        status: hit.status,
        headers: hit.headers,
        stale: false,
        fromCache: true,
        since: new Date(hit.storedAt).toISOString(),
      };
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<UpstreamResult<T>>;
    const promise = this.load(request, key, idempotent, true).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  /** The keyv tier, then the upstream; fills both tiers and falls back on a stale copy. */
  private async load<T>(
    request: UpstreamRequest<T>,
    key: string,
    idempotent: boolean,
    useCache: boolean,
  ): Promise<UpstreamResult<T>> {
    const cached = useCache ? await this.readCache(key) : undefined;
    const fresh = cached !== undefined && Date.now() - cached.storedAt < this.options.ttlMs;
    if (useCache) recordCacheLookup(`upstream:${this.options.operator}`, fresh);
    if (cached && fresh) {
      const result = this.fromCached(request, cached, false);
      this.remember(key, result, cached.storedAt, cached.bytes ?? UNKNOWN_BYTES);
      return result;
    }
    try {
      const { raw, value } = await this.fetch(request, idempotent);
      const storedAt = Date.now();
      // `since` is the stored copy's time, so later hits on that copy report the same instant.
      const result = {
        value,
        status: raw.status,
        headers: raw.headers,
        stale: false,
        fromCache: false,
        since: new Date(storedAt).toISOString(),
      };
      if (useCache) {
        this.remember(key, result, storedAt, raw.bytes ?? UNKNOWN_BYTES);
        await this.writeCache(key, { ...raw, storedAt });
      }
      return result;
    } catch (error) {
      // A refusal is about the request itself; an old answer to it would hide the caller's mistake.
      const servable = error instanceof CodedError && error.code !== ErrorCode.UPSTREAM_REJECTED;
      if (cached && servable) return this.fromCached(request, cached, true);
      throw error;
    }
  }

  /** Releases keep-alive sockets. The cache belongs to the caller and is left open. */
  close(): void {
    this.http.defaults.httpAgent?.destroy?.();
    this.http.defaults.httpsAgent?.destroy?.();
  }

  private fromCached<T>(
    request: UpstreamRequest<T>,
    cached: CachedAnswer,
    stale: boolean,
  ): UpstreamResult<T> {
    return {
      value: this.parse(request, cached),
      status: cached.status,
      headers: cached.headers,
      stale,
      fromCache: true,
      since: new Date(cached.storedAt).toISOString(),
    };
  }

  /** Keeps a parsed fresh answer in the in-process tier until its keyv freshness ends. */
  private remember(key: string, result: UpstreamResult<unknown>, storedAt: number, bytes: number): void {
    this.memory?.set(
      key,
      { value: result.value, status: result.status, headers: result.headers, storedAt, bytes },
      storedAt + this.options.ttlMs,
    );
  }

  private async fetch<T>(
    request: UpstreamRequest<T>,
    idempotent: boolean,
  ): Promise<{ raw: RawAnswer; value: T }> {
    // During a half-open probe, wait for it at most one attempt's timeout, as if calling ourselves.
    if (this.breaker && !(await this.breaker.acquire(this.options.timeoutMs))) {
      throw this.error(
        ErrorCode.CIRCUIT_OPEN,
        `${this.label} upstream is failing; calls are paused for up to ${this.options.breaker?.resetMs} ms.`,
      );
    }
    try {
      const raw = await this.attempts(request, idempotent);
      // A 2xx we cannot read is a failing upstream too: check it before calling the call healthy.
      const value = this.parse(request, raw);
      this.breaker?.onSuccess();
      return { raw, value };
    } catch (error) {
      const code = error instanceof CodedError ? error.code : undefined;
      if (code === ErrorCode.UPSTREAM_REJECTED || code === ErrorCode.UPSTREAM_RATE_LIMITED)
        this.breaker?.onNeutral();
      else this.breaker?.onFailure();
      throw error;
    } finally {
      if (this.breaker) setCircuitBreakerState(this.options.operator, this.breaker.state);
    }
  }

  private async attempts(request: UpstreamRequest<unknown>, idempotent: boolean): Promise<RawAnswer> {
    const { timeoutMs, retries } = this.options;
    let deadline = Date.now() + (this.options.budgetMs ?? timeoutMs * (retries + 1));
    const maxAttempts = idempotent ? retries + 1 : 1;
    for (let attempt = 0; ; attempt++) {
      // Waiting for our own pacing slot is not the upstream being slow: it does not use the budget.
      deadline += await this.pace();
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw this.timeoutError(timeoutMs);
      const attemptTimeout = Math.min(timeoutMs, remaining);
      const started = Date.now();
      let response: AxiosResponse<string>;
      try {
        response = await this.send(request, attemptTimeout);
      } catch (error) {
        const failure = this.networkError(error);
        recordUpstreamCall(this.options.operator, (Date.now() - started) / 1000, failure.code);
        const wait = backoffMs(attempt, this.options.retryBaseMs ?? 100, MAX_BACKOFF_MS);
        if (attempt + 1 >= maxAttempts || Date.now() + wait >= deadline) throw failure;
        await delay(wait);
        continue;
      }
      const headers = flattenHeaders(response.headers);
      const status = response.status;
      if (status >= 200 && status < 300) {
        recordUpstreamCall(this.options.operator, (Date.now() - started) / 1000);
        const bytes = typeof response.data === 'string' ? response.data.length : 0;
        return { body: this.decode(response.data, headers), status, headers, bytes };
      }
      const failure = this.statusError(status, response.data, headers);
      recordUpstreamCall(this.options.operator, (Date.now() - started) / 1000, failure.code);
      if (!RETRYABLE_STATUSES.has(status) || attempt + 1 >= maxAttempts) throw failure;
      const wait =
        parseRetryAfter(headers['retry-after']) ??
        backoffMs(attempt, this.options.retryBaseMs ?? 100, MAX_BACKOFF_MS);
      // Waiting past the budget helps nobody: give the caller the upstream's answer now.
      if (Date.now() + wait >= deadline) throw failure;
      await delay(wait);
    }
  }

  private send(request: UpstreamRequest<unknown>, timeoutMs: number): Promise<AxiosResponse<string>> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.requestId) headers['x-request-id'] = request.requestId;
    return this.http.request<string>({
      method: request.method,
      url: request.path,
      params: definedParams(request.params),
      data: request.data,
      headers,
      timeout: timeoutMs,
      // axios' own timeout is per socket inactivity; the signal also bounds a trickling answer.
      signal: AbortSignal.timeout(timeoutMs),
    });
  }

  /**
   * Paces call starts so a burst of loader batches stays under the upstream's documented rate;
   * resolves with the milliseconds waited.
   */
  private async pace(): Promise<number> {
    const interval = this.options.minIntervalMs ?? 0;
    if (interval <= 0) return 0;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + interval;
    if (slot > now) await delay(slot - now);
    return slot - now;
  }

  private decode(text: string, headers: Record<string, string>): unknown {
    if (text === undefined || text === null || text === '') return undefined;
    if (!(headers['content-type'] ?? '').includes('json')) return text;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw this.error(
        ErrorCode.UPSTREAM_BAD_RESPONSE,
        `${this.label} upstream sent malformed JSON: ${preview(text)}`,
      );
    }
  }

  private parse<T>(request: UpstreamRequest<T>, raw: RawAnswer): T {
    try {
      return request.parse(raw.body, raw.status, raw.headers);
    } catch (error) {
      if (error instanceof CodedError && error.code === ErrorCode.UPSTREAM_BAD_RESPONSE) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw this.error(
        ErrorCode.UPSTREAM_BAD_RESPONSE,
        `${this.label} upstream sent an unexpected response: ${reason}`,
      );
    }
  }

  private statusError(status: number, text: string, headers: Record<string, string>): CodedError {
    const message = upstreamMessage(text, headers);
    if (status === 429) {
      return this.error(
        ErrorCode.UPSTREAM_RATE_LIMITED,
        `${this.label} upstream is rate-limiting us (429): ${message}`,
        { status },
      );
    }
    if (status >= 500) {
      return this.error(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        `${this.label} upstream failed with ${status}: ${message}`,
        { status },
      );
    }
    return this.error(
      ErrorCode.UPSTREAM_REJECTED,
      `${this.label} upstream refused the request (${status}): ${message}`,
      {
        status,
        upstreamMessage: message,
      },
    );
  }

  private networkError(error: unknown): CodedError {
    if (error instanceof CodedError) return error;
    const code = error instanceof AxiosError ? error.code : undefined;
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED' || axios.isCancel(error)) {
      // The configured timeout, even when the last attempt had less of the budget left.
      return this.timeoutError(this.options.timeoutMs);
    }
    const reason = code ?? (error instanceof Error ? error.message : String(error));
    return this.error(ErrorCode.UPSTREAM_UNAVAILABLE, `${this.label} upstream is unreachable (${reason}).`);
  }

  private timeoutError(timeoutMs: number): CodedError {
    return this.error(ErrorCode.UPSTREAM_TIMEOUT, `${this.label} upstream timed out after ${timeoutMs} ms.`);
  }

  private error(code: ErrorCode, message: string, details: Record<string, unknown> = {}): CodedError {
    return new CodedError(code, message, { operator: this.options.operator, ...details });
  }

  private async readCache(key: string): Promise<CachedAnswer | undefined> {
    try {
      return (await this.options.cache.get<CachedAnswer>(key)) ?? undefined;
    } catch {
      return undefined; // a broken cache slows us down; it must not fail the request
    }
  }

  private async writeCache(key: string, answer: CachedAnswer): Promise<void> {
    try {
      await this.options.cache.set(key, answer, this.options.staleTtlMs ?? DEFAULT_STALE_TTL_MS);
    } catch {
      // Same as above: caching is an optimisation.
    }
  }
}

function cacheKey(request: UpstreamRequest<unknown>): string {
  const params = Object.entries(definedParams(request.params) ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const body =
    request.data === undefined
      ? ''
      : request.data instanceof URLSearchParams
        ? request.data.toString()
        : JSON.stringify(request.data);
  return `${request.method} ${request.path}?${params} ${body}`;
}

function definedParams(
  params: UpstreamRequest<unknown>['params'],
): Record<string, string | number> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) if (value !== undefined) out[name] = value;
  return out;
}

function flattenHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && value !== null)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** The upstream's own words from an error body: a JSON `message`/`error`, or the text itself. */
function upstreamMessage(text: string, headers: Record<string, string>): string {
  if (typeof text !== 'string' || text.trim() === '') return 'no message';
  if ((headers['content-type'] ?? '').includes('json')) {
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      for (const field of ['message', 'error_description', 'error']) {
        if (typeof body[field] === 'string') return body[field];
      }
    } catch {
      // fall through to the raw text
    }
  }
  return preview(text);
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
