// Start-up and shutdown as a user sees them: `npm start`'s entry, and each service alone.
import { afterEach, describe, expect, it } from 'vitest';
import { SERVICES } from '../stack/registry.js';
import { spawnEntry, type Child } from './helpers/process.js';

const children: Child[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.process.exitCode === null) child.process.kill('SIGKILL');
});

function run(entry: string, args: string[] = [], env: Record<string, string> = {}): Child {
  const child = spawnEntry(entry, args, env);
  children.push(child);
  return child;
}

/** Every port of the stack set to 0, so the test never collides with a running `npm start`. */
const freePorts = Object.fromEntries([...SERVICES.map((s) => [s.portEnv, '0']), ['GATEWAY_PORT', '0']]);

describe('start-up', () => {
  it('brings the whole stack up, serves GraphiQL, and stops cleanly on SIGTERM', async () => {
    const child = run('scripts/start.ts', [], freePorts);
    const [, url] = await child.waitFor(/GraphiQL\s+(http:\/\/\S+)\//, 60_000);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('graphiql');
    expect((await fetch(`${url}/health`)).status).toBe(200);
    child.process.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.output()).toContain('SIGTERM: stopping');
  });

  it('refuses to start the gateway on a missing supergraph, in one line naming the file', async () => {
    const child = run('gateway/src/index.ts', [
      '--supergraph',
      '/nonexistent/supergraph.graphql',
      '--port',
      '0',
    ]);
    const { code } = await child.exited;
    expect(code).not.toBe(0);
    const lines = child.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('/nonexistent/supergraph.graphql');
    expect(lines[0]).toContain('no such file');
  });

  it('refuses to start the gateway on a file that is not a supergraph', async () => {
    const child = run('gateway/src/index.ts', ['--supergraph', 'package.json', '--port', '0']);
    const { code } = await child.exited;
    expect(code).not.toBe(0);
    expect(child.output().trim().split('\n')).toHaveLength(1);
    expect(child.output()).toContain('package.json');
  });

  it('refuses to start the territories subgraph on a missing dataset, in one line naming the file', async () => {
    const child = run('subgraphs/territories/src/index.ts', [], {
      TERRITORIES_PORT: '0',
      PROGRAMME_FILE: '/nonexistent/programme.json',
    });
    const { code } = await child.exited;
    expect(code).not.toBe(0);
    const lines = child.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('/nonexistent/programme.json');
  });

  it('starts the territories subgraph alone from its environment', async () => {
    const child = run('subgraphs/territories/src/index.ts', [], { TERRITORIES_PORT: '0' });
    const [, url] = await child.waitFor(/ready at (http:\/\/\S+)\/graphql/);
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ territory(id: "ti-4405") { name } }' }),
    });
    expect(await response.json()).toEqual({ data: { territory: { name: 'Pays de Châlons' } } });
  });
});
