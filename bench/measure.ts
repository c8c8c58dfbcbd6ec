// One measured load run against one process, and how runs of the same party add up.
import type { ChildHandle } from './child.js';
import type { LoadResult, LoadSpec } from './load.js';
import { cpuMs, memoryMb, resetPeakRss } from './procStats.js';

/** The load generator process. */
export type LoadGenerator = ChildHandle;

/** Counts requests at the backends of a run (subgraphs, upstream simulators), by name. */
export type CountReader = () => Promise<Record<string, number>>;

/** One load run and what the measured process spent on it. */
export interface RunSample extends LoadResult {
  /** CPU milliseconds of the measured process during the run; undefined when nothing was measured. */
  cpuMs?: number;
  /** Peak resident memory of the measured process during the run (or since it started). */
  peakRssMb?: number;
  /** Requests the backends received during the run, summed over all of them. */
  backendRequests?: number;
}

/** Runs one load against `spec.url` while reading the CPU, memory and backend counts of `pid`. */
export async function measureRun(
  load: LoadGenerator,
  spec: LoadSpec,
  pid: number | undefined,
  counts?: CountReader,
): Promise<RunSample> {
  if (pid) resetPeakRss(pid);
  const before = counts ? await counts() : undefined;
  const cpuBefore = pid ? cpuMs(pid) : 0;
  const result = await load.ask<LoadResult>('run', spec);
  // The load generator stops with requests still in flight; the measured process finishes them,
  // so wait for the backends to go quiet before reading what the run cost.
  const after = counts ? await settle(counts) : undefined;
  const cpuAfter = pid ? cpuMs(pid) : 0;
  return {
    ...result,
    cpuMs: pid ? cpuAfter - cpuBefore : undefined,
    peakRssMb: pid ? memoryMb(pid).peakRssMb : undefined,
    backendRequests: before && after ? sum(after) - sum(before) : undefined,
  };
}

/** Several runs of one party in one scenario, added up. */
export interface Aggregate {
  runs: number;
  requestsPerS: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU milliseconds per request; undefined when not measured. */
  cpuMsPerRequest?: number;
  peakRssMb?: number;
  backendRequestsPerRequest?: number;
  failed: number;
}

/** Adds runs up: throughput over the total time, the median of the runs' percentiles, CPU over all requests. */
export function aggregate(samples: RunSample[]): Aggregate {
  const sent = samples.reduce((total, s) => total + s.sent, 0);
  const ok = samples.reduce((total, s) => total + s.ok, 0);
  const seconds = samples.reduce((total, s) => total + s.durationS, 0);
  const cpu = samples.every((s) => s.cpuMs !== undefined)
    ? samples.reduce((t, s) => t + (s.cpuMs ?? 0), 0)
    : undefined;
  const backend = samples.every((s) => s.backendRequests !== undefined)
    ? samples.reduce((t, s) => t + (s.backendRequests ?? 0), 0)
    : undefined;
  const peaks = samples.map((s) => s.peakRssMb).filter((v): v is number => v !== undefined);
  return {
    runs: samples.length,
    requestsPerS: seconds > 0 ? ok / seconds : 0,
    p50Ms: median(samples.map((s) => s.p50Ms)),
    p99Ms: median(samples.map((s) => s.p99Ms)),
    cpuMsPerRequest: cpu !== undefined && sent > 0 ? cpu / sent : undefined,
    peakRssMb: peaks.length ? Math.max(...peaks) : undefined,
    backendRequestsPerRequest: backend !== undefined && sent > 0 ? backend / sent : undefined,
    failed: samples.reduce((total, s) => total + s.failed, 0),
  };
}

/** The median of a list (0 for an empty one). */
export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function settle(counts: CountReader): Promise<Record<string, number>> {
  let last = await counts();
  const deadline = Date.now() + 10_000;
  for (let quiet = 0; quiet < 3 && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await counts();
    quiet = sum(now) === sum(last) ? quiet + 1 : 0;
    last = now;
  }
  return last;
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, n) => total + n, 0);
}
