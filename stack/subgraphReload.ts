// `npm start` reloads a subgraph whose code or schema changed: it watches each subgraph's `src/`
// and `schema.graphql`, and restarts just that service on the same port, so the gateway keeps
// routing to it and nothing else restarts. Node caches ES modules for the life of a process, so
// fresh code cannot be imported into the stack's process: the reloaded subgraph runs in a child
// process (`node --import tsx subgraphs/<name>/src/index.ts`, the service's own entry point) with
// the stack's environment. A schema change still needs `npm run schema:publish` (or `compose`)
// for the gateway to plan queries with it; the subgraph serves its new schema at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from '../kit/src/listen.js';
import type { ServiceDefinition } from './registry.js';

type Env = Record<string, string | undefined>;

/** Options of {@link watchSubgraphs}. */
export interface ReloadOptions {
  /** Repository root: subgraphs live in `<root>/subgraphs/<name>/`. */
  root: string;
  /** The stack's services (subgraphs only are watched) and what runs today. */
  services: ServiceDefinition[];
  running: Record<string, RunningServer>;
  /** The environment the stack started the services with (GATEWAY_SECRET, upstream URLs…). */
  env: Env;
  /** Wait after the last change before restarting (editors write in bursts). */
  debounceMs?: number;
  log?: (line: string) => void;
}

/** The watchers, and how to stop them and every reloaded child. */
export interface SubgraphReloader {
  /** Restarts one subgraph now, in a child process on its port; resolves once it listens. */
  reload(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Watches every subgraph of the stack and reloads the one that changed. */
export function watchSubgraphs(options: ReloadOptions): SubgraphReloader {
  const log = options.log ?? ((line: string) => console.log(line));
  const debounceMs = options.debounceMs ?? 300;
  const watchers: FSWatcher[] = [];
  const children = new Map<string, ChildProcess>();
  const timers = new Map<string, NodeJS.Timeout>();
  // One reload at a time per subgraph: a change during a reload queues one more.
  const queues = new Map<string, Promise<void>>();

  const stopCurrent = async (name: string) => {
    const child = children.get(name);
    if (child) {
      children.delete(name);
      await stopChild(child);
      return;
    }
    const inProcess = options.running[name];
    if (inProcess) await inProcess.close();
  };

  const restart = async (name: string) => {
    const service = options.services.find((s) => s.name === name && s.kind === 'subgraph');
    const port = options.running[name]?.port;
    if (!service || port === undefined) throw new Error(`no running subgraph named "${name}"`);
    await stopCurrent(name);
    const child = spawn(process.execPath, ['--import', 'tsx', join('subgraphs', name, 'src', 'index.ts')], {
      cwd: options.root,
      env: { ...options.env, [service.portEnv]: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(name, child);
    await whenReady(child, name);
    // Keep draining its output (a full pipe would block it), prefixed with its name.
    child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(`[${name}] ${chunk.toString()}`));
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString()}`));
    child.once('exit', (code) => {
      if (children.get(name) === child) {
        children.delete(name);
        log(`  ${name} stopped (exit ${code}); fix the code and save again to restart it`);
      }
    });
  };

  const reload = (name: string): Promise<void> => {
    const previous = queues.get(name) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => restart(name))
      .then(
        () => log(`  reloaded ${name} (same port ${options.running[name]?.port})`),
        (error: unknown) => {
          log(`  could not reload ${name}: ${error instanceof Error ? error.message : String(error)}`);
          throw error;
        },
      );
    queues.set(name, next);
    return next;
  };

  for (const service of options.services) {
    if (service.kind !== 'subgraph') continue;
    const folder = join(options.root, 'subgraphs', service.name);
    const targets = [join(folder, 'src'), join(folder, 'schema.graphql')].filter((p) => existsSync(p));
    for (const target of targets) {
      const watcher = watch(target, { recursive: true }, () => {
        clearTimeout(timers.get(service.name));
        timers.set(
          service.name,
          setTimeout(() => void reload(service.name).catch(() => undefined), debounceMs),
        );
      });
      watchers.push(watcher);
    }
  }

  return {
    reload,
    close: async () => {
      for (const timer of timers.values()) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      await Promise.all([...children.values()].map(stopChild));
      children.clear();
    },
  };
}

/** Resolves when the child says it listens; rejects when it exits first (with its last words). */
function whenReady(child: ChildProcess, name: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`${name} did not start within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready at /.test(output)) done();
    };
    const onExit = (code: number | null) =>
      fail(
        new Error(
          `${name} exited (${code}) while starting: ${output.trim().split('\n').slice(-3).join(' / ')}`,
        ),
      );
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    const done = () => {
      cleanup();
      resolve();
    };
    const fail = (error: Error) => {
      cleanup();
      reject(error);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
