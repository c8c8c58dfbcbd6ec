// Where new supergraphs come from while the gateway runs: its file (watched) and, optionally, a URL
// (polled). `npm run schema:publish` writes the file; the gateway picks it up without restart.
// Each new text is handed to `onChange`, one at a time; what to do with it is the caller's call.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Logger } from '../observability/logger.js';

/** Options of {@link SupergraphSource}. */
export interface SupergraphSourceOptions {
  path: string;
  watch: boolean;
  url?: string;
  pollMs: number;
  logger: Logger;
}

/** Watches the supergraph file and polls its URL; reports texts that differ from the last one. */
export class SupergraphSource {
  private watcher?: FSWatcher;
  private poller?: NodeJS.Timeout;
  private debounce?: NodeJS.Timeout;
  private last?: string;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: SupergraphSourceOptions) {}

  /** Starts watching; `current` is the text already being served. */
  start(current: string, onChange: (sdl: string, origin: string) => Promise<void>): void {
    this.last = current;
    const offer = (sdl: string, origin: string) => {
      // One change at a time, in arrival order; an unchanged text is not news.
      this.queue = this.queue.then(async () => {
        if (sdl === this.last) return;
        this.last = sdl;
        await onChange(sdl, origin);
      });
      return this.queue;
    };
    if (this.options.watch) this.watchFile(offer);
    if (this.options.url) this.pollUrl(this.options.url, offer);
  }

  stop(): void {
    this.watcher?.close();
    clearInterval(this.poller);
    clearTimeout(this.debounce);
  }

  private watchFile(offer: (sdl: string, origin: string) => Promise<void>): void {
    const { path, logger } = this.options;
    const name = basename(path);
    // Watch the folder, not the file: publishing tools replace the file (write then rename).
    this.watcher = watch(dirname(path), (_event, changed) => {
      if (changed !== null && changed !== name) return;
      clearTimeout(this.debounce);
      // Editors and tools write in several steps: read once the writes settle.
      this.debounce = setTimeout(() => {
        readFile(path, 'utf8').then(
          (sdl) => offer(sdl, path),
          (error: Error) =>
            logger.warn('supergraph file unreadable; keeping the current one', {
              path,
              error: error.message,
            }),
        );
      }, 50);
    });
    this.watcher.on('error', (error) =>
      logger.warn('supergraph watch failed', { path, error: error.message }),
    );
  }

  private pollUrl(url: string, offer: (sdl: string, origin: string) => Promise<void>): void {
    const { logger, pollMs } = this.options;
    this.poller = setInterval(() => {
      fetch(url, { signal: AbortSignal.timeout(Math.max(1_000, pollMs)) })
        .then(async (response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          await offer(await response.text(), url);
        })
        .catch((error: Error) =>
          logger.warn('supergraph poll failed; keeping the current one', { url, error: error.message }),
        );
    }, pollMs);
    this.poller.unref();
  }
}

/** Fetches the supergraph from a URL (start-up when no file is given). */
export async function fetchSupergraph(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`cannot fetch supergraph ${url}: HTTP ${response.status}`);
  return response.text();
}
