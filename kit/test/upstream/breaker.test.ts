// The circuit breaker on its own, with a hand-driven clock: when it opens, and what happens to
// the calls that arrive while its half-open probe is out.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CircuitBreaker } from '../../src/upstream/breaker.js';

const RESET_MS = 100;
const WAIT_MS = 500;

/** A breaker on a clock the test moves, opened by one failure and now half-open. */
function halfOpenBreaker(): { breaker: CircuitBreaker; clock: { now: number } } {
  const clock = { now: 0 };
  const breaker = new CircuitBreaker({ failureThreshold: 1, resetMs: RESET_MS }, () => clock.now);
  breaker.onFailure();
  clock.now += RESET_MS;
  return { breaker, clock };
}

/** Starts `count` calls at once; `settled()` lists the answers received so far, in call order. */
function concurrentCalls(breaker: CircuitBreaker, count: number) {
  const answers: (boolean | undefined)[] = Array.from({ length: count }, () => undefined);
  const all = Promise.all(answers.map((_, i) => breaker.acquire(WAIT_MS).then((ok) => (answers[i] = ok))));
  return { all, settled: () => [...answers] };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('circuit breaker', () => {
  it('opens after the configured failures in a row, a success in between starting the count again', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, resetMs: RESET_MS }, () => 0);
    breaker.onFailure();
    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();
    breaker.onFailure();
    expect(breaker.state).toBe('closed');
    expect(await breaker.acquire(WAIT_MS)).toBe(true);
    breaker.onFailure();
    expect(breaker.state).toBe('open');
    expect(await breaker.acquire(WAIT_MS)).toBe(false);
  });

  it('turns half-open after resetMs and lets exactly one probe through at once', async () => {
    const clock = { now: 0 };
    const breaker = new CircuitBreaker({ failureThreshold: 1, resetMs: RESET_MS }, () => clock.now);
    breaker.onFailure();
    clock.now += RESET_MS - 1;
    expect(breaker.state).toBe('open');
    expect(await breaker.acquire(WAIT_MS)).toBe(false);
    clock.now += 1;
    expect(breaker.state).toBe('half-open');
    expect(await breaker.acquire(WAIT_MS)).toBe(true);
    const waiting = concurrentCalls(breaker, 1);
    await Promise.resolve();
    expect(waiting.settled()).toEqual([undefined]);
    breaker.onSuccess();
    await waiting.all;
  });

  it('lets every call made during a probe go out once the probe succeeds', async () => {
    const { breaker } = halfOpenBreaker();
    expect(await breaker.acquire(WAIT_MS)).toBe(true); // the probe
    const calls = concurrentCalls(breaker, 3);
    await Promise.resolve();
    expect(calls.settled()).toEqual([undefined, undefined, undefined]);
    breaker.onSuccess();
    await calls.all;
    expect(calls.settled()).toEqual([true, true, true]);
    expect(breaker.state).toBe('closed');
    expect(await breaker.acquire(WAIT_MS)).toBe(true);
  });

  it('lets the waiting calls go out when the probe gets an answer that says nothing of health (a 4xx)', async () => {
    const { breaker } = halfOpenBreaker();
    expect(await breaker.acquire(WAIT_MS)).toBe(true);
    const calls = concurrentCalls(breaker, 2);
    breaker.onNeutral();
    await calls.all;
    expect(calls.settled()).toEqual([true, true]);
    expect(breaker.state).toBe('closed');
  });

  it('refuses every call made during a probe that fails, and stays open for another resetMs', async () => {
    const { breaker, clock } = halfOpenBreaker();
    expect(await breaker.acquire(WAIT_MS)).toBe(true);
    const calls = concurrentCalls(breaker, 3);
    breaker.onFailure();
    await calls.all;
    expect(calls.settled()).toEqual([false, false, false]);
    expect(breaker.state).toBe('open');
    expect(await breaker.acquire(WAIT_MS)).toBe(false);
    clock.now += RESET_MS;
    expect(breaker.state).toBe('half-open');
    expect(await breaker.acquire(WAIT_MS)).toBe(true); // the next probe
  });

  it('waits no longer than the bound it is given for a probe that does not end', async () => {
    vi.useFakeTimers();
    const { breaker } = halfOpenBreaker();
    expect(await breaker.acquire(WAIT_MS)).toBe(true);
    const calls = concurrentCalls(breaker, 2);
    await vi.advanceTimersByTimeAsync(WAIT_MS - 1);
    expect(calls.settled()).toEqual([undefined, undefined]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.settled()).toEqual([false, false]);
    expect(breaker.state).toBe('half-open');
    // The probe still decides: once it succeeds, calls go out again.
    breaker.onSuccess();
    expect(await breaker.acquire(WAIT_MS)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
