// Helpers of the gateway tests: tokens, raw HTTP calls, Redis availability, temporary files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen } from '../../kit/src/listen.js';
import { DEVELOPMENT_JWT_SECRET, readGatewayConfig, type GatewayConfig } from '../src/config.js';
import { signDevelopmentToken } from '../src/guards/devToken.js';
import { createGatewayApp } from '../src/server.js';

/** A development token (HS256, the default secret) with these scopes. */
export function devToken(scopes: string[], subject = 'agent-1', expires = '1h'): Promise<string> {
  return signDevelopmentToken(DEVELOPMENT_JWT_SECRET, { scopes, subject, expires });
}

/**
 * Production mode and the secrets it refuses to start without; the gateway secret is the stack's
 * own when it has one, so its subgraphs still take the gateway's calls.
 */
export function productionSettings(env: Record<string, string | undefined>): Record<string, string> {
  return {
    PRODUCTION: 'true',
    JWT_SECRET: 'a-production-token-secret-for-tests',
    GATEWAY_SECRET: env.GATEWAY_SECRET || 'a-production-gateway-secret-for-tests',
  };
}

/** The answer to a raw HTTP call: status, headers and the parsed JSON body. */
export interface RawResult {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
  text: string;
}

/** Sends anything to a URL and parses the JSON answer (when it is JSON). */
export async function call(url: string, init: RequestInit = {}): Promise<RawResult> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: RawResult['body'] = {};
  try {
    body = JSON.parse(text) as RawResult['body'];
  } catch {
    body = {};
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** POSTs a GraphQL body with extra headers. */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResult> {
  return call(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The first error code of an answer. */
export function codeOf(result: RawResult): unknown {
  return result.body.errors?.[0]?.extensions?.code;
}

/** True when Redis answers on 127.0.0.1:6379; with REQUIRE_REDIS=1 a missing Redis fails the run. */
export async function redisAvailable(): Promise<boolean> {
  const up = await new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: 6379 });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
  if (!up && process.env.REQUIRE_REDIS === '1')
    throw new Error('REQUIRE_REDIS=1 but Redis does not answer on 127.0.0.1:6379');
  if (!up)
    console.warn('Redis does not answer on 127.0.0.1:6379: skipping the Redis variants of the gateway tests');
  return up;
}

/** Writes a file into a fresh temporary folder and returns its path. */
export function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'gateway-test-')), name);
  writeFileSync(path, content);
  return path;
}

/** A gateway started by a test, beside the stack's own. */
export interface TestGateway {
  url: string;
  graphql: string;
  logs: string[];
  stop(): Promise<void>;
}

/** Starts another gateway on a free port over the same subgraphs, with extra settings. */
export async function startGateway(
  env: Record<string, string | undefined>,
  overrides: Partial<GatewayConfig> = {},
): Promise<TestGateway> {
  const config = { ...readGatewayConfig({ ...env, GATEWAY_PORT: '0' }), ...overrides };
  const logs: string[] = [];
  const app = await createGatewayApp(config, { logSink: (line) => logs.push(line) });
  const running = await listen(app.handle, 0);
  return {
    url: running.url,
    graphql: `${running.url}/graphql`,
    logs,
    stop: async () => {
      await running.close();
      await app.stop();
    },
  };
}
