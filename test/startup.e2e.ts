// Start-up and shutdown as a user sees them: `npm start`'s entry, and each service alone.
import { afterEach, describe, expect, it } from 'vitest';
import { devToken } from '../gateway/test/helpers.js';
import { SERVICES } from '../stack/registry.js';
import { spawnEntry, type Child } from './helpers/process.js';
import { postGraphQL } from './helpers/stack.js';

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
      GATEWAY_SECRET: 'alone-test-secret',
      PROGRAMME_FILE: '/nonexistent/programme.json',
    });
    const { code } = await child.exited;
    expect(code).not.toBe(0);
    const lines = child.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('/nonexistent/programme.json');
  });

  it('starts the territories subgraph alone from its environment', async () => {
    const child = run('subgraphs/territories/src/index.ts', [], {
      TERRITORIES_PORT: '0',
      GATEWAY_SECRET: 'alone-test-secret',
    });
    const [, url] = await child.waitFor(/ready at (http:\/\/\S+)\/graphql/);
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gateway-secret': 'alone-test-secret' },
      body: JSON.stringify({ query: '{ territory(id: "ti-4411") { name } }' }),
    });
    expect(await response.json()).toEqual({ data: { territory: { name: 'Pays de Châlons' } } });
  });
});

describe('subgraphs answer the gateway only', () => {
  const drafts = '{ territory(id: "ti-4401") { draftActionSheets { totalCount nodes { status } } } }';
  const entities = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
  const territory = { r: [{ __typename: 'Territory', id: 'ti-4411' }] };

  it('under `npm start`, gives no data to a caller that goes around the gateway, and all of it through the gateway', async () => {
    const child = run('scripts/start.ts', [], freePorts);
    const [, gateway] = await child.waitFor(/GraphiQL\s+(http:\/\/\S+)\//, 60_000);
    const subgraphs = SERVICES.filter((s) => s.kind === 'subgraph').map((s) => {
      const line = new RegExp(`^\\s+${s.name}\\s+(http://\\S+)$`, 'm').exec(child.output());
      expect(line, `${s.name} in the output of npm start`).not.toBeNull();
      return { name: s.name, url: `${line![1]}/graphql` };
    });
    const territories = subgraphs.find((s) => s.name === 'territories')!.url;

    // The restricted field, straight from its subgraph: refused, with no data at all.
    const guesses: Record<string, string>[] = [{}, { 'x-gateway-secret': 'change-me-in-production' }];
    for (const headers of guesses) {
      const direct = await postGraphQL(territories, drafts, {}, headers);
      expect(direct.status).toBe(401);
      expect(direct.body.data).toBeUndefined();
      expect(direct.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
    // Entity lookups, the door every subgraph has: refused on each.
    for (const subgraph of subgraphs) {
      const direct = await postGraphQL(subgraph.url, entities, territory);
      expect([subgraph.name, direct.status, direct.body.data]).toEqual([subgraph.name, 401, undefined]);
    }

    // Through the gateway: anonymous callers get the open data, agents with the scope get the drafts.
    const open = await postGraphQL(`${gateway}/graphql`, '{ territory(id: "ti-4411") { name } }');
    expect(open.body).toEqual({ data: { territory: { name: 'Pays de Châlons' } } });
    const agent = await postGraphQL<{
      territory: { draftActionSheets: { totalCount: number; nodes: { status: string }[] } };
    }>(`${gateway}/graphql`, drafts, {}, { authorization: `Bearer ${await devToken(['drafts:read'])}` });
    expect(agent.body.errors).toBeUndefined();
    const sheets = agent.body.data!.territory.draftActionSheets;
    expect(sheets.totalCount).toBe(2);
    expect(sheets.nodes.map((n) => n.status)).toEqual(['UNDER_REVIEW', 'UNDER_REVIEW']);
  });

  it('refuses to start a subgraph alone without GATEWAY_SECRET, in one line naming it, in production even when opened', async () => {
    const cases = [
      { PRODUCTION: 'false' } as Record<string, string>,
      { PRODUCTION: 'true', ALLOW_UNAUTHENTICATED_SUBGRAPH: 'true' },
    ].map((env) =>
      run('subgraphs/bpifrance/src/index.ts', [], { BPIFRANCE_PORT: '0', GATEWAY_SECRET: '', ...env }),
    );
    for (const child of cases) {
      const { code } = await child.exited;
      expect(code).not.toBe(0);
      const lines = child.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^bpifrance: GATEWAY_SECRET is required/);
    }
  });

  it('opens a subgraph alone to any caller only with ALLOW_UNAUTHENTICATED_SUBGRAPH=true, outside production', async () => {
    const child = run('subgraphs/vte/src/index.ts', [], {
      VTE_PORT: '0',
      GATEWAY_SECRET: '',
      PRODUCTION: 'false',
      ALLOW_UNAUTHENTICATED_SUBGRAPH: 'true',
    });
    const [, url] = await child.waitFor(/ready at (http:\/\/\S+\/graphql)/);
    const answer = await postGraphQL<{ _service: { sdl: string } }>(url!, '{ _service { sdl } }');
    expect(answer.status).toBe(200);
    expect(answer.body.data?._service.sdl).toContain('type Territory');
  });
});
