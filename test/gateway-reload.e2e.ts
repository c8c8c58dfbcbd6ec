// Hot reload and readiness through the real gateway over HTTP: a new supergraph written to the
// watched file (or served at the polled URL) replaces the old one without dropping a request in
// flight, its access rules apply at once, an invalid one is refused and logged while the old one
// keeps serving; /ready follows the subgraphs' health, /health stays the liveness check.
import { renameSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../kit/src/listen.js';
import {
  composeWithLedger,
  LEDGER_SDL,
  startLedgerSubgraph,
} from '../gateway/test/fixtures/ledgerSubgraph.js';
import { call, codeOf, post, startGateway, tempFile, type TestGateway } from '../gateway/test/helpers.js';
import { startTestStack, type Stack } from './helpers/stack.js';

let stack: Stack;
let ledger: RunningServer;

/** The ledger supergraph without `ledgerVersion` and with audit entries open to anyone. */
function versionOne(ledgerUrl: string): string {
  const sdl = LEDGER_SDL.replace(/ {2}"Always the same[^\n]*\n {2}ledgerVersion[^\n]*\n/, '').replace(
    'type AuditEntry @authenticated',
    'type AuditEntry',
  );
  return composeWithLedger(ledgerUrl, sdl);
}

/** Replaces a file the way publishing tools do: write aside, then rename over it. */
function replaceFile(path: string, content: string): void {
  const aside = join(dirname(path), `.next-${Date.now()}`);
  writeFileSync(aside, content);
  renameSync(aside, path);
}

beforeAll(async () => {
  ledger = await startLedgerSubgraph();
  stack = await startTestStack({ env: { RATE_LIMIT_MAX: '0' } });
});
afterAll(async () => {
  await stack?.stop();
  await ledger?.close();
});

describe('hot reload from the watched file', () => {
  let gateway: TestGateway;
  let path: string;
  beforeAll(async () => {
    path = tempFile('supergraph.graphql', versionOne(ledger.url));
    gateway = await startGateway({
      ...stack.env,
      SUPERGRAPH_PATH: path,
      RESPONSE_CACHE: 'false',
      RATE_LIMIT_MAX: '0',
      LOG_LEVEL: 'info',
    });
  });
  afterAll(() => gateway?.stop());

  it('serves a new supergraph without dropping the request in flight, with its access rules', async () => {
    expect(codeOf(await post(gateway.graphql, { query: '{ ledgerVersion }' }))).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    expect((await post(gateway.graphql, { query: '{ audit { id } }' })).body).toEqual({
      data: { audit: [{ id: 'a1' }] },
    });

    const inFlight = post(gateway.graphql, { query: '{ slow(ms: 1500) }' });
    replaceFile(path, composeWithLedger(ledger.url));
    await expect
      .poll(async () => (await post(gateway.graphql, { query: '{ ledgerVersion }' })).body, {
        timeout: 10_000,
        interval: 50,
      })
      .toEqual({
        data: { ledgerVersion: 'v1' },
      });
    expect((await inFlight).body).toEqual({ data: { slow: 'slept 1500 ms' } });
    // AuditEntry is @authenticated in the new supergraph.
    const audit = await post(gateway.graphql, { query: '{ audit { id } }' });
    expect([audit.body.data, codeOf(audit)]).toEqual([{ audit: null }, 'UNAUTHENTICATED']);
    expect(gateway.logs.some((line) => JSON.parse(line).msg === 'supergraph reloaded')).toBe(true);
  });

  it('refuses an invalid supergraph, logs why, and keeps serving the old one', async () => {
    const before = gateway.logs.length;
    replaceFile(path, 'type Query { broken: String }');
    await expect
      .poll(
        () =>
          gateway.logs
            .slice(before)
            .map((line) => JSON.parse(line) as { msg: string; level: string; error?: string })
            .find((l) => l.msg.startsWith('supergraph refused')),
        {
          timeout: 10_000,
          interval: 50,
        },
      )
      .toMatchObject({
        level: 'error',
        error: expect.stringContaining('not a valid Federation 2 supergraph'),
      });
    expect((await post(gateway.graphql, { query: '{ ledgerVersion }' })).body).toEqual({
      data: { ledgerVersion: 'v1' },
    });
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/supergraph_reloads_total\{result="refused"\} [1-9]/);
  });
});

describe('hot reload from a polled URL', () => {
  let server: Server;
  let served: string;
  let gateway: TestGateway;
  beforeAll(async () => {
    served = versionOne(ledger.url);
    server = createServer((_req, res) => res.end(served));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/supergraph.graphql`;
    gateway = await startGateway({
      ...stack.env,
      SUPERGRAPH_PATH: join(dirname(tempFile('x', '')), 'absent.graphql'),
      SUPERGRAPH_URL: url,
      SUPERGRAPH_POLL_MS: '100',
      SUPERGRAPH_WATCH: 'false',
      RATE_LIMIT_MAX: '0',
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    server?.close();
  });

  it('starts from the URL and follows what it serves', async () => {
    expect(codeOf(await post(gateway.graphql, { query: '{ ledgerVersion }' }))).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    served = composeWithLedger(ledger.url);
    await expect
      .poll(async () => (await post(gateway.graphql, { query: '{ ledgerVersion }' })).body, {
        timeout: 10_000,
        interval: 50,
      })
      .toEqual({
        data: { ledgerVersion: 'v1' },
      });
  });
});

describe('readiness', () => {
  it('is ready when every subgraph answers its probe, not ready when one stops, and stays alive', async () => {
    const spare = await startLedgerSubgraph();
    const gateway = await startGateway({
      ...stack.env,
      SUPERGRAPH_PATH: tempFile('supergraph.graphql', composeWithLedger(spare.url)),
      READY_PROBE_TTL_MS: '0',
      RATE_LIMIT_MAX: '0',
    });
    try {
      const ready = await call(`${gateway.url}/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ready', subgraphs: { territories: 'up', ledger: 'up' } });
      await spare.close();
      const notReady = await call(`${gateway.url}/ready`);
      expect(notReady.status).toBe(503);
      expect(notReady.body).toMatchObject({
        status: 'not ready',
        subgraphs: { territories: 'up', ledger: 'down' },
      });
      expect((await call(`${gateway.url}/health`)).status).toBe(200);
      // The territories part of the graph still answers.
      expect((await post(gateway.graphql, { query: '{ region(code: "44") { name } }' })).body).toEqual({
        data: { region: { name: 'Grand Est' } },
      });
    } finally {
      await gateway.stop();
      await spare.close().catch(() => undefined);
    }
  });
});
