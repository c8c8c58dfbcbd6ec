// The gateway's own Prometheus metrics, in the process registry of kit/src/metrics.ts: requests and
// latency by operation name and outcome, subgraph fetches, rate-limit refusals. Response cache
// lookups are counted by kit's recordCacheLookup (cache="response").
import { Counter, Histogram } from 'prom-client';
import { LATENCY_BUCKETS, metricsRegistry } from '../../../kit/src/metrics.js';

/** How a request ended: ok, partial (data and errors), error (no data), refused (before execution). */
export type Outcome = 'ok' | 'partial' | 'error' | 'refused';

const requests = new Counter({
  name: 'graphql_requests_total',
  help: 'GraphQL requests by operation name and outcome (ok, partial, error, refused).',
  labelNames: ['operation', 'outcome'] as const,
  registers: [metricsRegistry],
});

const requestDuration = new Histogram({
  name: 'graphql_request_duration_seconds',
  help: 'Latency of GraphQL requests through the gateway, by operation name and outcome.',
  labelNames: ['operation', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

const subgraphDuration = new Histogram({
  name: 'subgraph_fetch_duration_seconds',
  help: 'Latency of the gateway fetches to each subgraph, by outcome (ok, error).',
  labelNames: ['subgraph', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

const subgraphErrors = new Counter({
  name: 'subgraph_fetch_errors_total',
  help: 'Errors from subgraph fetches: failed calls (code FETCH_FAILED) and GraphQL errors by code.',
  labelNames: ['subgraph', 'code'] as const,
  registers: [metricsRegistry],
});

const rateLimited = new Counter({
  name: 'rate_limit_refusals_total',
  help: 'Requests refused with 429, by caller kind (anonymous, token, apiKey).',
  labelNames: ['caller'] as const,
  registers: [metricsRegistry],
});

/** Operation names become labels: keep them few and printable, so a caller cannot flood the registry. */
const MAX_OPERATION_LABELS = 200;
const seenOperations = new Set<string>();

function operationLabel(name: string | undefined): string {
  if (!name) return 'anonymous';
  if (seenOperations.has(name)) return name;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) || seenOperations.size >= MAX_OPERATION_LABELS)
    return 'other';
  seenOperations.add(name);
  return name;
}

/** Records one GraphQL request. */
export function recordRequest(operationName: string | undefined, outcome: Outcome, seconds: number): void {
  const labels = { operation: operationLabel(operationName), outcome };
  requests.inc(labels);
  requestDuration.observe(labels, seconds);
}

/** Records one subgraph fetch and the codes of the errors it returned. */
export function recordSubgraphFetch(subgraph: string, seconds: number, errorCodes: string[]): void {
  subgraphDuration.observe({ subgraph, outcome: errorCodes.length > 0 ? 'error' : 'ok' }, seconds);
  for (const code of errorCodes) subgraphErrors.inc({ subgraph, code });
}

/** Records a 429. */
export function recordRateLimited(callerKind: string): void {
  rateLimited.inc({ caller: callerKind });
}

const reloads = new Counter({
  name: 'supergraph_reloads_total',
  help: 'Supergraphs offered while running (file or URL), by result (applied, refused).',
  labelNames: ['result'] as const,
  registers: [metricsRegistry],
});

/** Records a hot reload attempt. */
export function recordSupergraphReload(result: 'applied' | 'refused'): void {
  reloads.inc({ result });
}
