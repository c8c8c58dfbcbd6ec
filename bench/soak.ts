// The bounded soak (`npm run bench -- --soak`): our gateway under steady load on the public
// workload for a few minutes, its resident memory and heap sampled along the way.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { startChild } from './child.js';
import { BENCH_GATEWAY_ENV } from './contenders.js';
import type { LoadGenerator } from './measure.js';
import type { LoadResult } from './load.js';
import { memoryMb } from './procStats.js';
import { WORKLOAD_QUERY } from './publicWorkload.js';
import { writeBenchSupergraph } from './supergraph.js';

/** One point of the soak curve. */
export interface SoakPoint {
  atS: number;
  rssMb: number;
  heapUsedMb: number;
  requestsPerS: number;
}

/** The soak curve and its verdict. */
export interface SoakResult {
  minutes: number;
  connections: number;
  points: SoakPoint[];
  /** Mean of the later half of the points minus mean of the earlier half (after warm-up), in MB. */
  rssGrowthMb: number;
  heapGrowthMb: number;
}

/** Loads our gateway for `minutes`, sampling memory every `stepS` seconds. */
export async function runSoak(
  load: LoadGenerator,
  options: { minutes: number; connections: number; stepS: number },
): Promise<SoakResult> {
  const subgraphs = await startChild<{ urls: Record<string, string> }>('bench/subgraphs/index.ts');
  try {
    const supergraphFile = writeBenchSupergraph(subgraphs.ready.urls);
    const ours = await startChild<{ url: string }>('bench/contenders/ours.ts', {
      args: [supergraphFile],
      nodeArgs: ['--expose-gc'],
      env: BENCH_GATEWAY_ENV,
    });
    try {
      const body = JSON.stringify({ query: WORKLOAD_QUERY });
      const points: SoakPoint[] = [];
      const steps = Math.max(1, Math.round((options.minutes * 60) / options.stepS));
      for (let step = 1; step <= steps; step++) {
        const run = await load.ask<LoadResult>('run', {
          url: ours.ready.url,
          body,
          connections: options.connections,
          durationS: options.stepS,
        });
        const heap = await ours.ask<{ heapUsed: number }>('memory');
        points.push({
          atS: step * options.stepS,
          rssMb: memoryMb(ours.pid).rssMb,
          heapUsedMb: heap.heapUsed / 1024 / 1024,
          requestsPerS: run.ok / run.durationS,
        });
      }
      // Compare the mean of the late points with the mean of the early ones, leaving out the
      // first minute (warm-up: JIT, caches, pools) when the soak is long enough.
      const warm = points.filter((p) => p.atS > 60);
      const settled = warm.length >= 4 ? warm : points;
      const half = Math.floor(settled.length / 2);
      const mean = (list: SoakPoint[], pick: (p: SoakPoint) => number) =>
        list.reduce((total, p) => total + pick(p), 0) / Math.max(1, list.length);
      const early = settled.slice(0, half);
      const late = settled.slice(half);
      return {
        minutes: options.minutes,
        connections: options.connections,
        points,
        rssGrowthMb: mean(late, (p) => p.rssMb) - mean(early, (p) => p.rssMb),
        heapGrowthMb: mean(late, (p) => p.heapUsedMb) - mean(early, (p) => p.heapUsedMb),
      };
    } finally {
      await ours.stop();
      rmSync(dirname(supergraphFile), { recursive: true, force: true });
    }
  } finally {
    await subgraphs.stop();
  }
}
