// The mirror's syncs as the stack runs them: `npm run sync [source…]` (scripts/sync.ts) and the
// background scheduler of `npm start`. Upstream URLs come from the same variables the subgraphs
// read; an upstream nobody configured is served by its simulator, started here on a free port, so
// a fresh clone syncs with no network.
import type { RunningServer } from '../kit/src/listen.js';
import { readMirrorSettings, describeMirrorLocation } from '../kit/src/mirror/mirrorSettings.js';
import { progressBar, type ProgressOutput } from '../kit/src/mirror/progressBar.js';
import { openMirrorFromSettings } from '../kit/src/mirror/sharedMirror.js';
import type { SourceDefinition } from '../kit/src/mirror/sourceDefinition.js';
import { locateCompanies } from '../kit/src/mirror/locateCompanies.js';
import { openCompanyRegistry } from '../kit/src/registry/openCompanyRegistry.js';
import { readRegistrySettings } from '../kit/src/registry/registrySettings.js';
import {
  formatSourceReport,
  rejectsByReason,
  unlocatedByReason,
  type SourceReportDetails,
} from '../kit/src/mirror/syncReport.js';
import {
  SyncScheduler,
  syncSources,
  type AfterSource,
  type TimedSyncResult,
} from '../kit/src/mirror/syncService.js';
import {
  isEnabled,
  mirrorContext,
  selectMirroredSources,
  MIRRORED_SOURCES,
  REGISTRY_SERVICE,
  type MirrorContext,
  type MirroredSource,
} from './mirrorSources.js';
import { SERVICES } from './registry.js';

type Env = Record<string, string | undefined>;

/** What `npm run sync` was asked. */
export interface SyncCommand {
  sources: string[];
  /** Ignore saved cursors: read every dataset whole. */
  full: boolean;
  /**
   * Stay up and keep the mirror synced, as `npm start`'s scheduler does (a deployment whose
   * services run apart, e.g. docker-compose's `mirror-sync`): every source whose upstream URL is set.
   */
  schedule?: boolean;
}

const USAGE = 'Usage: npm run sync [--full] [source…], or npm run sync -- --schedule';

/** Parses `npm run sync` arguments: source names, `--full`, or `--schedule` alone. */
export function parseSyncArgs(args: readonly string[]): SyncCommand {
  const sources: string[] = [];
  let full = false;
  let schedule = false;
  for (const arg of args) {
    if (arg === '--full') full = true;
    else if (arg === '--schedule') schedule = true;
    else if (arg.startsWith('-')) throw new Error(`Unknown option ${arg}. ${USAGE}`);
    else sources.push(arg);
  }
  if (schedule && (full || sources.length > 0))
    throw new Error(`--schedule keeps every configured source synced and takes nothing else. ${USAGE}`);
  return { sources, full, schedule };
}

/** What a sync command did; `exitCode` is 1 when a source failed. */
export interface SyncCommandOutcome {
  results: TimedSyncResult[];
  exitCode: number;
}

/** Runs `npm run sync`: the named sources (all when none), printing progress and a report. */
export async function runSyncCommand(
  command: SyncCommand,
  env: Env,
  output: ProgressOutput & { write(text: string): unknown } = process.stderr,
  fetchImpl: typeof fetch = fetch,
): Promise<SyncCommandOutcome> {
  const chosen = selectMirroredSources(command.sources);
  const settings = readMirrorSettings(env);
  const local: Env = { ...env };
  const simulators: RunningServer[] = [];
  const mirror = openMirrorFromSettings(settings);
  try {
    const upstreams: { name: string; urlEnv: string; simulator: string }[] = [...chosen];
    if (chosen.some((entry) => entry.locate))
      upstreams.push({ name: 'the locate step', ...REGISTRY_SERVICE });
    for (const entry of upstreams) {
      if (local[entry.urlEnv]) continue;
      const service = SERVICES.find((s) => s.name === entry.simulator);
      if (!service) throw new Error(`${entry.name}: no simulator "${entry.simulator}" in stack/registry.ts`);
      const running = await service.start({ ...local, [service.portEnv]: '0' });
      simulators.push(running);
      local[entry.urlEnv] = running.url;
      output.write(
        `${entry.name}: ${entry.urlEnv} is not set, so it syncs from its local simulator (${running.url}); set it to the real portal to sync real data.\n`,
      );
    }
    const context = mirrorContext(local);
    // A source its settings leave out (France 2030 on the real portal) is said, not synced.
    const enabled = chosen.filter((entry) => {
      if (isEnabled(entry, local)) return true;
      output.write(`${entry.name}: left out, its settings name no dataset on ${local[entry.urlEnv]}.\n`);
      return false;
    });
    const sources = enabled.map((entry) => entry.define(local, context));
    output.write(
      `Syncing ${sources.map((s) => s.name).join(', ')} into ${describeMirrorLocation(settings)}\n`,
    );
    const store = await mirror.store();
    const locate = locateStep(enabled, local, context);
    const results = await syncSources(store, sources, {
      full: command.full,
      fetch: fetchImpl,
      onProgress: progressBar(output),
      afterSource: locate.afterSource,
    }).finally(() => locate.close());
    for (const result of results) {
      const source = sources.find((s) => s.name === result.source)!;
      const details = result.status === 'loaded' ? await detailsOf(store, source, result.source) : undefined;
      output.write(`${formatSourceReport(result, details)}\n`);
    }
    return { results, exitCode: results.some((r) => r.status === 'failed') ? 1 : 0 };
  } finally {
    await mirror.release();
    for (const simulator of simulators) await simulator.close().catch(() => undefined);
  }
}

async function detailsOf(
  store: Awaited<ReturnType<ReturnType<typeof openMirrorFromSettings>['store']>>,
  source: SourceDefinition,
  name: string,
): Promise<SourceReportDetails> {
  return {
    rejected: await rejectsByReason(store, name),
    unlocated: await unlocatedByReason(store, source.table),
  };
}

/** The stack's background sync: what it runs and how to stop it. */
export interface StackSync {
  scheduler: SyncScheduler;
  /** Sources left out: no upstream URL set (their simulator was skipped), or their settings turn them off. */
  skipped: string[];
  stop(): Promise<void>;
}

/**
 * Starts the scheduler of the stack: first sync of the sources never synced, then every
 * SYNC_INTERVAL. Only sources whose upstream URL is set run (the stack sets it when it starts the
 * simulator), so a stack started without a simulator never reaches out to the real portal by surprise.
 */
export function startStackSync(
  env: Env,
  log: (message: string, fields?: Record<string, unknown>) => void,
): StackSync {
  const settings = readMirrorSettings(env);
  const mirror = openMirrorFromSettings(settings);
  const context = mirrorContext(env);
  const runs = (entry: MirroredSource) => Boolean(env[entry.urlEnv]) && isEnabled(entry, env);
  const configured = MIRRORED_SOURCES.filter(runs);
  const locate = locateStep(configured, env, context);
  const skipped = MIRRORED_SOURCES.filter((entry) => !runs(entry)).map((entry) => entry.name);
  const scheduler = new SyncScheduler({
    mirror,
    sources: configured.map((entry) => entry.define(env, context)),
    intervalMs: settings.syncIntervalMs,
    syncOnStart: settings.syncOnStart,
    afterSource: locate.afterSource,
    log,
  });
  scheduler.start();
  return {
    scheduler,
    skipped,
    stop: async () => {
      await scheduler.stop();
      await locate.close();
      await mirror.release();
    },
  };
}

/** The locate step after the sources that need it, and how to close its registry client. */
export interface LocateStep {
  afterSource?: AfterSource;
  close(): Promise<void>;
}

/**
 * The locate step (docs/mirror.md): after a source marked `locate` loads (or is confirmed
 * unchanged), its records without a commune are placed through the company registry. Left out
 * when no registry URL is set, so nothing reaches the real API by surprise; the registry client
 * opens on first use.
 */
export function locateStep(entries: readonly MirroredSource[], env: Env, context: MirrorContext): LocateStep {
  const names = new Set(entries.filter((entry) => entry.locate).map((entry) => entry.name));
  if (names.size === 0 || !env[REGISTRY_SERVICE.urlEnv]) return { close: async () => undefined };
  let opened: ReturnType<typeof openCompanyRegistry> | undefined;
  return {
    afterSource: async (store, source, result, signal) => {
      if (!names.has(source.name) || (result.status !== 'loaded' && result.status !== 'unchanged')) return;
      opened ??= openCompanyRegistry(readRegistrySettings(env));
      const located = await locateCompanies(store, [source], {
        registry: opened.registry,
        places: context.places(),
        signal,
      });
      const mine = located.sources.find((s) => s.source === source.name);
      return mine ? { ...result, unlocatedCount: mine.unlocatedCount } : result;
    },
    close: async () => {
      await opened?.close();
    },
  };
}
