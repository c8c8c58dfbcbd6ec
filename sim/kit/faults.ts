// Faults a simulator can be told to inject, from its environment at start-up or at run time
// through `POST /__sim/faults`, so tests and demos exercise slow, failing and broken upstreams.
import { ConfigError, readBool, readInt } from '../../kit/src/env.js';

/** What goes wrong, applied to every data route (never to the `/__sim` control routes). */
export interface SimFaults {
  /** Added before every answer. */
  latencyMs: number;
  /** Share of calls (0–1) answered 503, spread evenly and deterministically. */
  failRate: number;
  /** 200 answers with a body a careful client must refuse: malformed JSON, or numbers turned into text. */
  garbage: false | 'malformed' | 'wrong-types';
  /** Connections are cut without an answer, as when the upstream host is gone. */
  down: boolean;
  /** The next N calls get the upstream's own 429, whatever the request rate. */
  throttleNext: number;
  /** Overrides the documented request rate (calls per second; 0 = no limit). */
  rateLimitPerSecond?: number;
  /**
   * Bodies longer than this many bytes are cut there and the connection dropped, with the full
   * Content-Length announced: a download that dies halfway (0 = off).
   */
  truncateAfterBytes?: number;
}

/** No faults. */
export const NO_FAULTS: SimFaults = {
  latencyMs: 0,
  failRate: 0,
  garbage: false,
  down: false,
  throttleNext: 0,
};

type Env = Record<string, string | undefined>;

/** Reads SIM_LATENCY_MS, SIM_FAIL_RATE, SIM_GARBAGE and SIM_DOWN (start-up faults for demos). */
export function readSimFaults(env: Env): SimFaults {
  const failRate =
    env.SIM_FAIL_RATE === undefined || env.SIM_FAIL_RATE === '' ? 0 : Number(env.SIM_FAIL_RATE);
  if (!(failRate >= 0 && failRate <= 1)) {
    throw new ConfigError(`SIM_FAIL_RATE must be a share between 0 and 1; got "${env.SIM_FAIL_RATE}".`);
  }
  return {
    ...NO_FAULTS,
    latencyMs: readInt(env, 'SIM_LATENCY_MS', 0),
    failRate,
    garbage: readGarbage(env.SIM_GARBAGE),
    down: readBool(env, 'SIM_DOWN', false),
  };
}

function readGarbage(raw: string | undefined): SimFaults['garbage'] {
  if (raw === undefined || raw === '' || ['false', '0', 'no', 'off'].includes(raw)) return false;
  if (['true', '1', 'yes', 'on', 'malformed'].includes(raw)) return 'malformed';
  if (raw === 'wrong-types') return 'wrong-types';
  throw new ConfigError(`SIM_GARBAGE must be false, true (malformed) or wrong-types; got "${raw}".`);
}

/** Validates a `POST /__sim/faults` body and merges it over the current faults. */
export function mergeFaults(current: SimFaults, body: unknown): SimFaults {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(
      'expected a JSON object like {"latencyMs": 500, "failRate": 0.5, "garbage": true, "down": false}',
    );
  }
  const input = body as Record<string, unknown>;
  const next: SimFaults = { ...current };
  for (const [name, value] of Object.entries(input)) {
    switch (name) {
      case 'truncateAfterBytes':
        if (!Number.isInteger(value) || (value as number) < 0)
          throw new Error(`${name} must be an integer ≥ 0 (0 = off); got ${JSON.stringify(value)}`);
        if (value === 0) delete next.truncateAfterBytes;
        else next.truncateAfterBytes = value as number;
        break;
      case 'latencyMs':
      case 'throttleNext':
        if (!Number.isInteger(value) || (value as number) < 0)
          throw new Error(`${name} must be an integer ≥ 0; got ${JSON.stringify(value)}`);
        next[name] = value as number;
        break;
      case 'rateLimitPerSecond':
        if (value === null) {
          delete next.rateLimitPerSecond;
          break;
        }
        if (!Number.isInteger(value) || (value as number) < 0)
          throw new Error(`${name} must be an integer ≥ 0 or null; got ${JSON.stringify(value)}`);
        next.rateLimitPerSecond = value as number;
        break;
      case 'failRate':
        if (typeof value !== 'number' || value < 0 || value > 1)
          throw new Error(`failRate must be between 0 and 1; got ${JSON.stringify(value)}`);
        next.failRate = value;
        break;
      case 'garbage':
        if (value === true || value === 'malformed') next.garbage = 'malformed';
        else if (value === false) next.garbage = false;
        else if (value === 'wrong-types') next.garbage = 'wrong-types';
        else
          throw new Error(
            `garbage must be true, false, "malformed" or "wrong-types"; got ${JSON.stringify(value)}`,
          );
        break;
      case 'down':
        if (typeof value !== 'boolean')
          throw new Error(`down must be true or false; got ${JSON.stringify(value)}`);
        next.down = value;
        break;
      default:
        throw new Error(
          `unknown fault "${name}"; known: latencyMs, failRate, garbage, down, throttleNext, rateLimitPerSecond, truncateAfterBytes`,
        );
    }
  }
  return next;
}

/** Turns every number of a JSON body into text ("12 €"), the kind of drift a parser must catch. */
export function numbersToText(body: unknown): unknown {
  if (typeof body === 'number') return `${body} €`;
  if (Array.isArray(body)) return body.map(numbersToText);
  if (typeof body === 'object' && body !== null) {
    return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, numbersToText(value)]));
  }
  return body;
}
