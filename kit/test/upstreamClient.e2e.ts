// The upstream client against a tiny local HTTP server whose answers each test scripts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Keyv } from 'keyv';
import { CodedError, ErrorCode } from '../src/errors.js';
import { listen, type RunningServer } from '../src/listen.js';
import { createUpstreamCache } from '../src/upstream/cache.js';
import {
  UpstreamClient,
  type UpstreamClientOptions,
  type UpstreamRequest,
} from '../src/upstream/upstreamClient.js';
import { parseRetryAfter } from '../src/upstream/retry.js';
import { TEST_REDIS_URL, shouldRunRedisTests } from '../../test/helpers/redis.js';

type Reply = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

let server: RunningServer;
let replies: Reply[] = [];
let fallback: Reply = json(200, { ok: true });
let calls: { method: string; url: string; requestId?: string }[] = [];

beforeAll(async () => {
  server = await listen(async (req, res) => {
    calls.push({
      method: req.method ?? '',
      url: req.url ?? '',
      requestId: req.headers['x-request-id'] as string | undefined,
    });
    for await (const chunk of req) void chunk;
    await (replies.shift() ?? fallback)(req, res);
  }, 0);
});
afterAll(() => server.close());
afterEach(() => {
  replies = [];
  fallback = json(200, { ok: true });
  calls = [];
});

function client(options: Partial<UpstreamClientOptions> = {}): UpstreamClient {
  return new UpstreamClient({
    operator: 'ademe',
    label: 'ADEME',
    baseUrl: server.url,
    timeoutMs: 1_000,
    retries: 2,
    retryBaseMs: 1,
    cache: new Keyv(),
    ttlMs: 60_000,
    ...options,
  });
}

const readOk: UpstreamRequest<boolean> = {
  method: 'GET',
  path: '/lines',
  parse: (body) => {
    if (typeof body !== 'object' || body === null || typeof (body as { ok?: unknown }).ok !== 'boolean') {
      throw new Error('expected {ok: boolean}');
    }
    return (body as { ok: boolean }).ok;
  },
};

async function codeOf(
  promise: Promise<unknown>,
): Promise<{ code: ErrorCode; message: string; operator: unknown }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CodedError);
    const coded = error as CodedError;
    return { code: coded.code, message: coded.message, operator: coded.details.operator };
  }
  throw new Error('expected the request to fail');
}

describe('UpstreamClient', () => {
  it('parses a JSON answer and serves the next identical call from the cache', async () => {
    const upstream = client();
    const first = await upstream.request({
      ...readOk,
      params: { size: 10, q: undefined },
      requestId: 'req-1',
    });
    const second = await upstream.request({ ...readOk, params: { size: 10 } });
    expect(first).toMatchObject({ value: true, status: 200, stale: false, fromCache: false });
    expect(second).toMatchObject({ value: true, stale: false, fromCache: true });
    expect(calls).toEqual([{ method: 'GET', url: '/lines?size=10', requestId: 'req-1' }]);
  });

  it('shares one upstream call between identical concurrent requests', async () => {
    const upstream = client();
    await Promise.all([upstream.request(readOk), upstream.request(readOk), upstream.request(readOk)]);
    expect(calls).toHaveLength(1);
  });

  it('serves a repeated call from its parsed copy in memory without reading keyv or parsing again', async () => {
    const cache = new Keyv();
    const upstream = client({ cache });
    const parse = vi.fn(readOk.parse);
    const first = await upstream.request({ ...readOk, parse });
    const get = vi.spyOn(cache, 'get');
    const second = await upstream.request({ ...readOk, parse });
    expect(first.fromCache).toBe(false);
    expect(second).toMatchObject({ value: true, stale: false, fromCache: true });
    expect(get).not.toHaveBeenCalled();
    expect(parse).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(1);
  });

  it('falls back on keyv, parsed once, when the memory tier is off', async () => {
    const cache = new Keyv();
    const upstream = client({ cache, memory: false });
    await upstream.request(readOk);
    const get = vi.spyOn(cache, 'get');
    const again = await upstream.request(readOk);
    expect(again.fromCache).toBe(true);
    expect(get).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(1);
  });

  it('asks the upstream again once the freshness TTL has passed, memory tier included', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const upstream = client({ ttlMs: 1_000 });
      await upstream.request(readOk);
      vi.setSystemTime(Date.now() + 999);
      expect((await upstream.request(readOk)).fromCache).toBe(true);
      vi.setSystemTime(Date.now() + 2);
      expect((await upstream.request(readOk)).fromCache).toBe(false);
      expect(calls).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives up on a slow upstream with UPSTREAM_TIMEOUT naming the operator', async () => {
    fallback = (_req, res) => void setTimeout(() => json(200, { ok: true })(_req, res), 500);
    const failure = await codeOf(client({ timeoutMs: 100, retries: 0 }).request(readOk));
    expect(failure).toEqual({
      code: ErrorCode.UPSTREAM_TIMEOUT,
      message: 'ADEME upstream timed out after 100 ms.',
      operator: 'ademe',
    });
  });

  it('retries a 429 after its Retry-After and returns the answer that follows', async () => {
    replies = [json(429, { message: 'Too many requests' }, { 'retry-after': '0' })];
    const result = await client().request(readOk);
    expect(result.value).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('retries 502/503/504 up to the retry count, then reports UPSTREAM_UNAVAILABLE', async () => {
    fallback = json(503, { message: 'maintenance' });
    const failure = await codeOf(client({ retries: 2 }).request(readOk));
    expect(failure.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(failure.message).toContain('maintenance');
    expect(calls).toHaveLength(3);
  });

  it('stops retrying when Retry-After asks for more than the time budget left', async () => {
    fallback = json(429, { message: 'slow down' }, { 'retry-after': '120' });
    const failure = await codeOf(client({ retries: 5 }).request(readOk));
    expect(failure.code).toBe(ErrorCode.UPSTREAM_RATE_LIMITED);
    expect(calls).toHaveLength(1);
  });

  it('never retries a POST that is not declared idempotent', async () => {
    fallback = json(503, { message: 'busy' });
    await codeOf(client().request({ ...readOk, method: 'POST', data: { a: 1 } }));
    expect(calls).toHaveLength(1);
  });

  it("reports a 4xx as UPSTREAM_REJECTED with the upstream's own message and status", async () => {
    replies = [json(400, { codeHttp: 400, message: "La valeur du paramètre 'range' est incorrecte." })];
    const upstream = client();
    try {
      await upstream.request(readOk);
      throw new Error('expected a rejection');
    } catch (error) {
      expect(error).toMatchObject({
        code: ErrorCode.UPSTREAM_REJECTED,
        details: { operator: 'ademe', status: 400 },
      });
      expect((error as Error).message).toContain("La valeur du paramètre 'range' est incorrecte.");
    }
    expect(calls).toHaveLength(1);
  });

  it('turns malformed JSON and bodies of the wrong shape into UPSTREAM_BAD_RESPONSE', async () => {
    replies = [
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok": tru');
      },
      json(200, { ok: 'yes' }),
    ];
    const upstream = client({ cache: new Keyv() });
    expect((await codeOf(upstream.request(readOk))).code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    const wrongType = await codeOf(upstream.request(readOk));
    expect(wrongType).toMatchObject({ code: ErrorCode.UPSTREAM_BAD_RESPONSE, operator: 'ademe' });
    expect(wrongType.message).toContain('expected {ok: boolean}');
  });

  it('opens the breaker after consecutive failures, then lets one probe through after resetMs', async () => {
    fallback = json(500, { message: 'boom' });
    const upstream = client({ retries: 0, breaker: { failureThreshold: 2, resetMs: 100 } });
    await codeOf(upstream.request(readOk));
    await codeOf(upstream.request(readOk));
    expect(upstream.breakerState).toBe('open');
    const refused = await codeOf(upstream.request(readOk));
    expect(refused.code).toBe(ErrorCode.CIRCUIT_OPEN);
    expect(calls).toHaveLength(2);

    await vi.waitFor(() => expect(upstream.breakerState).toBe('half-open'), { timeout: 2_000, interval: 20 });
    fallback = json(200, { ok: true });
    expect((await upstream.request(readOk)).value).toBe(true);
    expect(upstream.breakerState).toBe('closed');
    expect(calls).toHaveLength(3);
  });

  it('reopens the breaker when the half-open probe fails', async () => {
    fallback = json(500, { message: 'boom' });
    const upstream = client({ retries: 0, breaker: { failureThreshold: 1, resetMs: 50 } });
    await codeOf(upstream.request(readOk));
    await vi.waitFor(() => expect(upstream.breakerState).toBe('half-open'), { timeout: 2_000, interval: 10 });
    await codeOf(upstream.request(readOk));
    expect(upstream.breakerState).toBe('open');
  });

  it('answers every call made during the half-open probe once the upstream is back, with no CIRCUIT_OPEN', async () => {
    fallback = json(500, { message: 'boom' });
    const upstream = client({ retries: 0, breaker: { failureThreshold: 1, resetMs: 50 } });
    await codeOf(upstream.request(readOk));
    await vi.waitFor(() => expect(upstream.breakerState).toBe('half-open'), { timeout: 2_000, interval: 10 });
    // The upstream has recovered but answers slowly: the probe is still out when the others arrive.
    fallback = async (req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return json(200, { ok: true })(req, res);
    };
    const pages = [1, 2, 3, 4].map((page) =>
      upstream.request({ ...readOk, params: { page } }).then((answer) => answer.value),
    );
    expect(await Promise.all(pages)).toEqual([true, true, true, true]);
    expect(upstream.breakerState).toBe('closed');
    // One failed call, then the probe alone until it answered, then the three that waited for it.
    expect(calls.map((c) => c.url)).toEqual([
      '/lines',
      '/lines?page=1',
      '/lines?page=2',
      '/lines?page=3',
      '/lines?page=4',
    ]);
  });

  it('refuses the calls made during a half-open probe that fails, with CIRCUIT_OPEN', async () => {
    fallback = json(500, { message: 'boom' });
    const upstream = client({ retries: 0, breaker: { failureThreshold: 1, resetMs: 50 } });
    await codeOf(upstream.request(readOk));
    await vi.waitFor(() => expect(upstream.breakerState).toBe('half-open'), { timeout: 2_000, interval: 10 });
    const pages = [1, 2, 3].map((page) => codeOf(upstream.request({ ...readOk, params: { page } })));
    expect((await Promise.all(pages)).map((failure) => failure.code)).toEqual([
      ErrorCode.UPSTREAM_UNAVAILABLE,
      ErrorCode.CIRCUIT_OPEN,
      ErrorCode.CIRCUIT_OPEN,
    ]);
    expect(calls).toHaveLength(2);
  });

  it('serves the last good answer marked stale when the upstream fails', async () => {
    const upstream = client({ ttlMs: 0, retries: 0 });
    const fresh = await upstream.request(readOk);
    fallback = json(503, { message: 'down' });
    const stale = await upstream.request(readOk);
    expect(fresh.stale).toBe(false);
    expect(stale).toMatchObject({ value: true, stale: true, fromCache: true });
    expect(Date.parse(stale.since ?? '')).not.toBeNaN();
  });

  it('paces a burst of calls without counting the wait against their time budget', async () => {
    // Five calls 100 ms apart end 400 ms after the first starts: far past a 150 ms budget.
    const upstream = client({ minIntervalMs: 100, timeoutMs: 150, retries: 0 });
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => upstream.request({ ...readOk, params: { n } })),
    );
    expect(results.every((r) => r.value)).toBe(true);
    expect(calls).toHaveLength(5);
  });

  it('reports an unreachable upstream as UPSTREAM_UNAVAILABLE', async () => {
    const closed = await listen(() => undefined, 0);
    await closed.close();
    const failure = await codeOf(client({ baseUrl: closed.url, retries: 1 }).request(readOk));
    expect(failure.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(failure.message).toMatch(/^ADEME upstream is unreachable/);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and ignores nonsense', () => {
    expect(parseRetryAfter('2')).toBe(2_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

const runRedis = await shouldRunRedisTests('upstream cache');

describe.skipIf(!runRedis)('UpstreamClient on a Redis cache', () => {
  const namespace = `test:upstream:${process.pid}:${Date.now()}`;
  const caches: Keyv[] = [];
  afterAll(async () => {
    await caches[0]?.clear();
    await Promise.all(caches.map((cache) => cache.disconnect()));
  });

  it('lets a second replica answer from what the first one fetched', async () => {
    const first = createUpstreamCache({ url: TEST_REDIS_URL, namespace });
    const second = createUpstreamCache({ url: TEST_REDIS_URL, namespace });
    caches.push(first, second);
    const replicaA = client({ cache: first });
    const replicaB = client({ cache: second });
    expect((await replicaA.request(readOk)).fromCache).toBe(false);
    const shared = await replicaB.request(readOk);
    expect(shared).toMatchObject({ value: true, fromCache: true, stale: false });
    expect(calls).toHaveLength(1);
  });
});
