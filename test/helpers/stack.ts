// One helper starts the whole stack on free ports for end-to-end tests, and one posts queries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack, type StackOptions } from '../../stack/startStack.js';

export type { Stack };

/**
 * Starts simulators, subgraphs and gateway on free ports; call `stop()` in afterAll. Each stack
 * gets its own mirror (a SQLite file in a temp folder, removed at stop) unless the env names one,
 * its scheduler logs nothing, and it returns once the mirror's first sync is done.
 */
export async function startTestStack(options: StackOptions = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'stack-mirror-'));
  const env: Record<string, string | undefined> = {
    MIRROR_FILE: join(dir, 'mirror.sqlite'),
    // France Travail's offers read live, so its faults and budgets reach the graph (and the first
    // sync does not wait some 20 s on the offer window); a test that wants the window turns it on.
    FRANCE_TRAVAIL_OFFERS_SYNC_INTERVAL: '0',
    // Likewise the live operators' windows: their simulators' faults must reach the graph.
    VTE_WINDOW_SYNC_INTERVAL: '0',
    BUSINESS_FRANCE_WINDOW_SYNC_INTERVAL: '0',
    DGEFP_WINDOW_SYNC_INTERVAL: '0',
    APEC_WINDOW_SYNC_INTERVAL: '0',
    ACTION_LOGEMENT_WINDOW_SYNC_INTERVAL: '0',
    ...process.env,
    ...options.env,
  };
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
  try {
    const stack = await startStack({ log: () => undefined, ...options, freePorts: true, env });
    // Answers that need a mirrored source wait for its first sync, as a user of `npm start` would.
    await stack.mirrorSync.scheduler.firstSync;
    const stop = stack.stop;
    return { ...stack, stop: () => stop().finally(() => rmSync(dir, { recursive: true, force: true })) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The JSON body and status of a GraphQL call. */
export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, unknown>;
  };
}

/** Posts a GraphQL operation to `url` (the gateway's /graphql or a subgraph's). */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: GraphQLResult<T>['body'];
  try {
    body = JSON.parse(text) as GraphQLResult<T>['body'];
  } catch {
    throw new Error(`non-JSON answer (${response.status}) from ${url}: ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body };
}
