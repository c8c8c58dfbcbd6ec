// The one Prometheus registry of a process, and the small API every service records into: the
// gateway's own metrics, and the operator subgraphs' upstream clients (calls, latency, errors per
// operator, circuit-breaker states, cache lookups). Under `npm start` everything runs in one
// process, so the gateway's /metrics shows it all; a subgraph running alone serves the same
// registry on its own /metrics.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The process-wide registry served at /metrics. */
export const metricsRegistry = new Registry();

/** Latency buckets in seconds, from a cached answer to a slow upstream. */
export const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const upstreamRequests = new Counter({
  name: 'upstream_requests_total',
  help: 'Calls from operator subgraphs to their upstream APIs, by operator and outcome (ok, error).',
  labelNames: ['operator', 'outcome'] as const,
  registers: [metricsRegistry],
});

const upstreamDuration = new Histogram({
  name: 'upstream_request_duration_seconds',
  help: 'Latency of upstream API calls, by operator and outcome.',
  labelNames: ['operator', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

const upstreamErrors = new Counter({
  name: 'upstream_errors_total',
  help: 'Failed upstream API calls, by operator and error code.',
  labelNames: ['operator', 'code'] as const,
  registers: [metricsRegistry],
});

const circuitState = new Gauge({
  name: 'circuit_breaker_state',
  help: 'Circuit breaker per upstream: 0 closed, 1 half-open, 2 open.',
  labelNames: ['operator'] as const,
  registers: [metricsRegistry],
});

const cacheLookups = new Counter({
  name: 'cache_lookups_total',
  help: 'Cache lookups by cache (response, upstream:<operator>, …) and result (hit, miss).',
  labelNames: ['cache', 'result'] as const,
  registers: [metricsRegistry],
});

// Hit ratios are derived at scrape time from these tallies, so recording a lookup stays one add.
const tallies = new Map<string, { hits: number; misses: number }>();
new Gauge({
  name: 'cache_hit_ratio',
  help: 'Share of cache lookups that hit since the process started, by cache.',
  labelNames: ['cache'] as const,
  registers: [metricsRegistry],
  collect() {
    for (const [cache, { hits, misses }] of tallies)
      this.set({ cache }, hits + misses === 0 ? 0 : hits / (hits + misses));
  },
});

/** States of a circuit breaker, as the gauge encodes them. */
export type CircuitState = 'closed' | 'half-open' | 'open';
const CIRCUIT_VALUES: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Records one upstream call: its operator, duration and, when it failed, its error code. */
export function recordUpstreamCall(operator: string, seconds: number, errorCode?: string): void {
  const outcome = errorCode ? 'error' : 'ok';
  upstreamRequests.inc({ operator, outcome });
  upstreamDuration.observe({ operator, outcome }, seconds);
  if (errorCode) upstreamErrors.inc({ operator, code: errorCode });
}

/** Times an upstream call and records it; a thrown error counts with its `code` (or UNKNOWN). */
export async function timeUpstreamCall<T>(operator: string, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await call();
    recordUpstreamCall(operator, (performance.now() - started) / 1000);
    return result;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    recordUpstreamCall(
      operator,
      (performance.now() - started) / 1000,
      typeof code === 'string' ? code : 'UNKNOWN',
    );
    throw error;
  }
}

/** Publishes the state of an operator's circuit breaker. */
export function setCircuitBreakerState(operator: string, state: CircuitState): void {
  circuitState.set({ operator }, CIRCUIT_VALUES[state]);
}

/** Records a cache lookup, for the hit counters and the hit ratio. */
export function recordCacheLookup(cache: string, hit: boolean): void {
  cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
  let tally = tallies.get(cache);
  if (!tally) tallies.set(cache, (tally = { hits: 0, misses: 0 }));
  if (hit) tally.hits++;
  else tally.misses++;
}

/** The registry in Prometheus text format, with its content type. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
