// One computation per parent value and request, shared by every field that needs it.

/**
 * Memoizes `compute(parent, ctx)` for one request: the fields of one parent value (a territory's
 * contribution, say) that each need the same loaded and sorted list get one promise instead of
 * each loading thousands of keys through a DataLoader and sorting again. Keyed by the request's
 * context first, so nothing is shared between requests (nor between callers with different
 * rights), then by the parent object; both weakly, so the memo goes with the request. Callers
 * must not mutate what they get back.
 */
export function perParent<P extends object, C extends object, R>(
  compute: (parent: P, ctx: C) => R,
): (parent: P, ctx: C) => R {
  const byContext = new WeakMap<C, WeakMap<P, R>>();
  return (parent, ctx) => {
    let memo = byContext.get(ctx);
    if (memo === undefined) {
      memo = new WeakMap();
      byContext.set(ctx, memo);
    }
    if (memo.has(parent)) return memo.get(parent) as R;
    const result = compute(parent, ctx);
    memo.set(parent, result);
    return result;
  };
}
