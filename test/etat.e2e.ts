// The État through the whole stack: the support picture of the Pays de Châlons area (ti-4411)
// carries the État block (Fonds Vert from the mirror, with its source) and the territorial
// actors; and with the Fonds Vert file host unreachable and no copy in the mirror, the État block
// is null with an error naming the État while every other operator still answers.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../tools/composition.js';
import { postGraphQL, startTestStack, type Stack } from './helpers/stack.js';

const OTHER_OPERATORS = [
  'banqueDesTerritoires',
  'bpifrance',
  'ademe',
  'franceTravail',
  'businessFrance',
  'vte',
];
const PICTURE = readFileSync(join(REPO_ROOT, 'operations/TerritorySupportPicture.graphql'), 'utf8');
const SUMMARIES = `query ($id: ID!) { territory(id: $id) { id
  ${[...OTHER_OPERATORS, 'etat'].map((f) => `${f} { summary { operator count } }`).join('\n')}
  territorialActors { kind name contact { email } } } }`;

interface EtatBlock {
  summary: { operator: string; count: number };
  source: { retrievedAt: string };
  fondsVert: { projectCount: number; envelope: unknown };
}
interface Picture {
  territory:
    | ({ etat: EtatBlock | null; territorialActors: { name: string; contact?: unknown }[] } & Record<
        string,
        unknown
      >)
    | null;
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('the État in the support picture', () => {
  let stack: Stack;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'etat-stack-'));
    stack = await startTestStack({
      env: { RESPONSE_CACHE: 'false', MIRROR_FILE: join(dir, 'mirror.sqlite') },
    });
    // The stack's scheduler syncs the Fonds Vert file (with every mirrored source) at first start.
    const first = await stack.mirrorSync.scheduler.firstSync;
    expect(first.find((r) => r.source === 'fonds-vert')).toMatchObject({ status: 'loaded' });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the État block of ti-4411 with its Fonds Vert figures, source and territorial actors', async () => {
    const { status, body } = await postGraphQL<Picture>(`${stack.gatewayUrl}/graphql`, PICTURE, {
      id: 'ti-4411',
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const territory = body.data!.territory!;
    expect(territory.etat!.summary.operator).toBe('ETAT');
    expect(territory.etat!.summary.count).toBe(territory.etat!.fondsVert.projectCount);
    expect(territory.etat!.summary.count).toBeGreaterThan(0);
    expect(territory.etat!.source).toMatchObject({
      dataset: 'fonds-vert-liste-des-projets-subventionnes',
      illustrative: true,
    });
    expect(territory.etat!.source.retrievedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(territory.etat!.fondsVert.envelope).toMatchObject({
      regionAmount: 7_900_000,
      nationalAmount: 100_000_000,
      committed: null,
    });
    expect(territory.territorialActors.map((a) => a.name).slice(0, 2)).toEqual([
      'Préfecture de la région Grand Est',
      'Conseil régional du Grand Est',
    ]);
  });

  it('gives actors’ contacts only to callers with the contacts:read scope', async () => {
    const { body } = await postGraphQL<Picture>(`${stack.gatewayUrl}/graphql`, SUMMARIES, { id: 'ti-4411' });
    const actors = body.data!.territory!.territorialActors;
    expect(actors.length).toBeGreaterThanOrEqual(2);
    for (const actor of actors) expect(actor.contact).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the État with its file host down and no copy in the mirror', () => {
  let stack: Stack;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'etat-stack-down-'));
    stack = await startTestStack({
      env: {
        RESPONSE_CACHE: 'false',
        MIRROR_FILE: join(dir, 'mirror.sqlite'),
        ETAT_API_URL: await closedPortUrl(),
      },
      skip: ['etat-sim'],
    });
    // Its sync fails (the host is down): the mirror keeps no copy of the file.
    const first = await stack.mirrorSync.scheduler.firstSync;
    expect(first.find((r) => r.source === 'fonds-vert')).toMatchObject({ status: 'failed' });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers null for the État with an error naming it, and every other operator', async () => {
    const { status, body } = await postGraphQL<Picture>(
      `${stack.gatewayUrl}/graphql`,
      SUMMARIES.replace(' contact { email }', ''),
      {
        id: 'ti-4411',
      },
    );
    expect(status).toBe(200);
    const territory = body.data!.territory!;
    expect(territory.etat).toBeNull();
    for (const field of OTHER_OPERATORS) expect(territory[field], field).not.toBeNull();
    expect(territory.territorialActors.length).toBeGreaterThanOrEqual(2);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.path).toEqual(['territory', 'etat']);
    expect(body.errors![0]!.message).toContain('État');
    // The stack's scheduler recorded the failed sync of the file: the mirror holds no copy.
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'MIRROR_SYNC_FAILED', operator: 'etat' });
  });
});
