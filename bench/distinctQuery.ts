// A request body made distinct without changing what it asks: the load generator and the mission
// workload use it to get past the gateway's response cache, so every request is executed.

/** The request body with `# run <n>` after its query: the same operation, another cache key. */
export function distinctQuery(body: string, n: string): string {
  const request = JSON.parse(body) as { query: string };
  return JSON.stringify({ ...request, query: `${request.query}\n# run ${n}` });
}
