// The gateway's execution slots on their own: at most `concurrency` tasks run at once, the others
// start in arrival order as slots free up (also after a task fails), a request that would wait
// behind a full queue, or too long, is refused with 503 SERVER_BUSY and Retry-After, and one whose
// caller went away leaves the queue without running; large operations (by estimated cost) run one
// at a time while small ones keep the other slots.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../kit/src/http.js';
import { ExecutionSlots } from '../src/pipeline/executionSlots.js';

/** A task that runs until released, recording when it started. */
function gate(started: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    task: async () => {
      started.push(name);
      await done;
      return name;
    },
    release,
  };
}

describe('execution slots', () => {
  it('runs at most `concurrency` tasks at once and starts the others in arrival order', async () => {
    const slots = new ExecutionSlots({ concurrency: 2, maxQueue: 10, maxWaitMs: 10_000 });
    const started: string[] = [];
    const gates = ['a', 'b', 'c', 'd'].map((name) => gate(started, name));
    const results = gates.map((g) => slots.run(g.task));
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    expect(slots.load).toEqual({ running: 2, waiting: 2 });
    gates[1]!.release();
    await results[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b', 'c']);
    gates[0]!.release();
    gates[2]!.release();
    gates[3]!.release();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot of a task that fails', async () => {
    const slots = new ExecutionSlots({ concurrency: 1, maxQueue: 10, maxWaitMs: 10_000 });
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(async () => 'next')).toBe('next');
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses with 503 SERVER_BUSY when the queue is full', async () => {
    const slots = new ExecutionSlots({ concurrency: 1, maxQueue: 1, maxWaitMs: 10_000 });
    const started: string[] = [];
    const first = gate(started, 'first');
    const second = gate(started, 'second');
    const running = slots.run(first.task);
    const waiting = slots.run(second.task);
    const refused = await slots.run(async () => 'third').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HttpError);
    expect(refused).toMatchObject({ status: 503, code: 'SERVER_BUSY', headers: { 'retry-after': '1' } });
    first.release();
    second.release();
    expect([await running, await waiting]).toEqual(['first', 'second']);
  });

  it('refuses a request that waited longer than maxWaitMs, and forgets it', async () => {
    const slots = new ExecutionSlots({ concurrency: 1, maxQueue: 5, maxWaitMs: 20 });
    const started: string[] = [];
    const first = gate(started, 'first');
    const running = slots.run(first.task);
    const late = await slots.run(async () => 'late').catch((error: unknown) => error);
    expect(late).toMatchObject({ status: 503, code: 'SERVER_BUSY' });
    expect(slots.load).toEqual({ running: 1, waiting: 0 });
    first.release();
    await running;
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
  });

  it('drops a waiting request whose caller went away, and never runs it', async () => {
    const slots = new ExecutionSlots({ concurrency: 1, maxQueue: 5, maxWaitMs: 10_000 });
    const started: string[] = [];
    const first = gate(started, 'first');
    const running = slots.run(first.task);
    const caller = new AbortController();
    const abandoned = slots.run(async () => started.push('abandoned'), caller.signal);
    const next = gate(started, 'next');
    const queued = slots.run(next.task);
    expect(slots.load).toEqual({ running: 1, waiting: 2 });
    caller.abort();
    await expect(abandoned).rejects.toMatchObject({ status: 499, code: 'CLIENT_CLOSED_REQUEST' });
    expect(slots.load).toEqual({ running: 1, waiting: 1 });
    first.release();
    next.release();
    expect([await running, await queued]).toEqual(['first', 'next']);
    expect(started).toEqual(['first', 'next']);
    // A caller already gone does not even queue.
    const left = new AbortController();
    left.abort();
    await expect(slots.run(async () => 'never', left.signal)).rejects.toMatchObject({ status: 499 });
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
  });

  it('runs one large operation at a time, holding no slot while it waits, and small ones beside it', async () => {
    const slots = new ExecutionSlots({ concurrency: 3, maxQueue: 10, maxWaitMs: 10_000, largeCost: 1_000 });
    const started: string[] = [];
    const national = gate(started, 'national');
    const regional = gate(started, 'regional');
    const small = gate(started, 'small');
    const results = [
      slots.run(national.task, undefined, 448_403),
      slots.run(regional.task, undefined, 1_000),
      slots.run(small.task, undefined, 999),
    ];
    await new Promise((resolve) => setImmediate(resolve));
    // The regional picture waits for the large permit; the small one takes a free slot.
    expect([...started].sort()).toEqual(['national', 'small']);
    expect(slots.load).toEqual({ running: 2, waiting: 0 });
    expect(slots.largeLoad).toEqual({ running: 1, waiting: 1 });
    national.release();
    await results[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.slice(2)).toEqual(['regional']);
    regional.release();
    small.release();
    expect(await Promise.all(results)).toEqual(['national', 'regional', 'small']);
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
    expect(slots.largeLoad).toEqual({ running: 0, waiting: 0 });
  });

  it('runs large operations together when largeCost is 0', async () => {
    const slots = new ExecutionSlots({ concurrency: 2, maxQueue: 10, maxWaitMs: 10_000, largeCost: 0 });
    const started: string[] = [];
    const gates = ['a', 'b'].map((name) => gate(started, name));
    const results = gates.map((g) => slots.run(g.task, undefined, 448_403));
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    for (const g of gates) g.release();
    expect(await Promise.all(results)).toEqual(['a', 'b']);
  });
});
