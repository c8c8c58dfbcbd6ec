// Turns one run's figures into docs/benchmarks.md: machine, versions, command, tables, targets.
import type { BenchReport } from './benchReport.js';
import type { Aggregate } from './measure.js';
import type { MissionResult } from './mission/missionWorkload.js';
import type { SyncReport, SyncRun } from './mission/stackChild.js';
import type { PublicResult, ScenarioResult } from './publicWorkload.js';
import type { SoakResult } from './soak.js';
import { checkTargets, coldRounds, minutes } from './targets.js';

/** Renders the report as Markdown. */
export function renderReport(report: BenchReport): string {
  const { context } = report;
  const lines: string[] = [
    '# Benchmarks',
    '',
    `Written by \`${report.command}\` on ${report.startedAt} (${report.durationS.toFixed(0)} s). Do not edit by hand:`,
    'run it again. Speed is claimed only as ratios between parties measured side by side in this one',
    'run; absolute figures drift on shared machines.',
    '',
    '## Machine and versions',
    '',
    `- CPU: ${context.cpuModel}, ${context.cores} cores; memory ${context.memoryGb.toFixed(1)} GB`,
    `- load average at start (1/5/15 min): ${context.loadAverage.map((v) => v.toFixed(2)).join(' / ')}`,
    `- ${Object.entries(context.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`,
    '',
  ];
  lines.push('## Targets', '', '| target | measured | met |', '|---|---|---|');
  for (const check of checkTargets(report)) {
    const met = check.met === undefined ? '—' : check.met ? 'met' : '**not met**';
    lines.push(`| ${check.target} | ${check.measured}${check.cause ? ` (${check.cause})` : ''} | ${met} |`);
  }
  lines.push('');
  if (report.public) lines.push(...renderPublic(report.public));
  if (report.mission) lines.push(...renderMission(report.mission));
  if (report.missionError) {
    lines.push(
      '## Mission workload: the support picture',
      '',
      `Not measured: the stack did not run (${report.missionError.split('\n')[0]}).`,
      '',
    );
  }
  if (report.soak) lines.push(...renderSoak(report.soak));
  lines.push(...METHOD);
  return `${lines.join('\n')}\n`;
}

function renderPublic(pub: PublicResult): string[] {
  const lines = [
    '## Public gateways workload',
    '',
    'The four subgraphs of The Guild’s graphql-gateways-benchmark (accounts, inventory, products,',
    `reviews), rebuilt in \`bench/subgraphs/\`, and its nested query (\`bench/workload/query.graphql\`).`,
    `${pub.connections} connections, ${pub.rounds} round(s) of ${pub.durationS} s per party, parties interleaved.`,
    '',
    '### Answers',
    '',
    '| party | bytes | identical to stock @apollo/gateway | errors | subgraph requests for one answer | start-up |',
    '|---|---|---|---|---|---|',
  ];
  for (const c of pub.contenders) {
    const a = c.answer;
    lines.push(
      `| ${c.label} | ${a ? a.bytes.toLocaleString('en-US') : '—'} | ${a ? (a.identicalToStock ? 'yes' : '**no**') : '—'} | ${a?.errors ?? '—'} | ${a?.subgraphRequests ?? '—'} | ${c.startMs !== undefined ? `${(c.startMs / 1000).toFixed(1)} s` : '—'} |`,
    );
  }
  lines.push('');
  for (const scenario of pub.scenarios) lines.push(...renderScenario(scenario));
  return lines;
}

const SCENARIO_TEXT: Record<ScenarioResult['name'], string> = {
  identical: 'Every request identical: gateways may share identical in-flight subgraph fetches.',
  'distinct-header':
    'Every request carries a distinct `x-bench-distinct` header. Our gateway shares in-flight fetches only between requests with the same headers, so none are shared here; stock @graphql-hive/gateway keys its sharing on the subgraph request, which this header does not reach, so it still shares (its "dedup off" row is the like-for-like one).',
};

function renderScenario(scenario: ScenarioResult): string[] {
  const ours = scenario.rows.find((row) => row.id === 'ours')?.result;
  const lines = [
    `### ${scenario.name === 'identical' ? 'Identical requests' : 'A distinct header on every request'}`,
    '',
    SCENARIO_TEXT[scenario.name],
    '',
    '| party | req/s | p50 ms | p99 ms | gateway CPU ms/req | peak RSS MB | subgraph req/req | CPU ÷ ours | req/s ÷ ours | failed |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of scenario.rows) {
    const r = row.result;
    lines.push(
      `| ${row.label} | ${r.requestsPerS.toFixed(0)} | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | ${fmt(r.cpuMsPerRequest, 2)} | ${fmt(r.peakRssMb, 0)} | ${fmt(r.backendRequestsPerRequest, 2)} | ${ratio(r.cpuMsPerRequest, ours?.cpuMsPerRequest)} | ${ratio(r.requestsPerS, ours?.requestsPerS)} | ${r.failed} |`,
    );
  }
  lines.push('');
  return lines;
}

function renderMission(mission: MissionResult): string[] {
  const lines = [
    '## Mission workload: the support picture',
    '',
    `Our whole stack (\`stack/startStack.ts\`: ${mission.simulators.length} simulators, subgraphs ${mission.subgraphs.join(', ')}, gateway) in one process, queried with \`${mission.operationFile}\` for one territory, for the 21 of Grand Est (\`territories(filter: {regionCode: "44", phase: 2})\`) and for all 183 of phase 2. The gateway runs as \`npm start\` runs it, its response cache on: a complete answer is kept by the subgraphs' cache hints and served again; "executed" figures get past it with \`Cache-Control: no-cache\` on every request (a dashboard's refresh), so the operation is fetched from every subgraph and merged each time (its parsed document and query plan are reused, as for real traffic); the subgraphs keep their upstream caches.`,
    mission.droppedFields.length
      ? `The supergraph does not serve ${mission.droppedFields.length} field(s) of the operation yet (${mission.droppedFields.join(', ')}); they were left out.`
      : 'Every field of the operation is served.',
    mission.simulators.length === 0
      ? 'No operator subgraph or simulator is registered yet: this is the territories-only picture, and the latency profiles change nothing.'
      : `Latency profiles: ${mission.profiles.map((p) => `**${p.name}** (${p.description})`).join('; ')}.`,
    '',
    '### Calls per query as territories grow (each on a fresh stack, caches cold)',
    '',
    'The mirror is synced before (the first stack of the run synced it; see below); "cold" is the first query on a fresh stack, every cache empty: the median over fresh stacks, fastest–slowest in brackets (the calls and the stack start are those of the first); "warm" the median of the same query asked 3 more times (served by the response cache when the cold answer was complete); "warm, executed" the median of 3 more asked with `Cache-Control: no-cache`.',
    '',
    '| territories | answered | errors | departments | cold query | warm query | warm, executed | upstream calls | by source | subgraph requests | stack start to first answer |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const g of mission.growth) {
    const bySource = Object.entries(g.upstreamBySource ?? {})
      .map(([name, n]) => `${name} ${n}`)
      .join(', ');
    lines.push(
      `| ${g.size} | ${g.territories} | ${g.errors} | ${g.departments ?? '?'} | ${ms(g.coldQueryMs)}${coldRounds(g, 'short')} | ${ms(g.warmQueryMs)} | ${ms(g.warmExecutedMs)} | ${g.upstreamCalls} | ${bySource} | ${g.subgraphRequests} | ${(g.coldStartMs / 1000).toFixed(2)} s |`,
    );
  }
  for (const g of mission.growth.filter((row) => row.firstError)) {
    lines.push('', `First error for ${g.size} territories: \`${g.firstError?.replace(/`/g, "'")}\``);
  }
  lines.push(
    '',
    '### Under load',
    '',
    'CPU and memory are those of the one process holding the stack (simulators, subgraphs and gateway). Requests are "cached" (the same request again, as a dashboard asks it) or "executed" (a new response-cache key each time); like a browser, the load accepts gzipped answers (the public workload above does not, as its peers do not compress).',
    '',
    '| simulator latency | territories | requests | connections | req/s | p50 ms | p99 ms | stack CPU ms/query | peak RSS MB | subgraph req/query | failed |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const row of mission.load) {
    const r: Aggregate = row.result;
    lines.push(
      `| ${row.profile} | ${row.size} | ${row.mode ?? 'executed'} | ${row.connections} | ${r.requestsPerS.toFixed(1)} | ${latency(r, r.p50Ms)} | ${latency(r, r.p99Ms)} | ${fmt(r.cpuMsPerRequest, 2)} | ${fmt(r.peakRssMb, 0)} | ${fmt(r.backendRequestsPerRequest, 2)} | ${r.failed} |`,
    );
  }
  if (mission.sync) lines.push(...renderSync(mission.sync));
  lines.push(
    '',
    `Cold start of the gateway alone (spawned on \`schema/supergraph.graphql\`, subgraphs already up) to its first support picture, median of 3 alternated starts: ${seconds(mission.gatewayColdStartMs)} from the bundle \`dist/gateway.mjs\` (\`npm run build\`, what the Dockerfile runs); ${seconds(mission.gatewayColdStartSourceMs)} from the sources under tsx (\`npm run gateway\`).`,
    '',
  );
  return lines;
}

function renderSync(sync: SyncReport): string[] {
  const run = (name: string, r: SyncRun) => {
    const sources = r.sources
      .map((x) => `${x.source} ${x.status} ${x.recordCount} in ${ms(x.durationMs)}`)
      .join('; ');
    const calls = Object.entries(r.calls)
      .filter(([, n]) => n > 0)
      .map(([sim, n]) => `${sim} ${n} (${kb(r.bytes[sim] ?? 0)})`)
      .join(', ');
    return `| ${name} | ${(r.ms / 1000).toFixed(2)} s | ${sources || 'nothing due'} | ${calls || 'none'} | ${r.peakRssMb.toFixed(0)} MB |`;
  };
  return [
    '',
    "### The mirror's sync (every source, from the simulators)",
    '',
    "The first stack of the run starts on an empty mirror (a SQLite file of this run): its one scheduler (`stack/sync.ts`) syncs every source of `stack/mirrorSources.ts`, with the locate step after France Relance; the time runs from spawning the stack's process (start-up included) to the end of the sync. Right after, every source is synced again with nothing changed upstream. Bytes are response bodies sent by each simulator; RSS is that of the whole stack's process, sampled every 50 ms.",
    '',
    '| run | time | sources (status, records, time) | simulator calls (bytes) | peak RSS |',
    '|---|---|---|---|---|',
    run('first start, empty mirror', sync.first),
    ...(sync.again ? [run('again, nothing changed', sync.again)] : []),
  ];
}

function ms(value: number | undefined): string {
  return value === undefined ? '?' : `${value.toFixed(0)} ms`;
}

function kb(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? 'no answer' : `${(ms / 1000).toFixed(2)} s`;
}

function renderSoak(soak: SoakResult): string[] {
  const lines = [
    `## Soak: ${minutes(soak.minutes)} run at ${soak.connections} connections (our gateway, public workload)`,
    '',
    'Heap is read after a forced full collection, so it shows live objects only.',
    '',
    '| at | RSS MB | heap used MB | req/s |',
    '|---|---|---|---|',
  ];
  for (const p of soak.points) {
    lines.push(
      `| ${p.atS} s | ${p.rssMb.toFixed(0)} | ${p.heapUsedMb.toFixed(1)} | ${p.requestsPerS.toFixed(0)} |`,
    );
  }
  lines.push('');
  return lines;
}

const METHOD = [
  '## How it is measured',
  '',
  '- Every party runs in its own process; the load comes from autocannon in another process. The',
  '  public workload’s subgraphs share one process, the same for every party.',
  '- CPU: user + system time of the gateway process (all threads) from `/proc/<pid>/stat`, read',
  '  before a run and after the backends have gone quiet, divided by the requests sent.',
  '- Peak RSS: `VmHWM` from `/proc/<pid>/status`, reset before each run through `clear_refs`.',
  '- Subgraph requests per request: requests counted at the subgraphs’ HTTP servers.',
  '- Before any load, each party answers the workload query once; the answer must be the same JSON,',
  '  byte for byte, as the stock @apollo/gateway’s.',
  '- Ratios: `CPU ÷ ours` above 1 means the party spends that many times our CPU per request;',
  '  `req/s ÷ ours` below 1 means it serves fewer requests per second.',
  '',
];

/** A latency, or a dash when no request completed within the run. */
function latency(result: Aggregate, value: number): string {
  return result.requestsPerS > 0 ? value.toFixed(1) : '—';
}

function fmt(value: number | undefined, digits: number): string {
  return value === undefined ? '—' : value.toFixed(digits);
}

function ratio(value: number | undefined, reference: number | undefined): string {
  return value === undefined || reference === undefined || reference === 0
    ? '—'
    : `${(value / reference).toFixed(2)}×`;
}
