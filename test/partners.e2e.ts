// The three operators that joined through the partner workflow (DGEFP, APEC, Action Logement),
// through the real gateway: the support picture of the Marne's Pays de Châlons answers every
// operator in one query, is served from the gateway's response cache the second time, still
// answers the other operators when one is down, and `npm start`'s reloader restarts one subgraph
// on its port without touching the others.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../kit/src/paths.js';
import { SERVICES } from '../stack/registry.js';
import { watchSubgraphs, type SubgraphReloader } from '../stack/subgraphReload.js';
import { postGraphQL, startTestStack, type Stack } from './helpers/stack.js';

const SUPPORT_PICTURE = readFileSync(`${REPO_ROOT}operations/TerritorySupportPicture.graphql`, 'utf8');
const WORKFORCE = readFileSync(`${REPO_ROOT}operations/TerritoryWorkforcePartners.graphql`, 'utf8');
const OPERATORS = [
  'banqueDesTerritoires',
  'bpifrance',
  'businessFrance',
  'franceTravail',
  'ademe',
  'vte',
  'dgefp',
  'apec',
  'actionLogement',
] as const;

let stack: Stack;
let chalons: string;
let others: string[];

beforeAll(async () => {
  stack = await startTestStack({ env: { RATE_LIMIT_MAX: '0', LOG_LEVEL: 'error' } });
  const marne = await postGraphQL<{ department: { territories: { id: string; name: string }[] } }>(
    `${stack.gatewayUrl}/graphql`,
    '{ department(code: "51") { territories { id name } } }',
  );
  const territories = marne.body.data?.department.territories ?? [];
  chalons = territories.find((t) => t.name.trim() === 'Pays de Châlons')!.id;
  others = territories.filter((t) => t.id !== chalons).map((t) => t.id);
}, 120_000);
afterAll(() => stack?.stop());

type Picture = { territory: Record<string, unknown> & { name: string } };

describe('the support picture with DGEFP, APEC and Action Logement', () => {
  it('answers all nine operators for Pays de Châlons in one query, each with its source', async () => {
    const answer = await postGraphQL<Picture>(`${stack.gatewayUrl}/graphql`, SUPPORT_PICTURE, {
      id: chalons,
    });
    expect(answer.body.errors).toBeUndefined();
    const territory = answer.body.data!.territory;
    expect(territory.name.trim()).toBe('Pays de Châlons');
    const summaries = OPERATORS.map(
      (op) => (territory[op] as { summary: { operator: string } }).summary.operator,
    );
    expect(summaries).toEqual([
      'BANQUE_DES_TERRITOIRES',
      'BPIFRANCE',
      'BUSINESS_FRANCE',
      'FRANCE_TRAVAIL',
      'ADEME',
      'VTE',
      'DGEFP',
      'APEC',
      'ACTION_LOGEMENT',
    ]);
    for (const op of ['dgefp', 'apec', 'actionLogement'] as const) {
      const source = (territory[op] as { source: { illustrative: boolean; retrievedAt: string | null } })
        .source;
      expect(source.illustrative, op).toBe(true);
      expect(Date.parse(source.retrievedAt ?? ''), op).not.toBeNaN();
    }
  });

  it('is cacheable: a max-age, and the second identical request is a HIT with the same body', async () => {
    const variables = { id: others[0] };
    const first = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SUPPORT_PICTURE, variables }),
    });
    const firstBody = await first.text();
    expect(JSON.parse(firstBody).errors).toBeUndefined();
    expect(first.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const second = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SUPPORT_PICTURE, variables }),
    });
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(await second.text()).toBe(firstBody);
  });

  it('still answers the other operators when one is down, with an error naming it', async () => {
    await fetch(`${stack.services['dgefp-sim']!.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ down: true }),
    });
    try {
      // A territory nobody asked yet: no copy to serve stale.
      const answer = await postGraphQL<{ territory: Record<string, unknown> }>(
        `${stack.gatewayUrl}/graphql`,
        WORKFORCE,
        { id: others[others.length - 1] },
      );
      const territory = answer.body.data!.territory;
      expect(territory.dgefp).toBeNull();
      expect(territory.apec).not.toBeNull();
      expect(territory.actionLogement).not.toBeNull();
      const error = answer.body.errors?.find((e) => e.path?.includes('dgefp'));
      expect(error?.message).toContain('DGEFP');
      expect(String(error?.extensions?.code)).toMatch(/^UPSTREAM_|^CIRCUIT_OPEN$/);
    } finally {
      await fetch(`${stack.services['dgefp-sim']!.url}/__sim/reset`, { method: 'POST' });
    }
  });
});

describe('the CSV export of the new operators', () => {
  it('downloads APEC offers and Action Logement aid as rows, with their provenance as columns', async () => {
    const query = `{ territory(id: "__ID__") { apec { offers(first: 50) { nodes { id title place publishedOn source { publisher illustrative } } } } actionLogement { aids(first: 50) { nodes { scheme employerName amount year source { illustrative } } } } } }`;
    for (const [path, column] of [
      ['territory.apec.offers.nodes', 'source.publisher'],
      ['territory.actionLogement.aids.nodes', 'source.illustrative'],
    ] as const) {
      const url = new URL(`${stack.gatewayUrl}/export.csv`);
      url.searchParams.set('query', query.replace('__ID__', chalons));
      url.searchParams.set('path', path);
      const response = await fetch(url);
      expect(response.status, path).toBe(200);
      const lines = (await response.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      const header = lines[0]!.split(',');
      expect(header, path).toContain(column);
      expect(lines.length, path).toBeGreaterThan(1);
      const at = header.indexOf(column);
      expect(lines.slice(1).map((l) => l.split(',')[at])).toContain(path.includes('apec') ? 'APEC' : 'true');
    }
  });
});

describe('npm start reloads one subgraph', () => {
  let reloader: SubgraphReloader;
  afterAll(() => reloader?.close());

  it('restarts a subgraph in a fresh process on its port; the gateway keeps routing to it', async () => {
    const lines: string[] = [];
    reloader = watchSubgraphs({
      root: REPO_ROOT,
      services: SERVICES,
      running: stack.services,
      env: stack.env,
      log: (l) => lines.push(l),
    });
    const port = stack.services.apec!.port;
    await reloader.reload('apec');
    expect(lines).toContain(`  reloaded apec (same port ${port})`);
    const answer = await postGraphQL<{ territory: { apec: { offers: { totalCount: number } } } }>(
      `${stack.gatewayUrl}/graphql`,
      `{ territory(id: "${chalons}") { apec { offers(first: 1) { totalCount } } } }`,
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.territory.apec.offers.totalCount).toBeGreaterThan(0);
  }, 60_000);
});
