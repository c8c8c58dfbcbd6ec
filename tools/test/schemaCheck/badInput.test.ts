// Bad input to `schema:check`: a file that is not GraphQL, an unknown subgraph, an unreachable
// URL — one clear line and exit code 2; and the exit codes a partner's CI relies on.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import { listenSubgraph } from '../../../kit/src/subgraphServer.js';
import type { RunningServer } from '../../../kit/src/listen.js';
import { runSchemaCheck } from '../../schemaCheck/schemaCheck.js';
import { CheckInputError } from '../../schemaCheck/candidate.js';
import { editPartner, makeFixtureWorld, PARTNER_V1, type FixtureWorld } from './fixtures.js';
import { runScript } from './cli.js';

let world: FixtureWorld;
let partner: RunningServer;

beforeAll(async () => {
  world = makeFixtureWorld();
  const server = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs: parse(PARTNER_V1) }) });
  partner = await listenSubgraph(server, { port: 0, context: async () => ({}) });
});
afterAll(async () => {
  await partner?.close();
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function cli(args: string[]) {
  return runScript('schemaCheck.ts', [
    ...args,
    '--config',
    world.configPath,
    '--supergraph',
    world.supergraphPath,
  ]);
}

describe('schema:check on bad input', () => {
  it('says in one line that a file is not GraphQL, with its line, and exits 2', async () => {
    const file = world.writeCandidate('{ "this": "is json" }\n', 'not-graphql.json');
    const run = await cli(['partner', '--schema', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/not-graphql\.json:1:3 is not a GraphQL schema: Syntax Error: Expected Name/);
  });

  it('refuses a GraphQL operation given as a schema', async () => {
    const file = world.writeCandidate('query Q { territory(id: "x") { id } }\n');
    await expect(
      runSchemaCheck({ name: 'partner', schemaFile: file, configPath: world.configPath }),
    ).rejects.toThrow(/is not a GraphQL schema: it holds an operation/);
  });

  it('names the known subgraphs when the name is unknown, and exits 2', async () => {
    const run = await cli(['parnter']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^schema:check: unknown subgraph "parnter": the config knows base, partner\. /,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says a URL is unreachable in one line, and exits 2', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/graphql`;
    const run = await cli(['partner', '--url', url]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`schema:check: cannot reach ${url}: ECONNREFUSED`);
  });

  it('says so when a URL answers but is not a subgraph', async () => {
    const error = await runSchemaCheck({
      name: 'partner',
      url: `${partner.url}/health`,
      configPath: world.configPath,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckInputError);
    expect((error as Error).message).toMatch(/did not return its SDL/);
  });

  it('reads a running subgraph over `{ _service { sdl } }` and checks it', async () => {
    const report = await runSchemaCheck({
      name: 'partner',
      url: `${partner.url}/graphql`,
      configPath: world.configPath,
      supergraphPath: world.supergraphPath,
    });
    expect(report.candidate.origin).toBe(`${partner.url}/graphql`);
    expect(report.publishable).toBe(true);
    expect(report.changes.breaking).toBe(0);
  });
});

describe('schema:check exit codes', () => {
  it('exits 0 and says "publishable" for a publishable schema', async () => {
    const run = await cli(['partner', '--schema', world.writeCandidate(PARTNER_V1)]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^partner \(.*\): publishable — 0 error\(s\)/);
  });

  it('exits 1 and prints each error with file and line for a breaking change', async () => {
    const run = await cli([
      'partner',
      '--schema',
      world.writeCandidate(editPartner('amount: Float!', 'amount: Float')),
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /candidate-\d+\.graphql:\d+:\d+: error \[breaking\/FIELD_CHANGED_KIND\] Grant\.amount changed type from Float! to Float\./,
    );
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/NOT publishable — 1 error\(s\)/);
  });
});
