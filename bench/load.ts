// Child process of the harness: the load generator. It runs autocannon in its own process so
// the load never shares a CPU budget with the party being measured.
import type Autocannon from 'autocannon';
import { runMain } from '../kit/src/env.js';
import { requireBenchPackage } from './benchDependencies.js';
import { serveHarness } from './child.js';

// From the benchmark's own packages (bench/packages), which the harness installs before it
// starts this process; typed by bench/autocannon.d.ts.
const autocannon = requireBenchPackage('autocannon') as typeof Autocannon;

/** One load run: where, what, how hard and how long. */
export interface LoadSpec {
  url: string;
  body: string;
  connections: number;
  durationS: number;
  /** Add an `x-bench-distinct` header whose value differs on every request. */
  distinctHeader?: boolean;
  /**
   * Send `Cache-Control: no-cache`, as a dashboard's refresh does: the gateway executes every
   * request afresh instead of answering from its response cache (the same operation each time,
   * so its parsed document and query plan are reused, as for real traffic).
   */
  fresh?: boolean;
  /** Send `Accept-Encoding: gzip, deflate, br`, as a browser (a dashboard) does. */
  acceptCompressed?: boolean;
}

/** What one load run measured. */
export interface LoadResult {
  /** Requests sent, answered or not (the gateway worked on all of them). */
  sent: number;
  ok: number;
  failed: number;
  durationS: number;
  p50Ms: number;
  p99Ms: number;
}

async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let counter = 0;
  const result = await autocannon({
    url: spec.url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(spec.acceptCompressed ? { 'accept-encoding': 'gzip, deflate, br' } : {}),
      ...(spec.fresh ? { 'cache-control': 'no-cache' } : {}),
    },
    body: spec.body,
    connections: spec.connections,
    duration: spec.durationS,
    timeout: 30,
    requests: spec.distinctHeader
      ? [
          {
            setupRequest: (request) => ({
              ...request,
              headers: { ...request.headers, 'x-bench-distinct': `${process.pid}-${counter++}` },
            }),
          },
        ]
      : undefined,
  });
  return {
    sent: result.requests.sent,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    durationS: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

runMain('bench load', async () => {
  serveHarness({}, { run: (spec) => runLoad(spec as LoadSpec) });
});
