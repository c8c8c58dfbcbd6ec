// Child process of the harness: the whole Territoires Graph stack (simulators, subgraphs,
// gateway) as `npm start` runs it, on free ports, counting the requests each service receives and
// the bytes each simulator sends. Its mirror (MIRROR_FILE, given by the parent) is synced first by
// the stack's one scheduler; on an empty mirror that is the full sync the bench times, followed
// by a re-sync with nothing changed. Query-time counts start after both.
import type { ServerResponse } from 'node:http';
import { runMain } from '../../kit/src/env.js';
import { SERVICES } from '../../stack/registry.js';
import { startStack } from '../../stack/startStack.js';
import { serveHarness } from '../child.js';

/** One sync run of every mirrored source, as the child measured it. */
export interface SyncRun {
  ms: number;
  sources: { source: string; status: string; durationMs: number; read: number; recordCount: number }[];
  /** Simulator requests and response bytes during the run, by simulator. */
  calls: Record<string, number>;
  bytes: Record<string, number>;
  /** Peak resident memory of the whole stack's process during the run (sampled every 50 ms). */
  peakRssMb: number;
}

/** What the child reports of the mirror's syncs. */
export interface SyncReport {
  /** The first start's sync (empty when the mirror was already synced). */
  first: SyncRun;
  /** A second run of every source right after, with nothing changed upstream. */
  again?: SyncRun;
}

runMain('bench stack', async () => {
  const started = performance.now();
  const stack = await startStack({ freePorts: true, env: { ...process.env }, log: () => undefined });
  const counts = { upstream: 0, subgraph: 0 };
  // Per service too, so the report can say which operator's upstream calls grow.
  const byService: Record<string, number> = {};
  const bytes: Record<string, number> = {};
  const kinds = new Map(SERVICES.map((service) => [service.name, service.kind]));
  for (const [name, running] of Object.entries(stack.services)) {
    const kind = kinds.get(name);
    if (kind === undefined) continue; // the gateway itself
    byService[name] = 0;
    // Before the service's own handler, so the bytes of an answer written at once are counted.
    running.server.prependListener('request', (_request, response: ServerResponse) => {
      byService[name] = (byService[name] ?? 0) + 1;
      if (kind === 'simulator') {
        counts.upstream++;
        countBytes(response, (n) => (bytes[name] = (bytes[name] ?? 0) + n));
      } else counts.subgraph++;
    });
  }
  const reset = () => {
    counts.upstream = 0;
    counts.subgraph = 0;
    for (const name of Object.keys(byService)) byService[name] = 0;
    for (const name of Object.keys(bytes)) bytes[name] = 0;
  };
  const simulators = SERVICES.filter((s) => s.kind === 'simulator').map((s) => s.name);
  const measure = async (run: () => Promise<SyncRun['sources']>, since: number): Promise<SyncRun> => {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    try {
      const sources = await run();
      return {
        ms: performance.now() - since,
        sources,
        calls: pick(byService, simulators),
        bytes: pick(bytes, simulators),
        peakRssMb: Math.max(peak, process.memoryUsage().rss) / 1_048_576,
      };
    } finally {
      clearInterval(sampler);
    }
  };
  // The mirror's first sync reads the simulators' exports: done before counting query-time calls.
  const report: SyncReport = {
    first: await measure(async () => summarize(await stack.mirrorSync.scheduler.firstSync), started),
  };
  if (report.first.sources.length > 0) {
    reset();
    const since = performance.now();
    report.again = await measure(async () => summarize(await stack.mirrorSync.scheduler.runNow()), since);
  }
  reset();
  const subgraphUrls = Object.fromEntries(
    Object.entries(stack.env).filter(([key]) => /^SUBGRAPH_[A-Z0-9_]+_URL$/.test(key)),
  );
  serveHarness(
    {
      url: `${stack.gatewayUrl}/graphql`,
      subgraphUrls,
      // This run's secret: a gateway started beside the stack must send it to reach the subgraphs.
      gatewaySecret: stack.env.GATEWAY_SECRET,
      simulators,
      subgraphs: SERVICES.filter((s) => s.kind === 'subgraph').map((s) => s.name),
    },
    {
      counts: () => ({ ...counts, byService: { ...byService } }),
      subgraphCounts: () => ({ subgraph: counts.subgraph }),
      sync: () => report,
    },
  );
});

function summarize(results: readonly SyncResultLike[]): SyncRun['sources'] {
  return results.map((r) => ({
    source: r.source,
    status: r.status,
    durationMs: r.durationMs,
    read: r.read,
    recordCount: r.recordCount,
  }));
}

interface SyncResultLike {
  source: string;
  status: string;
  durationMs: number;
  read: number;
  recordCount: number;
}

function pick(values: Record<string, number>, names: string[]): Record<string, number> {
  return Object.fromEntries(names.map((name) => [name, values[name] ?? 0]));
}

// Adds up what the response writes (body bytes, headers left out).
function countBytes(response: ServerResponse, add: (n: number) => void): void {
  const size = (chunk: unknown) =>
    typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.byteLength : 0;
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  response.write = ((...args: unknown[]) => {
    add(size(args[0]));
    return write(...args);
  }) as ServerResponse['write'];
  response.end = ((...args: unknown[]) => {
    if (typeof args[0] !== 'function') add(size(args[0]));
    return end(...args);
  }) as ServerResponse['end'];
}
