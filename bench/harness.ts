// The benchmark harness: starts the load generator, runs the public and mission workloads (and
// the soak when asked), and renders the report. `bench/run.ts` is its command line.
import { ensureBenchDependencies } from './benchDependencies.js';
import type { BenchReport } from './benchReport.js';
import { startChild } from './child.js';
import { buildGatewayBundle } from '../tools/gatewayBundle.js';
import { describeRun } from './machine.js';
import { LATENCY_PROFILES } from './mission/latency.js';
import { runMissionWorkload, type MissionOptions } from './mission/missionWorkload.js';
import { runPublicWorkload, type PublicOptions } from './publicWorkload.js';
import { renderReport } from './report.js';
import { runSoak } from './soak.js';
import { minutes } from './targets.js';

/** What to run. */
export interface BenchOptions {
  /** About a second per party: checks that the harness works, not how fast anything is. */
  smoke: boolean;
  /** Add the bounded soak (5 minutes; 20 seconds in smoke mode). */
  soak: boolean;
  /** The command line, written into the report. */
  command: string;
  /** Leave out a workload (both run by default). */
  skip?: ('public' | 'mission')[];
  /** Progress lines (the command line prints them; tests stay quiet). */
  log?: (line: string) => void;
}

const FULL = {
  public: { rounds: 3, durationS: 5, warmupS: 3, connections: 50 } satisfies PublicOptions,
  mission: { durationS: 5, warmupS: 1, connections: 10, rssConnections: 50 } satisfies MissionOptions,
  soak: { minutes: 5, connections: 50, stepS: 10 },
};

const SMOKE = {
  public: {
    rounds: 1,
    durationS: 1,
    warmupS: 0.5,
    connections: 10,
    parallelStarts: true,
  } satisfies PublicOptions,
  mission: {
    durationS: 1,
    warmupS: 0.3,
    connections: 10,
    rssConnections: 50,
    profiles: LATENCY_PROFILES.slice(0, 1),
    warmRounds: 1,
    // Two, so the smoke run goes through the median and its range as the full run does.
    coldRounds: 2,
    executedSizes: [21],
    parallelStarts: true,
    skipColdStart: true,
  } satisfies MissionOptions,
  soak: { minutes: 1 / 3, connections: 10, stepS: 5 },
};

/** Runs the benchmark and returns its figures and their Markdown. */
export async function runBench(options: BenchOptions): Promise<{ report: BenchReport; markdown: string }> {
  const settings = options.smoke ? SMOKE : FULL;
  const started = performance.now();
  const log = (line: string) =>
    options.log?.(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  // Before describeRun(), which reads the versions of these packages.
  await ensureBenchDependencies(log);
  const report: BenchReport = {
    command: options.command,
    startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    durationS: 0,
    smoke: options.smoke,
    context: describeRun(),
  };
  log('building dist/gateway.mjs (npm run build)');
  await buildGatewayBundle();
  const load = await startChild('bench/load.ts');
  try {
    if (!options.skip?.includes('public')) {
      log('public workload: four subgraphs, five parties, interleaved runs');
      report.public = await runPublicWorkload(load, settings.public);
    }
    if (!options.skip?.includes('mission')) {
      log('mission workload: the support picture through the whole stack');
      // The mission stack is the product under construction: when it cannot start, the report
      // says why instead of losing the public workload's figures.
      report.mission = await runMissionWorkload(load, settings.mission).catch((error: unknown) => {
        report.missionError = error instanceof Error ? error.message : String(error);
        return undefined;
      });
    }
    if (options.soak) {
      log(`soak: ${minutes(settings.soak.minutes)} run at ${settings.soak.connections} connections`);
      report.soak = await runSoak(load, settings.soak);
    }
  } finally {
    await load.stop();
  }
  report.durationS = (performance.now() - started) / 1000;
  return { report, markdown: renderReport(report) };
}
