// The etat subgraph against its simulator, on SQLite and (when reachable) PostgreSQL: the first
// sync mirrors the whole file, a NULL-commune project is located through the company registry
// mirror, a territory's Fonds Vert figures come through `_entities` as the gateway asks, the next
// sync is a 304, and when the file host is down the copy keeps serving marked stale — or, with
// no copy at all, the block is null with a coded error naming the État.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../kit/src/listen.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { createEtatSimulator, FONDS_VERT_2023_PATH } from '../../../sim/etat/etatSimulator.js';
import { buildFondsVertRows, type FondsVertRow } from '../../../sim/etat/fondsVertRows.js';
import { loadWorld } from '../../../sim/world.js';
import {
  enginesToTest,
  POSTGRES_TEST_URL,
  testMirror,
  type TestMirror,
} from '../../../kit/test/mirror/mirrorEngines.js';
import { readEtatConfig } from '../src/config.js';
import { startEtat, type RunningEtat } from '../src/start.js';

const world = loadWorld();
const rows = buildFondsVertRows(world);
const SECRET = 'etat-test-secret';

// A territory with a NULL-commune project carried by a company of its own: the registry mirror
// will locate that one in the territory.
const located = rows.find(
  (r) => r.code_commune === null && /^\d{9}$/.test(r.siren ?? '') && world.companyBySiren.has(r.siren!),
)!;
const company = world.companyBySiren.get(located.siren!)!;
const territory = world.territoryById.get(company.territoryId)!;
const headOffice = company.establishments.find((e) => e.headOffice)!.commune;
const otherTerritory = world.territories.find(
  (t) =>
    t.id !== territory.id &&
    rows.some((r) => r.code_commune !== null && t.communeCodes.includes(r.code_commune)),
)!;

const inCommunes = (t: { communeCodes: readonly string[] }) =>
  rows.filter((r) => r.code_commune !== null && t.communeCodes.includes(r.code_commune));
const cents = (list: FondsVertRow[]) =>
  list.reduce((n, r) => n + Math.round(Number(r.montant_engage) * 100), 0);

const QUERY = `query ($representations: [_Any!]!, $first: Int) {
  _entities(representations: $representations) {
    ... on Territory {
      territorialActors { kind name regionCode applications { url } }
      etat {
        summary { operator count amount byAxis { axis count amount } }
        source { publisher dataset url retrievedAt illustrative }
        fondsVert {
          year projectCount amount byAxe { axe label count amount }
          projects(first: $first) { totalCount nodes { id title communeCode communeNameAsPublished beneficiarySiren amount source { dataset } } pageInfo { hasNextPage } }
          unlocated { count amount departmentCodes }
          envelope { regionCode regionAmount nationalAmount committed consumptionNote }
        }
      }
    }
  }
}`;

interface Axe {
  axe: string;
  count: number;
}
interface EtatBlock {
  summary: { operator: string; count: number; byAxis: unknown[] };
  source: { dataset: string; url: string; retrievedAt: string; illustrative: boolean };
  fondsVert: {
    projectCount: number;
    amount: number;
    byAxe: Axe[];
    projects: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean } };
    unlocated: { count: number };
    envelope: { regionCode: string };
  };
}
interface EtatAnswer {
  data?: {
    _entities: ({ territorialActors: { kind: string; name: string }[]; etat: EtatBlock | null } | null)[];
  };
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  extensions?: { stale?: { operator: string; since: string }[] };
}

async function ask(
  subgraph: RunningServer,
  territories: readonly (typeof territory)[],
  first = 5,
): Promise<EtatAnswer> {
  const response = await fetch(`${subgraph.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gateway-secret': SECRET },
    body: JSON.stringify({
      query: QUERY,
      variables: {
        first,
        representations: territories.map((t) => ({
          __typename: 'Territory',
          id: t.id,
          communeCodes: t.communeCodes,
          departmentCodes: t.departmentCodes,
        })),
      },
    }),
  });
  return (await response.json()) as EtatAnswer;
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function configFor(mirror: TestMirror, apiUrl: string) {
  return readEtatConfig({
    ETAT_PORT: '0',
    GATEWAY_SECRET: SECRET,
    ETAT_API_URL: apiUrl,
    ...(mirror.engine === 'postgres'
      ? { DATABASE_URL: POSTGRES_TEST_URL, MIRROR_SCHEMA: mirror.location }
      : { MIRROR_FILE: mirror.location }),
  });
}

const engines = await enginesToTest();

describe.each(engines)('etat subgraph on %s', (engine) => {
  let simulator: Simulator;
  let upstream: RunningServer;
  let subgraph: RunningEtat;
  let mirror: TestMirror;

  beforeAll(async () => {
    simulator = createEtatSimulator({ world });
    upstream = await listenSimulator(simulator, 0);
    mirror = testMirror(engine, 'etat');
    // The company registry mirror knows where the company's head office is.
    const seed = await mirror.open();
    await seed.db
      .insertInto('company_location')
      .values({
        record_key: company.siren,
        siren: company.siren,
        siret_siege: null,
        nom_complet: company.name,
        commune_code: headOffice.code,
        code_postal: null,
        epci_siren: null,
        department_code: headOffice.departmentCode,
        region_code: headOffice.regionCode,
        latitude: null,
        longitude: null,
        etat_administratif: 'A',
      })
      .execute();
    subgraph = await startEtat(configFor(mirror, upstream.url), { onSync: () => undefined });
  }, 60_000);
  afterAll(async () => {
    await subgraph?.close();
    await upstream?.close();
    await mirror?.cleanup();
  });

  it('mirrors the whole file on start, with the real file path, and locates a NULL commune by SIREN', async () => {
    expect(simulator.stats().calls['fonds-vert-2023']).toBe(1);
    const answer = await ask(subgraph, [territory], 100);
    expect(answer.errors).toBeUndefined();
    const fondsVert = answer.data!._entities[0]!.etat!.fondsVert;
    const expected = [
      ...inCommunes(territory),
      ...(territory.communeCodes.includes(headOffice.code) ? [located] : []),
    ];
    expect(fondsVert.projectCount).toBe(expected.length);
    expect(Math.round(fondsVert.amount * 100)).toBe(cents(expected));
    const found = fondsVert.projects.nodes.find((p) => p.id === located.numero_dossier_ds);
    expect(found).toMatchObject({ communeCode: headOffice.code, communeNameAsPublished: null });
    expect(FONDS_VERT_2023_PATH).toBe(
      '/resources/fonds-vert-liste-des-projets-subventionnes-en-2023/20240731-110636/fonds-vert-2023-export.csv',
    );
  });

  it('answers several territories in one request: figures by axe, summary under TRANSITION_ECOLOGIQUE, source', async () => {
    const answer = await ask(subgraph, [otherTerritory, territory], 2);
    expect(answer.errors).toBeUndefined();
    const other = answer.data!._entities[0]!.etat!;
    const expected = inCommunes(otherTerritory);
    expect(other.summary.operator).toBe('ETAT');
    expect(other.summary.count).toBe(expected.length);
    expect(other.summary.byAxis).toEqual([
      { axis: 'COMPETENCES', count: 0, amount: 0 },
      { axis: 'FONCIER', count: 0, amount: 0 },
      { axis: 'INNOVATION', count: 0, amount: 0 },
      { axis: 'TRANSITION_ECOLOGIQUE', count: expected.length, amount: cents(expected) / 100 },
    ]);
    const axes = [...new Set(expected.map((r) => r.axe))].sort();
    expect(other.fondsVert.byAxe.map((a) => a.axe)).toEqual(axes);
    for (const axe of other.fondsVert.byAxe)
      expect(axe.count).toBe(expected.filter((r) => r.axe === axe.axe).length);
    expect(other.fondsVert.projects.nodes.length).toBe(Math.min(2, expected.length));
    expect(other.fondsVert.projects.pageInfo.hasNextPage).toBe(expected.length > 2);
    expect(other.source).toMatchObject({
      dataset: 'fonds-vert-liste-des-projets-subventionnes',
      url: `https://static.data.gouv.fr${FONDS_VERT_2023_PATH}`,
      illustrative: true,
    });
    expect(Date.parse(other.source.retrievedAt)).toBeGreaterThan(Date.now() - 600_000);
    const unlocated = rows.filter(
      (r) =>
        r.code_commune === null &&
        r !== located &&
        otherTerritory.departmentCodes.includes(r.code_departement!),
    );
    expect(other.fondsVert.unlocated.count).toBe(unlocated.length);
    expect(answer.data!._entities[1]!.etat!.fondsVert.envelope.regionCode).toBe(territory.regionCode);
  });

  it('syncs again with a conditional GET: 304, nothing re-read', async () => {
    const result = await subgraph.syncNow();
    expect(result).toMatchObject({ status: 'unchanged', read: 0, recordCount: rows.length });
  });

  it('keeps serving its copy, marked stale, when the file host is down', async () => {
    simulator.setFaults({ down: true });
    try {
      const result = await subgraph.syncNow();
      expect(result.status).toBe('failed');
      expect(result.error?.code).toBe('UPSTREAM_UNAVAILABLE');
      const answer = await ask(subgraph, [otherTerritory]);
      expect(answer.errors).toBeUndefined();
      expect(answer.data!._entities[0]!.etat!.fondsVert.projectCount).toBe(inCommunes(otherTerritory).length);
      expect(answer.extensions?.stale).toEqual([{ operator: 'etat', since: expect.any(String) }]);
    } finally {
      simulator.reset();
    }
  });

  it('refuses a page size out of range with a code, before reading the mirror', async () => {
    const answer = await ask(subgraph, [territory], 1000);
    expect(answer.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_OUT_OF_RANGE');
  });

  it('with no copy and the file host unreachable: the État block is null with a coded error naming it; the actors still answer', async () => {
    const empty = testMirror(engine, 'etat_empty');
    const lonely = await startEtat(configFor(empty, await closedPortUrl()), { onSync: () => undefined });
    try {
      const answer = await ask(lonely, [territory]);
      expect(answer.data!._entities[0]!.etat).toBeNull();
      expect(answer.data!._entities[0]!.territorialActors.length).toBeGreaterThanOrEqual(2);
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors![0]!.message).toContain('État');
      expect(answer.errors![0]!.message).toContain('could not be reached');
      expect(answer.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', operator: 'etat' });
    } finally {
      await lonely.close();
      await empty.cleanup();
    }
  });
});
