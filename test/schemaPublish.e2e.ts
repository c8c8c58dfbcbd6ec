// Publishing to a running gateway: `schema:publish` writes a new supergraph into the file the
// gateway serves, the gateway serves the new field without restart, and a broken supergraph
// written there is refused while the previous one keeps serving. Works on temporary copies of
// the composition config and supergraph, never on the repository's own files.
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../kit/src/listen.js';
import { composeSdls, readSubgraphSchema, readSupergraphConfig } from '../tools/composition.js';
import { runScript } from '../tools/test/schemaCheck/cli.js';
import { NOTES_V1, NOTES_V2, NOTES_V3, startNotesSubgraph } from './fixtures/notesSubgraph.js';
import { postGraphQL, startTestStack, type Stack } from './helpers/stack.js';

let stack: Stack;
let notes: RunningServer;
let dir: string;
let configPath: string;
let supergraphPath: string;
let notesFile: string;

const territoriesEntry = readSupergraphConfig().find((e) => e.name === 'territories')!;

beforeAll(async () => {
  notes = await startNotesSubgraph();
  dir = mkdtempSync(join(tmpdir(), 'publish-'));
  notesFile = join(dir, 'notes.graphql');
  writeFileSync(notesFile, NOTES_V1);
  configPath = join(dir, 'supergraph.yaml');
  writeFileSync(
    configPath,
    `subgraphs:\n  territories:\n    routing_url: ${territoriesEntry.routingUrl}\n    schema:\n      file: ${territoriesEntry.schemaFile}\n` +
      `  notes:\n    routing_url: ${notes.url}/graphql\n    schema:\n      file: notes.graphql\n`,
  );
  const composed = composeSdls([
    {
      name: 'territories',
      url: territoriesEntry.routingUrl,
      sdl: readSubgraphSchema(territoriesEntry.schemaFile).sdl,
    },
    { name: 'notes', url: `${notes.url}/graphql`, sdl: NOTES_V1 },
  ]);
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  stack = await startTestStack({ gateway: { supergraphPath } });
});

afterAll(async () => {
  await stack?.stop();
  await notes?.close();
});

const NOTE_QUERY = '{ territory(id: "ti-4405") { name noteCount partnerNote } }';
const SCORE_QUERY = '{ territory(id: "ti-4405") { partnerScore } }';

/** Count of refused hot reloads in the gateway's metrics (0 when the metric is not there yet). */
async function refusedReloads(): Promise<number> {
  const response = await fetch(`${stack.gatewayUrl}/metrics`);
  const text = response.ok ? await response.text() : '';
  const match = /^supergraph_reloads_total\{[^}]*result="refused"[^}]*\} (\d+)/m.exec(text);
  return match ? Number(match[1]) : 0;
}

describe('schema:publish to a running gateway', () => {
  it('serves the new field after publish, without restart', async () => {
    const before = await postGraphQL(`${stack.gatewayUrl}/graphql`, NOTE_QUERY);
    expect(before.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const candidate = join(dir, 'notes-v2.graphql');
    writeFileSync(candidate, NOTES_V2);
    const run = await runScript('schemaPublish.ts', [
      'notes',
      '--schema',
      candidate,
      '--config',
      configPath,
      '--supergraph-out',
      supergraphPath,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('published notes: wrote');
    expect(readFileSync(notesFile, 'utf8')).toBe(NOTES_V2);

    await expect
      .poll(async () => (await postGraphQL(`${stack.gatewayUrl}/graphql`, NOTE_QUERY)).body.data, {
        timeout: 20_000,
        interval: 100,
      })
      .toEqual({ territory: { name: expect.any(String), noteCount: 2, partnerNote: 'Note for ti-4405' } });
  });

  it('refuses a broken supergraph and keeps serving the last good one', async () => {
    const refusedBefore = await refusedReloads();
    const broken = join(dir, 'broken.tmp');
    writeFileSync(broken, 'this is not a supergraph {');
    renameSync(broken, supergraphPath);
    await expect.poll(refusedReloads, { timeout: 20_000, interval: 100 }).toBeGreaterThan(refusedBefore);
    const after = await postGraphQL(`${stack.gatewayUrl}/graphql`, NOTE_QUERY);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data).toMatchObject({ territory: { partnerNote: 'Note for ti-4405' } });

    // Publishing again from the broken file: the check refuses to compare with it, nothing is written.
    const candidate = join(dir, 'notes-v3.graphql');
    writeFileSync(candidate, NOTES_V3);
    const refused = await runScript('schemaPublish.ts', [
      'notes',
      '--schema',
      candidate,
      '--config',
      configPath,
      '--supergraph-out',
      supergraphPath,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/current supergraph .* is not valid/);
    expect(readFileSync(supergraphPath, 'utf8')).toBe('this is not a supergraph {');
  });

  it('refuses a breaking change unless --allow-breaking is given', async () => {
    // Restore a good supergraph first (the previous test left a broken one).
    const composed = composeSdls([
      {
        name: 'territories',
        url: territoriesEntry.routingUrl,
        sdl: readSubgraphSchema(territoriesEntry.schemaFile).sdl,
      },
      { name: 'notes', url: `${notes.url}/graphql`, sdl: NOTES_V3 },
    ]);
    if (!composed.ok) throw new Error(composed.errors.join('\n'));
    writeFileSync(join(dir, 'good.tmp'), composed.supergraphSdl);
    renameSync(join(dir, 'good.tmp'), supergraphPath);
    writeFileSync(notesFile, NOTES_V3);
    await expect
      .poll(async () => (await postGraphQL(`${stack.gatewayUrl}/graphql`, SCORE_QUERY)).body.data, {
        timeout: 20_000,
        interval: 100,
      })
      .toEqual({ territory: { partnerScore: 7 } });

    const candidate = join(dir, 'notes-v1.graphql');
    writeFileSync(candidate, NOTES_V1);
    const args = ['notes', '--schema', candidate, '--config', configPath, '--supergraph-out', supergraphPath];
    const refused = await runScript('schemaPublish.ts', args);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/error \[breaking\/FIELD_REMOVED\] Territory\.partnerScore was removed/);
    expect(refused.stderr).toContain('--allow-breaking');
    expect(readFileSync(notesFile, 'utf8')).toBe(NOTES_V3);

    const forced = await runScript('schemaPublish.ts', [...args, '--allow-breaking']);
    expect(forced.code).toBe(0);
    expect(readFileSync(notesFile, 'utf8')).toBe(NOTES_V1);
    await expect
      .poll(
        async () =>
          (await postGraphQL(`${stack.gatewayUrl}/graphql`, SCORE_QUERY)).body.errors?.[0]?.extensions?.code,
        {
          timeout: 20_000,
          interval: 100,
        },
      )
      .toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
