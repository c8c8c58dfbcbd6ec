// The mission workload: the support picture for 1, 21 (Grand Est) and 183 territories through
// our real stack, with simulator latency off and at realistic values; the upstream calls and
// subgraph requests per query as territories grow; and cold start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startChild, type ChildHandle } from '../child.js';
import { BENCH_GATEWAY_ENV } from '../contenders.js';
import { startGateway, type GatewayEntry } from '../gatewayBundle.js';
import { aggregate, measureRun, median, type Aggregate, type LoadGenerator } from '../measure.js';
import { LATENCY_PROFILES, type LatencyProfile } from './latency.js';
import type { SyncReport } from './stackChild.js';
import {
  buildPictureQueries,
  countDepartments,
  describeAnswer,
  type PictureQuery,
  type PictureSize,
} from './supportPicture.js';
import { REPO_ROOT, SUPERGRAPH_FILE } from '../../tools/composition.js';
import { STACK_NODE_FLAGS } from '../../stack/nodeFlags.js';

/** How the mission workload is run. */
export interface MissionOptions {
  durationS: number;
  warmupS: number;
  /** Connections of the latency runs (the target is set at 10). */
  connections: number;
  /** Connections of the memory run (the target is set at 50). */
  rssConnections: number;
  profiles?: LatencyProfile[];
  /** Sizes also run with every request executed (all by default; smoke runs keep one). */
  executedSizes?: PictureSize[];
  /** Repeats of the warm queries after the cold one (3 by default; smoke runs ask fewer). */
  warmRounds?: number;
  /** Leave out the gateway cold-start measurement (smoke runs). */
  skipColdStart?: boolean;
  /** Start the cold stacks together (smoke runs: faster, but their start-up times mean little). */
  parallelStarts?: boolean;
  /**
   * Fresh stacks each size's cold query is timed on (3 by default; smoke runs ask two): the
   * median is reported with its range, so one slow start on a shared machine weighs less.
   */
  coldRounds?: number;
}

/** One query on a cold stack: how many calls it caused. */
export interface GrowthRow {
  size: PictureSize;
  territories: number;
  errors: number;
  upstreamCalls: number;
  /** Upstream calls by simulator (one per operator's source). */
  upstreamBySource: Record<string, number>;
  subgraphRequests: number;
  /** The first error of the answer, if any. */
  firstError?: string;
  /** From spawning the stack's process to this answer (the first one). */
  coldStartMs: number;
  /**
   * The query alone, on a fresh stack (mirror synced, upstream caches cold): the median over
   * the cold rounds; the calls and answer above are those of the first.
   */
  coldQueryMs: number;
  /** Each cold round's time, the first round's first. */
  coldQueryRoundsMs: number[];
  /**
   * The same query again right after, caches warm, as `npm start` runs (the gateway's response
   * cache on: a complete answer is served from it): median of 3.
   */
  warmQueryMs: number;
  /** The same, asked with `Cache-Control: no-cache`, so executed in full: median of 3. */
  warmExecutedMs: number;
  /** Distinct departments of the territories asked (France Travail's target is per department). */
  departments: number;
}

/** Load on one picture size with one latency profile. */
export interface MissionLoadRow {
  profile: string;
  size: PictureSize;
  connections: number;
  /**
   * `cached`: the same request again and again, as dashboards ask it (the gateway's response
   * cache answers once a complete answer is kept); `executed`: every request asked with
   * `Cache-Control: no-cache`, so executed afresh.
   */
  mode: LoadMode;
  result: Aggregate;
}

/** How the requests of a load run meet the gateway's response cache. */
export type LoadMode = 'cached' | 'executed';

/** Everything the mission workload measured. */
export interface MissionResult {
  subgraphs: string[];
  simulators: string[];
  droppedFields: string[];
  /** The operation file the queries were built from, relative to the repository. */
  operationFile: string;
  growth: GrowthRow[];
  load: MissionLoadRow[];
  profiles: LatencyProfile[];
  /** Our gateway alone, its bundle spawned on the committed supergraph: start to first support picture. */
  gatewayColdStartMs?: number;
  /** The same from the sources under tsx (`npm run gateway`), for comparison. */
  gatewayColdStartSourceMs?: number;
  /** The mirror's full sync of every source from the simulators, and a re-sync with nothing changed. */
  sync?: SyncReport;
}

interface StackReady {
  url: string;
  subgraphUrls: Record<string, string>;
  gatewaySecret: string;
  simulators: string[];
  subgraphs: string[];
}

/** Runs the mission workload; stops every process it started. */
export async function runMissionWorkload(
  load: LoadGenerator,
  options: MissionOptions,
): Promise<MissionResult> {
  const profiles = options.profiles ?? LATENCY_PROFILES;
  // A mirror of this run only: the first stack finds it empty and syncs every source (timed);
  // the others find it synced and read it.
  const mirrorDir = mkdtempSync(join(tmpdir(), 'bench-mirror-'));
  const mirrorEnv = { MIRROR_FILE: join(mirrorDir, 'mirror.sqlite') };
  const envOf = (profile: LatencyProfile | undefined) => ({ ...(profile?.env ?? {}), ...mirrorEnv });
  let first: ChildHandle<StackReady>;
  try {
    first = await startStackChild(envOf(profiles[0]));
  } catch (error) {
    rmSync(mirrorDir, { recursive: true, force: true });
    throw error;
  }
  const sync = await first.ask<SyncReport>('sync').catch(() => undefined);
  const rows: MissionLoadRow[] = [];
  let queries: PictureQuery[];
  let gatewayColdStartMs: number | undefined;
  let gatewayColdStartSourceMs: number | undefined;
  const growth: GrowthRow[] = [];
  try {
    queries = await buildPictureQueries(first.ready.url);
    if (!options.skipColdStart) {
      // Alternated and repeated; the median of each, so one slow start on a shared machine weighs less.
      const bundle: number[] = [];
      const source: number[] = [];
      for (let round = 0; round < 3; round++) {
        const body = queries[0]?.body ?? '';
        bundle.push((await gatewayColdStart('bundle', first.ready, body)) ?? NaN);
        source.push((await gatewayColdStart('source', first.ready, body)) ?? NaN);
      }
      gatewayColdStartMs = medianOrUndefined(bundle);
      gatewayColdStartSourceMs = medianOrUndefined(source);
    }
    // Each size on a fresh stack, so no cache from an earlier query hides upstream calls; the
    // cold query again on further fresh stacks, for its median.
    const measureGrowth = async (query: PictureQuery): Promise<GrowthRow> => {
      let row = await coldQuery(query, envOf(profiles[0]), options.warmRounds ?? 3);
      const times = [row.coldQueryMs];
      for (let round = 1; round < (options.coldRounds ?? 3); round++) {
        const again = await coldQuery(query, envOf(profiles[0]), 0);
        times.push(again.coldQueryMs);
        // A round that answered less counts against the row: a median must not hide it.
        if (again.errors > row.errors || again.territories < row.territories) {
          const { territories, errors, firstError } = again;
          row = { ...row, territories, errors, firstError };
        }
      }
      return { ...row, coldQueryMs: median(times), coldQueryRoundsMs: times };
    };
    if (options.parallelStarts) growth.push(...(await Promise.all(queries.map(measureGrowth))));
    else for (const query of queries) growth.push(await measureGrowth(query));

    for (const profile of profiles) {
      const stack = profile === profiles[0] ? first : await startStackChild(envOf(profile));
      try {
        const counts = async () => stack.ask<Record<string, number>>('subgraphCounts');
        // As deployed first (the response cache on), then executed: every request a new cache
        // key. The 183-territory picture executed takes seconds of CPU: one connection keeps its
        // latency readable, and it runs last so the other runs' memory peaks are not its own.
        const runs: [PictureQuery, number, LoadMode][] = [];
        for (const query of queries)
          runs.push([query, query.size === 183 ? 1 : options.connections, 'cached']);
        const executed = (size: PictureSize) => (options.executedSizes ?? [1, 21, 183]).includes(size);
        if (profile === profiles[0]) {
          for (const query of queries.filter((q) => executed(q.size))) {
            if (query.size !== 183) runs.push([query, options.connections, 'executed']);
            if (query.size === 21) runs.push([query, options.rssConnections, 'executed']);
          }
        }
        for (const query of queries)
          if (query.size === 183 && executed(183)) runs.push([query, 1, 'executed']);
        for (const [query, connections, mode] of runs) {
          const spec = {
            url: stack.ready.url,
            body: query.body,
            connections,
            fresh: mode === 'executed',
            // Dashboards are browsers: they accept compressed answers.
            acceptCompressed: true,
          };
          // "As deployed": the answer a dashboard's first visitor caused is there for the next
          // ones. On a fresh stack the first national picture takes seconds, longer than a run.
          if (mode === 'cached') await post(stack.ready.url, query.body);
          await load.ask('run', { ...spec, durationS: options.warmupS });
          const sample = await measureRun(load, { ...spec, durationS: options.durationS }, stack.pid, counts);
          rows.push({
            profile: profile.name,
            size: query.size,
            connections,
            mode,
            result: aggregate([sample]),
          });
        }
      } finally {
        if (stack !== first) await stack.stop();
      }
    }
  } finally {
    await first.stop();
    rmSync(mirrorDir, { recursive: true, force: true });
  }
  const ready = first.ready;
  return {
    subgraphs: ready.subgraphs,
    simulators: ready.simulators,
    droppedFields: queries[0]?.droppedFields ?? [],
    operationFile: relative(REPO_ROOT, queries[0]?.file ?? ''),
    growth,
    load: rows,
    profiles,
    gatewayColdStartMs,
    gatewayColdStartSourceMs,
    sync,
  };
}

function medianOrUndefined(values: number[]): number | undefined {
  return values.some((v) => Number.isNaN(v)) ? undefined : median(values);
}

/**
 * Starts a fresh stack, asks it one query and counts the calls that query caused; then the warm
 * rounds (none for a further cold round, whose warm figures are left at 0).
 */
async function coldQuery(
  query: PictureQuery,
  env: Record<string, string>,
  warmRounds: number,
): Promise<GrowthRow> {
  const started = performance.now();
  const stack = await startStackChild(env);
  try {
    const queryStarted = performance.now();
    const answer = await post(stack.ready.url, query.body);
    const coldQueryMs = performance.now() - queryStarted;
    const coldStartMs = performance.now() - started;
    const counts = await stack.ask<{ upstream: number; subgraph: number; byService: Record<string, number> }>(
      'counts',
    );
    const warm: number[] = [];
    const executed: number[] = [];
    for (let round = 0; round < warmRounds; round++) {
      const again = performance.now();
      await post(stack.ready.url, query.body);
      warm.push(performance.now() - again);
    }
    for (let round = 0; round < warmRounds; round++) {
      const again = performance.now();
      await post(stack.ready.url, query.body, { 'cache-control': 'no-cache' });
      executed.push(performance.now() - again);
    }
    const departments = countDepartments(await post(stack.ready.url, query.departmentsBody));
    const upstreamBySource = Object.fromEntries(
      stack.ready.simulators.map((name) => [name, counts.byService[name] ?? 0]),
    );
    return {
      size: query.size,
      ...describeAnswer(answer),
      ...countsToRow(counts),
      upstreamBySource,
      coldStartMs,
      coldQueryMs,
      coldQueryRoundsMs: [coldQueryMs],
      warmQueryMs: median(warm),
      warmExecutedMs: median(executed),
      departments,
    };
  } finally {
    await stack.stop();
  }
}

function startStackChild(env: Record<string, string>): Promise<ChildHandle<StackReady>> {
  // The gateway's response cache on, as `npm start` runs it; the executed runs get past it with
  // `Cache-Control: no-cache` on every request.
  return startChild<StackReady>('bench/mission/stackChild.ts', {
    env: { ...BENCH_GATEWAY_ENV, RESPONSE_CACHE: 'true', ...env },
    // Started as `npm start` starts it.
    nodeArgs: [...STACK_NODE_FLAGS],
    // The first start on an empty mirror syncs every source (and its re-sync) before it is ready.
    timeoutMs: 180_000,
  });
}

/** Spawns our gateway on the committed supergraph and times it to the first support picture. */
async function gatewayColdStart(
  entry: GatewayEntry,
  stack: StackReady,
  body: string,
): Promise<number | undefined> {
  const started = performance.now();
  const gateway = await startGateway(entry, SUPERGRAPH_FILE, {
    ...BENCH_GATEWAY_ENV,
    ...stack.subgraphUrls,
    GATEWAY_SECRET: stack.gatewaySecret,
  });
  try {
    const answer = await post(`${gateway.ready.url}/graphql`, body);
    return describeAnswer(answer).territories === 1 ? performance.now() - started : undefined;
  } finally {
    await gateway.stop();
  }
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return response.json();
}

function countsToRow(counts: { upstream: number; subgraph: number }): {
  upstreamCalls: number;
  subgraphRequests: number;
} {
  return { upstreamCalls: counts.upstream, subgraphRequests: counts.subgraph };
}
