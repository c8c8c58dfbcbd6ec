// How far the stack's one V8 heap may grow past what it holds live before a full collection.
// V8 sets the next old-generation limit at the live heap times a factor it picks itself, up to 4×
// when collecting looks cheap. After start-up the stack holds about 140 MB live, so the limit
// lands near 560 MB: one executed national picture (some 700 MB allocated, most of it garbage
// within the query) fills that before the first full collection, and V8 keeps the pages it grew
// (RSS stays near the peak between queries). A fixed, smaller factor makes V8 collect when the
// heap is that much above its live size. Unlike a --max-old-space-size ceiling, it cannot make the
// process run out of memory: a larger live set only moves the limit up with it.
import { setFlagsFromString } from 'node:v8';
import { readInt } from '../kit/src/env.js';

type Env = Record<string, string | undefined>;

/**
 * Growth allowed past the live heap, in percent, unless STACK_HEAP_GROWING_PERCENT says otherwise.
 * 20 rather than 50 since the semi-spaces grew to 32 MB (stack/nodeFlags.ts): fewer objects reach
 * the old generation early, and its full collections, marked concurrently on the second core,
 * cost the request thread little.
 */
export const DEFAULT_HEAP_GROWING_PERCENT = 20;

/** Reads STACK_HEAP_GROWING_PERCENT (0 leaves V8's own factor). */
export function readHeapGrowingPercent(env: Env): number {
  return readInt(env, 'STACK_HEAP_GROWING_PERCENT', DEFAULT_HEAP_GROWING_PERCENT, 0);
}

/**
 * Sets V8's heap growing factor for this process. The flag is read at each full collection, so
 * setting it once the process runs takes effect from the next one; 0 gives V8 its own choice back.
 */
export function applyHeapGrowth(percent: number): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
