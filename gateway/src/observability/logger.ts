// Structured logs: one JSON object per line on stdout, with the request id when there is one, so
// a log pipeline can join a request's lines across the gateway and its subgraphs.
import type { LogLevel } from '../config.js';

/** Fields added to a log line. */
export type LogFields = Record<string, unknown>;

/** Writes JSON log lines at or above a level. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** True when lines of this level are written (skip building costly fields otherwise). */
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Makes a logger writing to `sink` (stdout by default). */
export function createLogger(
  level: LogLevel,
  sink: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  const threshold = RANK[level];
  const write = (lineLevel: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields) => {
    if (RANK[lineLevel] < threshold) return;
    sink(
      `${JSON.stringify({ time: new Date().toISOString(), level: lineLevel, service: 'gateway', msg, ...fields })}\n`,
    );
  };
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    enabled: (lineLevel) => RANK[lineLevel] >= threshold,
  };
}
