// The performance targets of the benchmark issue, checked against one run's figures.
import type { BenchReport } from './benchReport.js';
import type { GrowthRow, LoadMode, MissionLoadRow, MissionResult } from './mission/missionWorkload.js';

/** One target: what it asks, what was measured, and whether it was met. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | undefined;
  /** Why it is missed (or why it cannot be judged), when that is known. */
  cause?: string;
}

// Known causes, written from CPU profiles of our runs (November 2026); each is shown only next
// to a target that the run missed.
const CAUSES = {
  cpuDistinct:
    'with nothing to share, the rest of our CPU is @apollo/gateway’s executor (merging and result shaping, about 25 % of samples), Apollo Server, the 87 KB answer’s JSON and garbage collection (about 11 %), all shared with the stock gateway; a third needs an executor of our own',
  rss: 'the bundled gateway idles at about 150 MB (Apollo gateway and server, graphql, prom-client; OpenTelemetry and the Redis client are loaded only when configured); 50 requests in flight, each materialising an 87 KB answer, add the rest; stock @apollo/gateway peaks about as high and @graphql-hive/gateway about twice as high',
  missionP50:
    'repeated requests are answered by the response cache; executed, the whole stack runs on one thread and every request is planned, fetched from 11 subgraphs and merged (the stack CPU per query is in the "Under load" table), so 10 connections queue: of the busy time, each subgraph’s own execution (Apollo Server with its cache-control plugin wrapping every field, graphql-js) and the gateway’s merging (@apollo/gateway result shaping, federation-internals) take most, garbage collection about a fifth; p50 under 50 ms executed needs a cheaper executor or the stack spread over processes',
  nationalExecuted:
    'executed in full, the national picture is about 5 MB of answer: in a replay of its eleven subgraph fetches one at a time (December 2026) they took about three quarters of the time (France Travail, Bpifrance and Banque des Territoires the most, each reading and shaping thousands of rows), and the gateway the rest (planning, @apollo/gateway’s result shaping over the 5 MB, its JSON and gzip), all on the one thread the stack shares; garbage collection is about a sixth',
  nationalCold:
    'cold, no upstream is called any more (every operator reads the mirror: open datasets and the six windows of live APIs), so what remains is executing the 5 MB national picture for the first time on the one thread the stack shares: the executed cost of the warm row, plus the gateway’s first query plan, each subgraph’s first parse and validation of its query, the first SQLite reads of the mirror’s pages, and compiling the code paths it runs. It follows the speed of one core: 1.5 s on the 2-core VM where our public CPU per request was 6 ms, 2.3 to 3.2 s on one where it was 8 to 12 ms (December 2026); lower on a slow core needs the executed cost lower or spread over the second core (subgraphs in another process, at some 200 MB more resident)',
  stackMemory:
    'at start the stack holds about 300 MB (one copy of the geography, the simulators’ worlds, twelve Apollo servers); an executed national picture allocates about 700 MB, mostly short-lived (graphql-js in the subgraphs, @apollo/gateway’s result shaping): the stack’s collector settings (32 MB semi-spaces, heap growing by 20 %, STACK_HEAP_GROWING_PERCENT) and one large operation at a time (LARGE_OPERATION_COST) bound what it keeps',
  coldStart:
    'importing the gateway dominates: tsx compiles the TypeScript and Node 20 has no compile cache for the ~1,500 modules',
} as const;

/**
 * Why each upstream's calls grow with territories, by simulator name: what its protocol allows and
 * what the subgraph asks of it.
 */
const UPSTREAM_GROWTH: Record<string, string> = {
  'caisse-des-depots':
    'Banque des Territoires reads the local mirror (synced from the portal’s export): it makes no portal call at query time, so any call counted here is a sync',
  economie:
    'Bpifrance reads its mirrored France Relance projects and (illustrative) France 2030 laureates: no portal call at query time, so any call counted here is a sync',
  'ademe-sim':
    'ADEME reads its mirrored aids (synced from data-fair `lines`), never the portal at query time: 0 calls whatever the number of territories',
  'france-travail-sim':
    'France Travail’s offers come from its offer window (the programme’s departments’ offers, synced into the mirror every 10 minutes) and its BMO outlook from the mirror: any call here is a live search of a department the window does not hold, or a window older than its maximum age',
  'business-france-sim':
    'Business France’s projects and sites of the programme’s communes come from its window (synced into the mirror every 15 minutes): any call here is a company lookup, a commune outside the programme, or a window older than its maximum age',
  'vte-sim':
    'VTE’s offers and aids of the programme’s communes come from its window (synced into the mirror every 15 minutes): any call here is a company lookup, a commune outside the programme, or a window older than its maximum age',
  'dgefp-sim':
    'DGEFP’s actions of the programme’s communes come from its window (synced into the mirror every 15 minutes): any call here is a company lookup, a commune outside the programme, or a window older than its maximum age',
  'apec-sim':
    'APEC’s offers of the programme’s departments come from its window (synced into the mirror every 15 minutes): any call here is a department outside the programme or a window older than its maximum age',
  'action-logement-sim':
    'Action Logement’s aids of the programme’s communes and agreements of its EPCIs come from its window (synced into the mirror every 15 minutes): any call here is a company lookup, a place outside the programme, or a window older than its maximum age',
};

/** Judges every target on a report. */
export function checkTargets(report: BenchReport): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const pub = report.public;
  for (const scenario of pub?.scenarios ?? []) {
    const cpu = (id: string) => scenario.rows.find((row) => row.id === id)?.result.cpuMsPerRequest;
    const ours = cpu('ours');
    const apollo = cpu('apollo');
    if (ours !== undefined && apollo !== undefined) {
      checks.push({
        target: `CPU per request ≤ ⅓ of stock @apollo/gateway (${scenario.name} requests)`,
        measured: `ours ${ours.toFixed(2)} ms, stock ${apollo.toFixed(2)} ms: ${(apollo / ours).toFixed(2)}× less`,
        met: ours * 3 <= apollo,
        cause: ours * 3 <= apollo || scenario.name === 'identical' ? undefined : CAUSES.cpuDistinct,
      });
    }
    for (const hiveId of ['hive', 'hive-no-dedup']) {
      const hive = cpu(hiveId);
      if (ours === undefined || hive === undefined) continue;
      checks.push({
        target: `CPU per request lower than ${hiveId === 'hive' ? '@graphql-hive/gateway' : '@graphql-hive/gateway (dedup off)'} (${scenario.name} requests)`,
        measured: `ours ${ours.toFixed(2)} ms, hive ${hive.toFixed(2)} ms: ${(hive / ours).toFixed(2)}× less`,
        met: ours < hive,
      });
    }
  }
  const identical = pub?.scenarios.find((s) => s.name === 'identical');
  const oursRss = identical?.rows.find((row) => row.id === 'ours')?.result.peakRssMb;
  if (oursRss !== undefined && pub) {
    checks.push({
      target: `peak RSS < 300 MB at ${pub.connections} connections`,
      measured: `${oursRss.toFixed(0)} MB (our gateway process, public workload)`,
      met: pub.connections >= 50 ? oursRss < 300 : undefined,
      cause:
        pub.connections < 50
          ? `this run used ${pub.connections} connections, not 50`
          : oursRss < 300
            ? undefined
            : CAUSES.rss,
    });
  }

  const mission = report.mission;
  if (mission) {
    const at10 = (mode: LoadMode) =>
      mission.load.find(
        (r) =>
          r.profile === 'off' && r.size === 21 && r.connections === 10 && (r.mode ?? 'executed') === mode,
      );
    // A run in which no request completed has no p50 (its 0 must not pass for a fast answer).
    const p50 = (row: MissionLoadRow) =>
      row.result.requestsPerS > 0
        ? `p50 ${row.result.p50Ms.toFixed(1)} ms`
        : 'no request completed within the run (each took longer than the run)';
    const cached = at10('cached');
    const executed = at10('executed');
    if (cached) {
      const met = cached.result.requestsPerS > 0 && cached.result.p50Ms < 50;
      checks.push({
        target: 'mission, 21 territories, simulator latency off: p50 < 50 ms at 10 connections',
        measured: `${p50(cached)} as deployed (the response cache answers repeated requests)${
          executed ? `; every request executed: ${p50(executed)}` : ''
        }`,
        met,
        cause: executed ? CAUSES.missionP50 : undefined,
      });
    } else if (executed) {
      checks.push({
        target: 'mission, 21 territories, simulator latency off: p50 < 50 ms at 10 connections',
        measured: `every request executed: ${p50(executed)}`,
        met: executed.result.requestsPerS > 0 && executed.result.p50Ms < 50,
        cause: CAUSES.missionP50,
      });
    }
    if (mission.growth.length > 1) {
      const flat = (values: number[]) => Math.max(...values) <= Math.max(1, Math.min(...values)) * 2;
      const upstream = mission.growth.map((g) => g.upstreamCalls);
      const subgraph = mission.growth.map((g) => g.subgraphRequests);
      // Each source whose calls are not flat, with its own figures and the reason they grow.
      const sources = Object.keys(mission.growth[0]?.upstreamBySource ?? {});
      const growing = sources
        .map((name) => ({ name, calls: mission.growth.map((g) => g.upstreamBySource?.[name] ?? 0) }))
        .filter(({ calls }) => !flat(calls))
        .map(
          ({ name, calls }) =>
            `${name} ${calls.join(' → ')}: ${UPSTREAM_GROWTH[name] ?? 'cause not profiled'}`,
        );
      const causes = [
        ...(flat(subgraph) ? ['subgraph requests stay flat (one fetch per subgraph)'] : []),
        ...growing,
      ];
      checks.push({
        target:
          'upstream calls and subgraph requests per query flat from 1 to 21 to 183 territories (at most 2× the smallest)',
        measured: `upstream ${upstream.join(' → ')}; subgraph ${subgraph.join(' → ')}`,
        met: flat(upstream) && flat(subgraph),
        cause: flat(upstream) && flat(subgraph) ? undefined : causes.join('; '),
      });
    }
    if (mission.gatewayColdStartMs !== undefined) {
      checks.push({
        target: 'cold start: supergraph loaded and first support picture answered within 2 s',
        measured: `${(mission.gatewayColdStartMs / 1000).toFixed(2)} s from spawning dist/gateway.mjs (the sources under tsx: ${
          mission.gatewayColdStartSourceMs !== undefined
            ? `${(mission.gatewayColdStartSourceMs / 1000).toFixed(2)} s`
            : 'no answer'
        })`,
        met: mission.gatewayColdStartMs < 2_000,
        cause: mission.gatewayColdStartMs < 2_000 ? undefined : CAUSES.coldStart,
      });
    }
    const rss50 = mission.load.find((r) => r.connections >= 50)?.result.peakRssMb;
    if (rss50 !== undefined) {
      checks.push({
        target: 'peak RSS < 300 MB at 50 connections (mission, whole stack in one process)',
        measured: `${rss50.toFixed(0)} MB for simulators + subgraphs + gateway together`,
        met: undefined,
        cause:
          'informative: the target applies to the gateway, measured on its own process in the public workload',
      });
    }
  }

  if (mission) checks.push(...issue11Checks(mission));

  if (report.missionError) {
    checks.push({
      target: 'mission targets (p50 at 10 connections, flat calls, cold start)',
      measured: 'not measured',
      met: undefined,
      cause: `the stack did not start: ${report.missionError.split('\n')[0]}`,
    });
  }

  const soak = report.soak;
  checks.push(
    soak
      ? {
          target: `no growth of RSS or heap over a ${minutes(soak.minutes)} soak`,
          measured: `RSS ${signed(soak.rssGrowthMb)} MB, heap ${signed(soak.heapGrowthMb)} MB, later half against earlier half after warm-up`,
          // RSS moves by tens of MB with the allocator; the heap after a full collection is the leak signal.
          met: soak.rssGrowthMb < 30 && soak.heapGrowthMb < 5,
        }
      : {
          target: 'no growth of RSS or heap over a bounded 5-minute soak',
          measured: 'not run in this pass',
          met: undefined,
          cause: 'opt-in: `npm run bench -- --soak`',
        },
  );
  return checks;
}

/** "5 min" or "20 s". */
export function minutes(value: number): string {
  return value >= 1 ? `${value}-minute` : `${Math.round(value * 60)}-second`;
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
}

/**
 * Simulators the support pictures must not call at query time: those of the mirrored open
 * datasets, and those of the live operators read from their windows (their company lookups stay
 * live, but a picture of territories makes none). France Travail's simulator also serves the live
 * offers (read from the offer window while it is fresh), and is judged per department.
 */
const MIRRORED_ONLY = [
  'caisse-des-depots',
  'economie',
  'ademe-sim',
  'etat-sim',
  'recherche-entreprises',
  'vte-sim',
  'business-france-sim',
  'dgefp-sim',
  'apec-sim',
  'action-logement-sim',
];

/**
 * The windows of live APIs, by sync name, and the simulator each reads: live data kept fresh, not
 * open datasets, so every sync reads them whole by design (no API reports withdrawn records).
 */
const LIVE_WINDOWS: Record<string, string> = {
  'france-travail-offers': 'france-travail-sim',
  'vte-window': 'vte-sim',
  'business-france-window': 'business-france-sim',
  'dgefp-window': 'dgefp-sim',
  'apec-window': 'apec-sim',
  'action-logement-window': 'action-logement-sim',
};

/** The targets of issue 11 (the synced mirror): national picture, query-time calls, sync, memory. */
export function issue11Checks(mission: MissionResult): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const national = mission.growth.find((g) => g.size === 183);
  if (national) {
    const full = national.territories === 183 && national.errors === 0;
    checks.push({
      target:
        'support picture of all 183 territories, mirror synced, caches cold: answered in full, under 2 s',
      measured: `${national.territories} territories, ${national.errors} errors, ${national.coldQueryMs.toFixed(0)} ms${coldRounds(national)}`,
      met: full && national.coldQueryMs < 2_000,
      cause:
        full && national.coldQueryMs < 2_000
          ? undefined
          : `${full ? '' : `${national.firstError ?? 'partial'}; `}${CAUSES.nationalCold}`,
    });
    checks.push({
      target: 'support picture of all 183 territories, warm: under 300 ms',
      measured: `${national.warmQueryMs.toFixed(0)} ms as deployed (median of 3: ${
        full
          ? 'the complete cold answer is served by the response cache'
          : 'the cold answer was partial, so not kept: executed again'
      }); executed in full each time: ${national.warmExecutedMs.toFixed(0)} ms`,
      met: national.warmQueryMs < 300,
      cause: CAUSES.nationalExecuted,
    });
  }
  if (mission.growth.length > 0) {
    const mirrored = MIRRORED_ONLY.filter((name) =>
      mission.growth.some((g) => g.upstreamBySource && name in g.upstreamBySource),
    );
    const calls = mirrored.map(
      (name) => `${name} ${mission.growth.map((g) => g.upstreamBySource[name] ?? 0).join('/')}`,
    );
    const zero = mirrored.every((name) => mission.growth.every((g) => (g.upstreamBySource[name] ?? 0) === 0));
    checks.push({
      target: 'upstream calls at query time for mirrored sources: 0 (1 / 21 / 183 territories)',
      measured: calls.join(', ') || 'no mirrored simulator ran',
      met: mirrored.length > 0 ? zero : undefined,
      cause: zero
        ? undefined
        : 'a subgraph called the simulator of a mirrored source at query time: it should read the mirror',
    });
    const franceTravail = mission.growth.map((g) => ({
      size: g.size,
      calls: g.upstreamBySource['france-travail-sim'],
      departments: g.departments,
    }));
    if (franceTravail.every((g) => g.calls !== undefined)) {
      const within = franceTravail.every((g) => (g.calls ?? 0) <= g.departments);
      checks.push({
        target: 'France Travail calls at query time no more than the departments involved',
        measured: franceTravail
          .map((g) => `${g.size} territories: ${g.calls} calls for ${g.departments} departments`)
          .join('; '),
        met: within,
        cause: within
          ? undefined
          : 'the offers were searched live: the offer window was off, older than its maximum age or did not hold these departments; a live search costs one call per department plus one per further page of 150 offers, since the counts per territory need every offer and the search has no count by commune',
      });
    }
  }
  const sync = mission.sync;
  if (sync) {
    const loaded = sync.first.sources.filter((s) => s.status === 'loaded').length;
    checks.push({
      target: 'sync of every source from the simulators under 60 s',
      measured: `${(sync.first.ms / 1000).toFixed(1)} s from spawning the stack, ${loaded} of ${sync.first.sources.length} sources loaded`,
      met:
        sync.first.sources.length > 0
          ? sync.first.ms < 60_000 && loaded === sync.first.sources.length
          : undefined,
      cause:
        sync.first.sources.length === 0
          ? 'the mirror was already synced'
          : loaded < sync.first.sources.length
            ? `not loaded: ${sync.first.sources
                .filter((s) => s.status !== 'loaded')
                .map((s) => `${s.source} ${s.status}`)
                .join(', ')}`
            : undefined,
    });
    if (sync.again) {
      const again = sync.again;
      // The windows of live APIs are read whole on every sync by design: shown apart.
      const datasets = again.sources.filter((s) => !(s.source in LIVE_WINDOWS));
      const windows = again.sources.filter((s) => s.source in LIVE_WINDOWS);
      const windowSimulators = new Set(windows.map((s) => LIVE_WINDOWS[s.source]));
      const read = datasets.reduce((sum, s) => sum + s.read, 0);
      const bytes = Object.entries(again.bytes).reduce(
        (sum, [name, n]) => sum + (windowSimulators.has(name) ? 0 : n),
        0,
      );
      const calls = Object.entries(again.calls).reduce(
        (sum, [name, n]) => sum + (windowSimulators.has(name) ? 0 : n),
        0,
      );
      const rereading = datasets.filter((s) => s.read > 0);
      const windowNote = windows.length
        ? ` (apart: the windows of live APIs, re-read whole on each of their syncs by design: ${windows
            .map((s) => `${s.source} ${s.read} records, ${again.calls[LIVE_WINDOWS[s.source]!] ?? 0} calls`)
            .join('; ')}; France Travail's calls include the BMO check)`
        : '';
      checks.push({
        target: 'a re-sync with nothing changed reads no full dataset again',
        measured: `${datasets.map((s) => `${s.source} ${s.status}`).join(', ')}: ${read} rows read, ${calls} calls, ${(bytes / 1024).toFixed(1)} KB${windowNote}`,
        met: rereading.length === 0,
        cause: rereading.length
          ? `read again: ${rereading.map((s) => `${s.source} (${s.read} rows)`).join(', ')}`
          : undefined,
      });
    }
  }
  const peakOf = (mode: LoadMode) =>
    Math.max(
      0,
      ...mission.load.filter((r) => (r.mode ?? 'executed') === mode).map((r) => r.result.peakRssMb ?? 0),
    );
  const underLoad = peakOf('cached');
  const executedPeak = peakOf('executed');
  const duringSync = sync?.first.sources.length ? sync.first.peakRssMb : undefined;
  if (duringSync !== undefined || underLoad > 0 || executedPeak > 0) {
    // Judged on every run, executed ones included: a national picture executed at once is load too.
    const worst = Math.max(duringSync ?? 0, underLoad, executedPeak);
    checks.push({
      target: 'whole stack under 600 MB RSS during a full sync and under load',
      measured: `${duringSync === undefined ? 'sync not measured' : `${duringSync.toFixed(0)} MB during the full sync`}, ${underLoad.toFixed(0)} MB peak under load as deployed (repeated requests), ${executedPeak.toFixed(0)} MB peak with every request executed`,
      met: worst < 600,
      cause: worst < 600 ? undefined : CAUSES.stackMemory,
    });
  }
  return checks;
}

/**
 * How a cold figure was taken when it is a median over fresh stacks: their number and range, in
 * brackets ('short': the range alone, for a table cell); nothing for a single round.
 */
export function coldRounds(row: GrowthRow, form: 'short' | 'long' = 'long'): string {
  const rounds = row.coldQueryRoundsMs;
  if (rounds.length < 2) return '';
  const fastest = Math.min(...rounds).toFixed(0);
  const slowest = Math.max(...rounds).toFixed(0);
  return form === 'short'
    ? ` (${fastest}–${slowest})`
    : ` (median of ${rounds.length} fresh stacks, fastest ${fastest} ms, slowest ${slowest} ms)`;
}
