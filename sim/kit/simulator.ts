// The base every upstream simulator is built on: routes answering the upstream's protocol, the
// upstream's rate limit with its own 429, injectable faults, and per-route call counts.
//
// Control routes (same port, never counted, never faulted):
//   GET  /__sim/stats   → { name, total, calls: {route: n}, outcomes: {ok, throttled, failed, garbage, cut} }
//   GET  /__sim/stats?requestId=ID → { name, requestId, total }: the calls that carried
//                         `x-request-id: ID` (the latest 1,000 ids are kept), so a test can tell
//                         what one request caused from the retries another left behind
//   POST /__sim/faults  → merge {latencyMs, failRate, garbage, down, throttleNext, rateLimitPerSecond,
//                         truncateAfterBytes}
//   GET  /__sim/faults  → the current faults
//   POST /__sim/reset   → counts to zero and faults back to the start-up ones
// "down" cuts every data connection without an answer (the client sees a reset socket, as when a
// host has gone away) while the control routes keep answering, so a test can bring it back.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../../kit/src/http.js';
import { listen, type RunningServer } from '../../kit/src/listen.js';
import { NO_FAULTS, mergeFaults, numbersToText, type SimFaults } from './faults.js';
import { SlidingWindowLimiter } from './rateLimiter.js';

/** A request as a route sees it. */
export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Raw body text ('' when none). */
  body: string;
  /** Captures of the route's path pattern. */
  params: string[];
}

/** A route's answer: JSON unless `text` is given; no body at all when both are absent. */
export interface SimResponse {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** One endpoint of the simulated upstream. */
export interface SimRoute {
  /** Key in the call counts, e.g. 'offres/search'. */
  name: string;
  method: 'GET' | 'POST';
  path: RegExp;
  handle(request: SimRequest): SimResponse | Promise<SimResponse>;
}

/** Options of {@link createSimulator}. */
export interface SimulatorOptions {
  name: string;
  routes: SimRoute[];
  /** The upstream's documented rate; past it, `rateLimited` answers. 0 = unlimited. */
  rateLimitPerSecond: number;
  /** The upstream's own 429 (body and headers). */
  rateLimited: (retryAfterSeconds: number) => SimResponse;
  /** The upstream's own answer to an unknown path (default: JSON 404). */
  notFound?: (request: SimRequest) => SimResponse;
  /** Faults at start-up (from the simulator's config). */
  faults?: SimFaults;
  /** Routes exempt from the rate limit (e.g. a token endpoint metered separately). */
  unmetered?: string[];
}

/** Call counts of a simulator. */
export interface SimStats {
  name: string;
  total: number;
  calls: Record<string, number>;
  outcomes: { ok: number; throttled: number; failed: number; garbage: number; cut: number };
  /** Body bytes sent by the data routes (what a client had to read). */
  bytes: number;
}

/** How many distinct `x-request-id`s a simulator keeps call counts for (the oldest go first). */
export const KEPT_REQUEST_IDS = 1_000;

/** A simulator ready to serve: its request handler and its controls, usable in-process too. */
export interface Simulator {
  name: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stats(): SimStats;
  /** Calls that carried this `x-request-id` since the last reset (0 once it is no longer kept). */
  callsOf(requestId: string): number;
  faults(): SimFaults;
  setFaults(patch: Partial<SimFaults>): SimFaults;
  reset(): void;
}

/** Builds a simulator from its routes. */
export function createSimulator(options: SimulatorOptions): Simulator {
  const initialFaults = options.faults ?? NO_FAULTS;
  let faults = { ...initialFaults };
  let stats = emptyStats(options.name);
  // Insertion order is age: the first key is the oldest id, dropped when the map is full.
  const byRequestId = new Map<string, number>();
  let failAccumulator = 0;

  function countRequestId(value: string | string[] | undefined): void {
    if (typeof value !== 'string') return;
    const seen = byRequestId.get(value);
    if (seen !== undefined) return void byRequestId.set(value, seen + 1);
    if (byRequestId.size >= KEPT_REQUEST_IDS) byRequestId.delete(byRequestId.keys().next().value!);
    byRequestId.set(value, 1);
  }
  const limiter = new SlidingWindowLimiter(1_000);

  async function handleData(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const route = options.routes.find((r) => r.method === req.method && r.path.test(path));
    const routeName = route?.name ?? 'unknown';
    stats.total++;
    stats.calls[routeName] = (stats.calls[routeName] ?? 0) + 1;
    countRequestId(req.headers['x-request-id']);
    if (faults.down) {
      stats.outcomes.cut++;
      req.socket.destroy();
      return;
    }
    const body = req.method === 'POST' || req.method === 'PUT' ? await readBody(req, 1_000_000) : '';
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    const request: SimRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      params: route ? (route.path.exec(path) ?? []).slice(1) : [],
    };
    const metered = route !== undefined && !(options.unmetered ?? []).includes(route.name);
    const rate = faults.rateLimitPerSecond ?? options.rateLimitPerSecond;
    if (metered && faults.throttleNext > 0) {
      faults.throttleNext--;
      stats.outcomes.throttled++;
      return void write(res, options.rateLimited(1));
    }
    if (metered && rate > 0) {
      const wait = limiter.take(rate, Date.now());
      if (wait > 0) {
        stats.outcomes.throttled++;
        return void write(res, options.rateLimited(Math.max(1, Math.ceil(wait / 1000))));
      }
    }
    if (route && faults.failRate > 0) {
      failAccumulator += faults.failRate;
      if (failAccumulator >= 1) {
        failAccumulator -= 1;
        stats.outcomes.failed++;
        return void write(res, {
          status: 503,
          text: 'Service Unavailable',
          headers: { 'content-type': 'text/html' },
        });
      }
    }
    if (!route)
      return void write(
        res,
        options.notFound?.(request) ?? { status: 404, json: { message: `No route ${req.method} ${path}` } },
      );
    const answer = await route.handle(request);
    if (faults.garbage && answer.status >= 200 && answer.status < 300) {
      stats.outcomes.garbage++;
      return void write(res, garble(answer, faults.garbage));
    }
    const limit = faults.truncateAfterBytes;
    const sent = write(res, answer, route ? limit : undefined);
    stats.bytes += sent.bytes;
    if (sent.truncated) stats.outcomes.cut++;
    else stats.outcomes.ok++;
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    if (path === '/__sim/stats' && req.method === 'GET') {
      const requestId = url.searchParams.get('requestId');
      if (requestId === null) return void write(res, { status: 200, json: stats });
      const json = { name: options.name, requestId, total: simulator.callsOf(requestId) };
      return void write(res, { status: 200, json });
    }
    if (path === '/__sim/faults' && req.method === 'GET')
      return void write(res, { status: 200, json: faults });
    if (path === '/__sim/faults' && req.method === 'POST') {
      try {
        faults = mergeFaults(faults, JSON.parse((await readBody(req, 10_000)) || '{}'));
        return void write(res, { status: 200, json: faults });
      } catch (error) {
        return void write(res, { status: 400, json: { error: (error as Error).message } });
      }
    }
    if (path === '/__sim/reset' && req.method === 'POST') {
      simulator.reset();
      return void write(res, { status: 200, json: { faults, stats } });
    }
    write(res, { status: 404, json: { error: `No control route ${req.method} ${path}` } });
  }

  const simulator: Simulator = {
    name: options.name,
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://simulator');
      if (url.pathname === '/health') return void write(res, { status: 200, json: { status: 'ok' } });
      if (url.pathname.startsWith('/__sim/')) return handleControl(req, res, url);
      return handleData(req, res, url);
    },
    stats: () => structuredClone(stats),
    callsOf: (requestId) => byRequestId.get(requestId) ?? 0,
    faults: () => ({ ...faults }),
    setFaults(patch) {
      faults = mergeFaults(faults, patch);
      return { ...faults };
    },
    reset() {
      faults = { ...initialFaults };
      stats = emptyStats(options.name);
      byRequestId.clear();
      failAccumulator = 0;
      limiter.clear();
    },
  };
  return simulator;
}

/** Serves a simulator on `port` (0 = a free one). */
export function listenSimulator(
  simulator: Simulator,
  port: number,
  host = '127.0.0.1',
): Promise<RunningServer> {
  return listen((req, res) => simulator.handle(req, res), port, host);
}

function emptyStats(name: string): SimStats {
  return {
    name,
    total: 0,
    calls: {},
    outcomes: { ok: 0, throttled: 0, failed: 0, garbage: 0, cut: 0 },
    bytes: 0,
  };
}

function garble(answer: SimResponse, kind: 'malformed' | 'wrong-types'): SimResponse {
  const headers = { ...answer.headers, 'content-type': 'application/json' };
  if (kind === 'wrong-types' && answer.json !== undefined)
    return { ...answer, headers, json: numbersToText(answer.json) };
  // Cut mid-document, as a proxy that truncated the body would.
  const full = answer.json !== undefined ? JSON.stringify(answer.json) : '{"results": [{"id": 1}]}';
  return { status: 200, headers, text: full.slice(0, Math.max(1, Math.floor(full.length / 2))) };
}

// Writes an answer; with `truncateAfter`, a longer body stops there and the connection drops,
// after a Content-Length that announced it whole (what a client sees when a download dies).
function write(
  res: ServerResponse,
  answer: SimResponse,
  truncateAfter?: number,
): { bytes: number; truncated: boolean } {
  const headers: Record<string, string> = { ...answer.headers };
  let payload: string | undefined;
  if (answer.json !== undefined) {
    payload = JSON.stringify(answer.json);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  } else if (answer.text !== undefined) {
    payload = answer.text;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  }
  const body = payload === undefined ? undefined : Buffer.from(payload);
  if (body && truncateAfter !== undefined && truncateAfter > 0 && body.length > truncateAfter) {
    res.writeHead(answer.status, { ...headers, 'content-length': String(body.length) });
    res.write(body.subarray(0, truncateAfter), () => res.socket?.destroy());
    return { bytes: truncateAfter, truncated: true };
  }
  res.writeHead(answer.status, headers);
  res.end(body);
  return { bytes: body?.length ?? 0, truncated: false };
}
