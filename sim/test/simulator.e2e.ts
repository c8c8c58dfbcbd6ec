// The simulator base over HTTP: call counts, the documented rate limit, and each fault.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../kit/src/listen.js';
import { KEPT_REQUEST_IDS, createSimulator, listenSimulator, type Simulator } from '../kit/simulator.js';

let simulator: Simulator;
let server: RunningServer;

beforeAll(async () => {
  simulator = createSimulator({
    name: 'demo',
    rateLimitPerSecond: 3,
    rateLimited: (retryAfter) => ({
      status: 429,
      json: { message: 'Too many requests' },
      headers: { 'retry-after': String(retryAfter) },
    }),
    routes: [
      {
        name: 'items',
        method: 'GET',
        path: /^\/items$/,
        handle: () => ({ status: 200, json: { total: 2 } }),
      },
    ],
  });
  server = await listenSimulator(simulator, 0);
});
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`${server.url}/__sim/reset`, { method: 'POST' });
});

const setFaults = (faults: Record<string, unknown>) =>
  fetch(`${server.url}/__sim/faults`, { method: 'POST', body: JSON.stringify(faults) });
const stats = async () =>
  (await (await fetch(`${server.url}/__sim/stats`)).json()) as ReturnType<Simulator['stats']>;

describe('simulator base', () => {
  it('counts calls per route and leaves control routes out of the count', async () => {
    await fetch(`${server.url}/items`);
    await fetch(`${server.url}/nowhere`);
    expect(await stats()).toMatchObject({ name: 'demo', total: 2, calls: { items: 1, unknown: 1 } });
  });

  it('counts the calls of one x-request-id apart, the latest ids only, until a reset', async () => {
    const get = (id: string) => fetch(`${server.url}/items`, { headers: { 'x-request-id': id } });
    const callsOf = async (id: string) =>
      (await (await fetch(`${server.url}/__sim/stats?requestId=${id}`)).json()) as Record<string, unknown>;
    await get('first');
    await get('first');
    await get('second');
    await fetch(`${server.url}/items`);
    expect(await callsOf('first')).toEqual({ name: 'demo', requestId: 'first', total: 2 });
    expect(await callsOf('second')).toMatchObject({ total: 1 });
    expect(await callsOf('never')).toMatchObject({ total: 0 });
    expect(await stats()).toMatchObject({ total: 4 });
    // A long-running simulator keeps a bounded number of ids: past it, the oldest is forgotten.
    for (let i = 0; i < KEPT_REQUEST_IDS - 2; i++) await get(`more-${i}`);
    expect(simulator.callsOf('first')).toBe(2);
    await get('one-too-many');
    expect(simulator.callsOf('first')).toBe(0);
    expect(simulator.callsOf('second')).toBe(1);
    await fetch(`${server.url}/__sim/reset`, { method: 'POST' });
    expect(await callsOf('second')).toMatchObject({ total: 0 });
  });

  it("answers the upstream's own 429 past the documented rate", async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${server.url}/items`)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    const throttled = await fetch(`${server.url}/items`);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await throttled.json()).toEqual({ message: 'Too many requests' });
  });

  it('throttles exactly the next N calls when told to', async () => {
    await setFaults({ throttleNext: 1, rateLimitPerSecond: 0 });
    expect((await fetch(`${server.url}/items`)).status).toBe(429);
    expect((await fetch(`${server.url}/items`)).status).toBe(200);
  });

  it('fails the configured share of calls with 503', async () => {
    await setFaults({ failRate: 0.5, rateLimitPerSecond: 0 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${server.url}/items`)).status);
    expect(statuses.sort()).toEqual([200, 200, 503, 503]);
  });

  it('returns truncated JSON, or numbers as text, when told to send garbage', async () => {
    await setFaults({ garbage: true });
    const malformed = await fetch(`${server.url}/items`);
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
    await setFaults({ garbage: 'wrong-types' });
    expect(await (await fetch(`${server.url}/items`)).json()).toEqual({ total: '2 €' });
  });

  it('cuts data connections while down but keeps answering its control routes', async () => {
    await setFaults({ down: true });
    await expect(fetch(`${server.url}/items`)).rejects.toThrow();
    expect((await stats()).outcomes.cut).toBe(1);
    await setFaults({ down: false });
    expect((await fetch(`${server.url}/items`)).status).toBe(200);
  });

  it('refuses an unknown fault with a 400 saying which ones exist', async () => {
    const answer = await setFaults({ slow: true });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toContain('unknown fault "slow"');
  });
});
