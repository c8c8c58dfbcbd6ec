// One computation per parent value and request.
import { describe, expect, it } from 'vitest';
import { perParent } from '../src/perParent.js';

describe('perParent', () => {
  it('computes once for every field of the same parent in the same request', async () => {
    const calls: string[] = [];
    const load = perParent(async (parent: { id: string }, _ctx: object) => {
      calls.push(parent.id);
      return [parent.id];
    });
    const ctx = {};
    const territory = { id: 't1' };
    const [a, b] = await Promise.all([load(territory, ctx), load(territory, ctx)]);
    expect(calls).toEqual(['t1']);
    expect(a).toBe(b);
  });

  it('computes again for another parent, and for the same parent in another request', async () => {
    const calls: string[] = [];
    const load = perParent((parent: { id: string }, ctx: { request: number }) => {
      calls.push(`${parent.id}@${ctx.request}`);
      return parent.id;
    });
    const first = { request: 1 };
    const second = { request: 2 };
    const territory = { id: 't1' };
    load(territory, first);
    load({ id: 't2' }, first);
    load(territory, second);
    load(territory, first);
    expect(calls).toEqual(['t1@1', 't2@1', 't1@2']);
  });

  it('shares a failure with every caller, as the loaders it replaces did', async () => {
    let calls = 0;
    const load = perParent(async (_parent: object, _ctx: object) => {
      calls++;
      throw new Error('mirror not synced');
    });
    const ctx = {};
    const parent = {};
    await expect(load(parent, ctx)).rejects.toThrow('mirror not synced');
    await expect(load(parent, ctx)).rejects.toThrow('mirror not synced');
    expect(calls).toBe(1);
  });
});
