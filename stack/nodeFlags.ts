// Node flags of the process that runs the whole stack: `npm start` (its script in package.json
// passes them to tsx) and the bench's stack child. They must be given when the process starts:
// V8 sizes its young generation once, when the heap is made.

/**
 * Young-generation semi-spaces of 8 MB instead of 16: one executed national picture allocates
 * some 700 MB, and a smaller nursery holds less of it at once. Measured on one executed
 * 183-territory picture after another: peak RSS about 50 MB lower, time within the noise.
 */
export const STACK_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
