// The harness runs every measured party in its own process. This module holds both sides of
// that arrangement: the parent starts a child and asks it questions over IPC; the child says it
// is ready and answers. Children exit when the harness goes away, so a crashed run leaves none.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../tools/composition.js';

/** A child process of the harness. */
export interface ChildHandle<TReady = Record<string, unknown>> {
  pid: number;
  /** What the child sent when it became ready (its URLs, for instance). */
  ready: TReady;
  /** Milliseconds from spawn to ready. */
  startMs: number;
  /** Asks the child a question by name; resolves with its answer. */
  ask<T = unknown>(type: string, payload?: unknown): Promise<T>;
  stop(): Promise<void>;
}

type Handlers = Record<string, (payload: unknown) => unknown>;

interface Message {
  id?: number;
  type: string;
  payload?: unknown;
  reply?: unknown;
  error?: string;
}

/** Child side: announces readiness with `ready`, then answers questions with `handlers`. */
export function serveHarness(ready: Record<string, unknown>, handlers: Handlers = {}): void {
  if (!process.send) throw new Error('this entry point is started by the benchmark harness (no IPC channel)');
  const all: Handlers = {
    // With --expose-gc the reading is taken after a full collection, so it shows live memory only.
    memory: () => {
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage();
    },
    ...handlers,
  };
  process.on('message', (message: Message) => {
    const handler = all[message.type];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown question "${message.type}"`);
        return handler(message.payload);
      })
      .then(
        (reply) => process.send?.({ id: message.id, type: 'reply', reply }),
        (error: unknown) => process.send?.({ id: message.id, type: 'reply', error: String(error) }),
      );
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', payload: ready });
}

/** Parent side: forks a TypeScript entry under tsx and waits for its `ready` message. */
export async function startChild<TReady = Record<string, unknown>>(
  entry: string,
  options: {
    args?: string[];
    env?: Record<string, string | undefined>;
    timeoutMs?: number;
    nodeArgs?: string[];
  } = {},
): Promise<ChildHandle<TReady>> {
  const started = performance.now();
  const child = fork(entry, options.args ?? [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx', ...(options.nodeArgs ?? [])],
    // Stock @apollo/gateway phones usage home unless told not to; no party may leave the machine.
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true', ...options.env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const stderr = collect(child);
  const ready = await new Promise<TReady>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} was not ready within ${options.timeoutMs ?? 60_000} ms`)),
      options.timeoutMs ?? 60_000,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready: ${stderr().slice(-2000)}`));
    });
    child.on('message', (message: Message) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve(message.payload as TReady);
    });
  });
  const startMs = performance.now() - started;
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (message: Message) => {
    if (message.type !== 'reply' || message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.reply);
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(`${entry} exited with ${code}: ${stderr().slice(-2000)}`));
    pending.clear();
  });
  return {
    pid: child.pid ?? 0,
    ready,
    startMs,
    ask: <T>(type: string, payload?: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, type, payload });
      }),
    stop: () => stopProcess(child),
  };
}

/** Parent side, for programs that are not ours (a CLI): spawns it and waits until `readyUrl` answers. */
export async function startProgram(
  command: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; readyUrl: string; timeoutMs?: number },
): Promise<ChildHandle<{ url: string }>> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr = collect(child);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (exited !== undefined)
      throw new Error(`${command} ${args.join(' ')} exited with ${exited}: ${stderr().slice(-2000)}`);
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`${command} did not answer ${options.readyUrl} in time: ${stderr().slice(-2000)}`);
    }
    const ok = await fetch(options.readyUrl).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    pid: child.pid ?? 0,
    ready: { url: new URL(options.readyUrl).origin },
    startMs: performance.now() - started,
    ask: () => Promise.reject(new Error(`${command} answers no questions`)),
    stop: () => stopProcess(child),
  };
}

function collect(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-20_000);
  });
  return () => text;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}
