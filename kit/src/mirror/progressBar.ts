// Progress of a sync on the terminal: a bar redrawn in place on a TTY, plain lines otherwise
// (CI logs, files), at most one every 10 % so a log stays readable.
import type { SyncProgress } from './runSync.js';

/** A writable with an optional TTY flag, like process.stderr. */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Formats one progress state as a bar line (no newline). */
export function formatProgress(progress: SyncProgress, width = 24): string {
  const counts = `${progress.read.toLocaleString('en-US')} read, ${progress.loaded.toLocaleString('en-US')} loaded, ${progress.rejected.toLocaleString('en-US')} rejected`;
  if (progress.phase === 'done') return `${progress.source}: done, ${counts}`;
  if (progress.phase === 'swapping') return `${progress.source}: swapping in, ${counts}`;
  if (!progress.total) return `${progress.source}: ${counts}`;
  const ratio = Math.min(1, progress.read / progress.total);
  const filled = Math.round(ratio * width);
  return `${progress.source} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(ratio * 100)}% ${counts}`;
}

/**
 * A progress callback for {@link runSync} that draws on `output` (default stderr). While one
 * source syncs, a TTY gets its bar redrawn in place; while several sync side by side, or on a
 * plain output, each source gets a line every 10 % and one when it is done.
 */
export function progressBar(output: ProgressOutput = process.stderr): (progress: SyncProgress) => void {
  const lastDecile = new Map<string, number>();
  const active = new Set<string>();
  return (progress) => {
    if (progress.phase === 'done') active.delete(progress.source);
    else active.add(progress.source);
    const line = formatProgress(progress);
    if (output.isTTY && active.size <= 1 && lastDecile.size === 0) {
      output.write(`\r\x1b[2K${line}${progress.phase === 'done' ? '\n' : ''}`);
      return;
    }
    const decile = progress.total
      ? Math.floor((10 * progress.read) / progress.total)
      : Math.floor(progress.read / 10_000);
    if (progress.phase !== 'reading' || decile > (lastDecile.get(progress.source) ?? -1)) {
      if (progress.phase === 'done') lastDecile.delete(progress.source);
      else lastDecile.set(progress.source, decile);
      // On a TTY, the line takes the place of a bar drawn in place before it.
      output.write(`${output.isTTY ? '\r\x1b[2K' : ''}${line}\n`);
    }
  };
}
