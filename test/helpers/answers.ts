// Comparing GraphQL answers read at different times.

/** The answer without its `retrievedAt` values, which differ between a mirror's copy and a live read. */
export function withoutReadTimes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'retrievedAt' ? undefined : v)));
}
