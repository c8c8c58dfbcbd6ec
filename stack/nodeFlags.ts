// Node flags of the process that runs the whole stack: `npm start` (its script in package.json
// passes them to tsx) and the bench's stack child. They must be given when the process starts:
// V8 sizes its young generation once, when the heap is made.

/**
 * Young-generation semi-spaces of up to 32 MB instead of 16. A national picture's objects live
 * until its answer is written, so with a small nursery most of them are copied at each scavenge
 * and again into the old generation: with 8 MB semi-spaces, scavenges took about a fifth of the
 * cold national picture (some 100 of them, 450 ms). With 32 MB, a quarter as many, and the cold
 * picture about 0.4 s faster (median of four fresh stacks each, December 2026). The memory it
 * takes is won back by a lower heap growing factor (stack/heapGrowth.ts): peak RSS of an
 * executed national picture within 15 MB of the 8 MB setting.
 */
export const STACK_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
