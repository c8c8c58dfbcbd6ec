// Observability and error hygiene through the real gateway over HTTP: Prometheus metrics, JSON logs
// with the request id (also passed to subgraphs), OpenTelemetry traces sent to a local OTLP
// receiver, and errors that keep their code and subgraph but never leak internals in production.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../kit/src/listen.js';
import { recordUpstreamCall, setCircuitBreakerState } from '../kit/src/metrics.js';
import { composeWithLedger, startLedgerSubgraph } from '../gateway/test/fixtures/ledgerSubgraph.js';
import {
  call,
  codeOf,
  post,
  productionSettings,
  startGateway,
  tempFile,
  type TestGateway,
} from '../gateway/test/helpers.js';
import { startTestStack, type Stack } from './helpers/stack.js';

let stack: Stack;
let ledger: RunningServer;
let supergraphPath: string;

beforeAll(async () => {
  ledger = await startLedgerSubgraph();
  supergraphPath = tempFile('supergraph.graphql', composeWithLedger(ledger.url));
  stack = await startTestStack({ env: { RATE_LIMIT_MAX: '0' }, gateway: { supergraphPath } });
});
afterAll(async () => {
  await stack?.stop();
  await ledger?.close();
});

/** The value of one sample of the exposition, 0 when absent. */
function sample(metrics: string, name: string, labels: Record<string, string>): number {
  const line = metrics
    .split('\n')
    .find(
      (l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('metrics', () => {
  it('counts requests by operation and outcome, subgraph fetches, cache lookups, upstream calls and breakers', async () => {
    const graphql = `${stack.gatewayUrl}/graphql`;
    const before = await (await fetch(`${stack.gatewayUrl}/metrics`)).text();
    const query = 'query MetricsProbe { region(code: "44") { name } }';
    await post(graphql, { query });
    await post(graphql, { query });
    await post(graphql, { query: 'query MetricsFailure { region(code: "ZZ") { name } }' });
    await post(graphql, { query: '{ regions { code ' });
    recordUpstreamCall('ademe', 0.12);
    recordUpstreamCall('ademe', 0.5, 'UPSTREAM_TIMEOUT');
    setCircuitBreakerState('ademe', 'open');

    const response = await fetch(`${stack.gatewayUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const after = await response.text();
    const delta = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta('graphql_requests_total', { operation: 'MetricsProbe', outcome: 'ok' })).toBe(2);
    expect(delta('graphql_requests_total', { operation: 'MetricsFailure', outcome: 'partial' })).toBe(1);
    expect(delta('graphql_requests_total', { operation: 'anonymous', outcome: 'refused' })).toBe(1);
    expect(
      delta('graphql_request_duration_seconds_count', { operation: 'MetricsProbe', outcome: 'ok' }),
    ).toBe(2);
    expect(
      delta('subgraph_fetch_duration_seconds_count', { subgraph: 'territories', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(delta('subgraph_fetch_errors_total', { subgraph: 'territories', code: 'UNKNOWN_REGION' })).toBe(1);
    expect(delta('cache_lookups_total', { cache: 'response', result: 'hit' })).toBe(1);
    expect(sample(after, 'cache_hit_ratio', { cache: 'response' })).toBeGreaterThan(0);
    expect(delta('upstream_requests_total', { operator: 'ademe', outcome: 'error' })).toBe(1);
    expect(delta('upstream_errors_total', { operator: 'ademe', code: 'UPSTREAM_TIMEOUT' })).toBe(1);
    expect(sample(after, 'circuit_breaker_state', { operator: 'ademe' })).toBe(2);
    expect(after).toContain('rate_limit_refusals_total');
  });

  it('counts rate-limit refusals', async () => {
    const gateway = await startGateway({ ...stack.env, RATE_LIMIT_MAX: '1' }, { supergraphPath });
    try {
      const before = sample(
        await (await fetch(`${gateway.url}/metrics`)).text(),
        'rate_limit_refusals_total',
        { caller: 'anonymous' },
      );
      await post(gateway.graphql, { query: '{ regions { code } }' });
      expect((await post(gateway.graphql, { query: '{ regions { code } }' })).status).toBe(429);
      const after = sample(
        await (await fetch(`${gateway.url}/metrics`)).text(),
        'rate_limit_refusals_total',
        { caller: 'anonymous' },
      );
      expect(after - before).toBe(1);
    } finally {
      await gateway.stop();
    }
  });

  it('serves the same registry on a subgraph running alone', async () => {
    const metrics = await call(`${ledger.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('upstream_requests_total');
  });
});

describe('logs and request ids', () => {
  it('writes one JSON line per request with the request id, and passes the id to subgraphs', async () => {
    const gateway = await startGateway(
      { ...stack.env, LOG_LEVEL: 'info', RATE_LIMIT_MAX: '0' },
      { supergraphPath },
    );
    try {
      const result = await post(
        gateway.graphql,
        { query: 'query WhoAmI { whoami { requestId } }' },
        { 'x-request-id': 'obs-request-42' },
      );
      expect(result.headers.get('x-request-id')).toBe('obs-request-42');
      expect(result.body.data).toEqual({ whoami: { requestId: 'obs-request-42' } });
      const lines = gateway.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.find((l) => l.requestId === 'obs-request-42')).toMatchObject({
        level: 'info',
        msg: 'graphql request',
        operation: 'WhoAmI',
        status: 200,
        outcome: 'ok',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      // An unprintable id is replaced, never echoed.
      const replaced = await post(
        gateway.graphql,
        { query: '{ whoami { requestId } }' },
        { 'x-request-id': 'bad id <script>' },
      );
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await gateway.stop();
    }
  });
});

describe('traces', () => {
  let receiver: Server;
  const bodies: string[] = [];
  let endpoint: string;
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.url === '/v1/traces') bodies.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => receiver?.close());

  it('exports the request’s spans over OTLP and carries the trace to the subgraphs', async () => {
    const gateway = await startGateway(
      {
        ...stack.env,
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_SERVICE_NAME: 'gateway-under-test',
        RATE_LIMIT_MAX: '0',
      },
      { supergraphPath },
    );
    let traceparent: string | undefined;
    try {
      const result = await post(gateway.graphql, {
        query: 'query Traced { whoami { traceparent } region(code: "44") { name } }',
      });
      traceparent = (result.body.data?.whoami as { traceparent?: string }).traceparent;
      expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
      await expect
        .poll(() => bodies.join('\n'), { timeout: 10_000, interval: 100 })
        .toContain('gateway.fetch');
    } finally {
      await gateway.stop();
    }
    const exported = bodies.join('\n');
    expect(exported).toContain('gateway-under-test');
    expect(exported).toContain('graphql.request');
    expect(exported).toContain(traceparent!.split('-')[1]);
  });
});

describe('errors', () => {
  let production: TestGateway;
  beforeAll(async () => {
    production = await startGateway(
      { ...stack.env, ...productionSettings(stack.env), RATE_LIMIT_MAX: '0' },
      { supergraphPath },
    );
  });
  afterAll(() => production?.stop());

  it('hides internal messages and stack traces in production but keeps the subgraph name', async () => {
    const result = await post(production.graphql, { query: '{ boom region(code: "44") { name } }' });
    expect(result.body.data).toEqual({ boom: null, region: { name: 'Grand Est' } });
    expect(result.body.errors?.[0]).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'ledger' },
    });
    expect(result.text).not.toMatch(/ledger-db|5432|stacktrace|\.ts:\d+/);
  });

  it('keeps coded subgraph errors as they are in production', async () => {
    const result = await post(production.graphql, { query: '{ region(code: "ZZ") { name } }' });
    expect(result.body.errors?.[0]?.extensions).toEqual({
      code: 'UNKNOWN_REGION',
      received: 'ZZ',
      serviceName: 'territories',
    });
  });

  it('names the subgraph that cannot be reached, without its address, in production', async () => {
    const spare = await startLedgerSubgraph();
    const gateway = await startGateway(
      { ...stack.env, ...productionSettings(stack.env), RATE_LIMIT_MAX: '0' },
      { supergraphPath: tempFile('s.graphql', composeWithLedger(spare.url)) },
    );
    try {
      await spare.close();
      const result = await post(gateway.graphql, {
        query: '{ whoami { kind } region(code: "44") { name } }',
      });
      expect(result.body.data).toBeNull();
      expect(result.body.errors?.[0]?.extensions?.serviceName).toBe('ledger');
      expect(result.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stacktrace/);
      expect(
        codeOf(await post(gateway.graphql, { query: '{ region(code: "44") { name } }' })),
      ).toBeUndefined();
    } finally {
      await gateway.stop();
    }
  });

  it('shows the subgraph message, still without stack traces, in development', async () => {
    const result = await post(`${stack.gatewayUrl}/graphql`, { query: '{ boom }' });
    expect(result.body.errors?.[0]?.message).toContain('refused');
    expect(result.body.errors?.[0]?.extensions?.serviceName).toBe('ledger');
    expect(result.text).not.toMatch(/stacktrace|\.ts:\d+/);
  });
});
