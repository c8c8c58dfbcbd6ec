// The public gateways workload: the four subgraphs, every contender on the same supergraph,
// answers compared with the stock gateway's, then interleaved load runs (A B C A B C …).
import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { startChild, type ChildHandle } from './child.js';
import { CONTENDERS, type Contender } from './contenders.js';
import { aggregate, measureRun, type Aggregate, type LoadGenerator, type RunSample } from './measure.js';
import { writeBenchSupergraph } from './supergraph.js';

export const WORKLOAD_QUERY = readFileSync(new URL('./workload/query.graphql', import.meta.url), 'utf8');
/** Size of the workload's answer as compact JSON, as published with the benchmark. */
export const WORKLOAD_ANSWER_BYTES = 87_599;
/** What the floor asks a subgraph directly: one list, no gateway, no entity fetch. */
export const FLOOR_QUERY = '{ topProducts { upc name price weight } }';

/** How the public workload is run. */
export interface PublicOptions {
  rounds: number;
  durationS: number;
  warmupS: number;
  connections: number;
  /** Start the contenders together (smoke runs: faster, but their start-up times mean little). */
  parallelStarts?: boolean;
  /** Contenders to run (default: all). */
  only?: Contender['id'][];
}

/** What a contender answered to the workload query before the load. */
export interface AnswerCheck {
  /** Bytes of the answer as compact JSON. */
  bytes: number;
  /** Same JSON (keys in the same order) as the stock @apollo/gateway's answer. */
  identicalToStock: boolean;
  errors: number;
  /** Subgraph requests for that one answer. */
  subgraphRequests: number;
}

/** One scenario (identical requests, or a distinct header on each) over every contender. */
export interface ScenarioResult {
  name: 'identical' | 'distinct-header';
  rows: { id: Contender['id']; label: string; result: Aggregate }[];
}

/** Everything the public workload measured. */
export interface PublicResult {
  connections: number;
  rounds: number;
  durationS: number;
  contenders: { id: Contender['id']; label: string; startMs?: number; answer?: AnswerCheck }[];
  scenarios: ScenarioResult[];
}

interface Running {
  contender: Contender;
  handle?: ChildHandle<{ url: string }>;
  url: string;
  body: string;
}

/** Runs the public workload with the load generator `load`; stops every process it started. */
export async function runPublicWorkload(load: LoadGenerator, options: PublicOptions): Promise<PublicResult> {
  const subgraphs = await startChild<{ urls: Record<string, string> }>('bench/subgraphs/index.ts');
  const running: Running[] = [];
  let supergraphFile: string | undefined;
  try {
    supergraphFile = writeBenchSupergraph(subgraphs.ready.urls);
    const file = supergraphFile;
    const workloadBody = JSON.stringify({ query: WORKLOAD_QUERY });
    const chosen = CONTENDERS.filter((c) => !options.only || options.only.includes(c.id));
    const start = async (contender: Contender): Promise<Running> => {
      if (!contender.start) {
        return {
          contender,
          url: subgraphs.ready.urls.products ?? '',
          body: JSON.stringify({ query: FLOOR_QUERY }),
        };
      }
      const handle = await contender.start(file);
      return { contender, handle, url: handle.ready.url, body: workloadBody };
    };
    if (options.parallelStarts) {
      const started = await Promise.allSettled(chosen.map(start));
      for (const outcome of started) if (outcome.status === 'fulfilled') running.push(outcome.value);
      const failure = started.find(
        (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
      );
      if (failure) throw failure.reason;
    } else {
      for (const contender of chosen) running.push(await start(contender));
    }
    const counts = () => subgraphs.ask<Record<string, number>>('counts');
    const answers = await checkAnswers(running, counts);

    const samples = new Map<string, RunSample[]>();
    const scenarios: ScenarioResult['name'][] = ['identical', 'distinct-header'];
    for (const party of running) {
      await load.ask('run', {
        url: party.url,
        body: party.body,
        connections: options.connections,
        durationS: options.warmupS,
      });
    }
    for (let round = 0; round < options.rounds; round++) {
      for (const scenario of scenarios) {
        for (const party of running) {
          const sample = await measureRun(
            load,
            {
              url: party.url,
              body: party.body,
              connections: options.connections,
              durationS: options.durationS,
              distinctHeader: scenario === 'distinct-header',
            },
            party.handle?.pid,
            counts,
          );
          const key = `${scenario}/${party.contender.id}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
        }
      }
    }
    return {
      connections: options.connections,
      rounds: options.rounds,
      durationS: options.durationS,
      contenders: running.map((party) => ({
        id: party.contender.id,
        label: party.contender.label,
        startMs: party.handle?.startMs,
        answer: answers.get(party.contender.id),
      })),
      scenarios: scenarios.map((name) => ({
        name,
        rows: running.map((party) => ({
          id: party.contender.id,
          label: party.contender.label,
          result: aggregate(samples.get(`${name}/${party.contender.id}`) ?? []),
        })),
      })),
    };
  } finally {
    for (const party of running) await party.handle?.stop();
    await subgraphs.stop();
    if (supergraphFile) rmSync(dirname(supergraphFile), { recursive: true, force: true });
  }
}

async function checkAnswers(
  running: Running[],
  counts: () => Promise<Record<string, number>>,
): Promise<Map<Contender['id'], AnswerCheck>> {
  const answers = new Map<Contender['id'], { json: string; errors: number; subgraphRequests: number }>();
  for (const party of running) {
    if (!party.handle) continue;
    const before = total(await counts());
    const response = await fetch(party.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: party.body,
    });
    const text = await response.text();
    let parsed: { errors?: unknown[] } = {};
    try {
      parsed = JSON.parse(text) as { errors?: unknown[] };
    } catch {
      parsed = { errors: [`status ${response.status}, not JSON: ${text.slice(0, 200)}`] };
    }
    answers.set(party.contender.id, {
      json: JSON.stringify(parsed),
      errors: parsed.errors?.length ?? 0,
      subgraphRequests: total(await counts()) - before,
    });
  }
  const stock = answers.get('apollo')?.json;
  return new Map(
    [...answers].map(([id, answer]) => [
      id,
      {
        bytes: Buffer.byteLength(answer.json),
        identicalToStock: stock !== undefined && answer.json === stock,
        errors: answer.errors,
        subgraphRequests: answer.subgraphRequests,
      },
    ]),
  );
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
