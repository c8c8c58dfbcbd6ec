// `npm run sync` and the Banque des Territoires subgraph on the mirror, the SAME suite on the
// embedded SQLite file and on a real PostgreSQL schema: a sync end to end against the simulated
// Caisse des Dépôts portal (real dataset id and fields), a re-sync that reads nothing, a download
// cut halfway that keeps the previous copy, two syncs at once, the territory picture read with no
// portal call, freshness in /health and the gateway's /ready, and a database that goes away.
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../kit/src/listen.js';
import type { MirrorStore } from '../../kit/src/mirror/openMirror.js';
import { readSyncStates } from '../../kit/src/mirror/queries.js';
import { ReadinessProbe } from '../../gateway/src/observability/readiness.js';
import { readBanqueDesTerritoiresSimulatorConfig } from '../../sim/banque-des-territoires/config.js';
import { createBanqueDesTerritoiresSimulator } from '../../sim/banque-des-territoires/banqueDesTerritoiresSimulator.js';
import { buildBanqueDesTerritoiresRecords } from '../../sim/banque-des-territoires/records.js';
import { listenSimulator, type Simulator } from '../../sim/kit/simulator.js';
import { loadWorld } from '../../sim/world.js';
import { readBanqueDesTerritoiresConfig } from '../../subgraphs/banque-des-territoires/src/config.js';
import { startBanqueDesTerritoires } from '../../subgraphs/banque-des-territoires/src/start.js';
import {
  enginesToTest,
  POSTGRES_TEST_URL,
  testMirror,
  type TestMirror,
} from '../../kit/test/mirror/mirrorEngines.js';
import { runSyncCommand } from '../sync.js';

const SECRET = 'mirror-sync-test-secret';
const world = loadWorld();
const territory = world.territoryById.get('ti-4405')!;
const published = buildBanqueDesTerritoiresRecords(world)[0]!.records;
// The simulator adds two rows a careless export has (no amount; a date as 07/2021): both rejected.
const VALID = published.length - 2;
const VALID_CENTS = published
  .filter((r) => r.montant !== null && /^\d{4}-\d{2}$/.test(String(r.dateconvention)))
  .reduce((n, r) => n + Math.round(Number(r.montant) * 100), 0);

const QUERY = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Territory {
  banqueDesTerritoires {
    source { dataset retrievedAt illustrative }
    summary { count amount byAxis { axis count } }
    financings(first: 100) { totalCount nodes { id amount agreementMonth communeCode epciSiren source { retrievedAt } } }
  } } } }`;

interface Answer {
  data?: {
    _entities: {
      banqueDesTerritoires: {
        source: { dataset: string; retrievedAt: string; illustrative: boolean };
        summary: { count: number; amount: number; byAxis: { axis: string; count: number }[] };
        financings: {
          totalCount: number;
          nodes: {
            id: string;
            amount: number;
            communeCode: string | null;
            source: { retrievedAt: string };
          }[];
        };
      } | null;
    }[];
  };
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function ask(subgraph: RunningServer): Promise<Answer> {
  const response = await fetch(`${subgraph.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gateway-secret': SECRET },
    body: JSON.stringify({
      query: QUERY,
      variables: { r: [{ __typename: 'Territory', id: territory.id, communeCodes: territory.communeCodes }] },
    }),
  });
  return (await response.json()) as Answer;
}

function output(): { write(text: string): void; isTTY: false; text(): string } {
  const chunks: string[] = [];
  return { write: (t) => void chunks.push(t), isTTY: false, text: () => chunks.join('') };
}

async function liveTable(store: MirrorStore): Promise<{ n: number; cents: number }> {
  const { rows } = await sql<{ n: number; cents: number }>`
    select count(*) as n, coalesce(sum(montant_cents), 0) as cents from cdc_subsidy`.execute(store.db);
  return { n: Number(rows[0]!.n), cents: Number(rows[0]!.cents) };
}

const engines = await enginesToTest();

describe.each(engines)('npm run sync and Banque des Territoires on %s', (engine) => {
  let mirror: TestMirror;
  let store: MirrorStore;
  let simulator: Simulator;
  let portal: RunningServer;
  let subgraph: RunningServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    mirror = testMirror(engine, 'sync');
    store = await mirror.open();
    simulator = createBanqueDesTerritoiresSimulator(readBanqueDesTerritoiresSimulatorConfig({}));
    portal = await listenSimulator(simulator, 0);
    env = {
      CAISSE_DES_DEPOTS_API_URL: portal.url,
      GATEWAY_SECRET: SECRET,
      BANQUE_DES_TERRITOIRES_PORT: '0',
      ...(engine === 'sqlite'
        ? { MIRROR_FILE: mirror.location }
        : { DATABASE_URL: POSTGRES_TEST_URL, MIRROR_SCHEMA: mirror.location }),
    };
    subgraph = await startBanqueDesTerritoires(readBanqueDesTerritoiresConfig(env));
  });

  afterAll(async () => {
    await subgraph?.close();
    await portal?.close();
    await mirror?.cleanup();
  });

  it('answers MIRROR_NOT_SYNCED before the first sync, and /ready says the source was never synced', async () => {
    const answer = await ask(subgraph);
    expect(answer.data?._entities[0]?.banqueDesTerritoires).toBeNull();
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['MIRROR_NOT_SYNCED']);
    const ready = await new ReadinessProbe({ ttlMs: 0, timeoutMs: 5_000 }).check({
      id: 'test',
      targets: [{ name: 'banque-des-territoires', url: subgraph.url }],
    });
    expect(ready.ready).toBe(true);
    expect(ready.mirror?.['cdc-subsidies']).toMatchObject({
      subgraph: 'banque-des-territoires',
      status: 'never',
      recordCount: 0,
      lastSuccessAt: null,
    });
  });

  it('syncs the real dataset id through the export endpoint, with counts, rejects and a report', async () => {
    simulator.reset();
    const out = output();
    const outcome = await runSyncCommand({ sources: [], full: false }, env, out);
    expect(outcome.exitCode).toBe(0);
    // Every mirrored source syncs, in order (the others from the simulators it starts itself).
    expect(outcome.results.map((r) => [r.source, r.status])).toEqual([
      ['cdc-subsidies', 'loaded'],
      ['france-relance', 'loaded'],
      ['france-2030', 'loaded'],
      ['ademe-aids', 'loaded'],
      ['fonds-vert', 'loaded'],
      ['bmo', 'loaded'],
      ['france-travail-offers', 'loaded'],
      ['vte-window', 'loaded'],
      ['business-france-window', 'loaded'],
      ['dgefp-window', 'loaded'],
      ['action-logement-window', 'loaded'],
      ['apec-window', 'loaded'],
    ]);
    expect(outcome.results[0]).toMatchObject({
      source: 'cdc-subsidies',
      status: 'loaded',
      read: published.length,
      rejected: 2,
      recordCount: VALID,
    });
    // The locate step ran after France Relance: its projects are placed (by postcode or registry).
    const relance = outcome.results.find((r) => r.source === 'france-relance')!;
    expect(relance.recordCount).toBeGreaterThan(0);
    expect(relance.unlocatedCount).toBeLessThan(relance.recordCount);
    expect(simulator.stats().calls).toEqual({ exports: 1 });
    expect(await liveTable(store)).toEqual({ n: VALID, cents: VALID_CENTS });
    const [state] = await readSyncStates(store, ['cdc-subsidies']);
    expect(state).toMatchObject({ status: 'loaded', record_count: VALID, rejected_count: 2 });
    expect(state!.unlocated_count).toBe(outcome.results[0]!.unlocatedCount);
    const report = out.text();
    expect(report).toContain(`cdc-subsidies: loaded (full)`);
    expect(report).toContain('rejected INVALID_DATE: 1');
    expect(report).toContain('rejected MISSING_FIELD: 1');
    expect(report).toMatch(/unlocated (EPCI_WITHOUT_COMMUNE|NOT_IN_COMPANY_REGISTRY): \d/);
  });

  it('reads no full dataset again when nothing changed (a conditional export answers 304)', async () => {
    simulator.reset();
    const outcome = await runSyncCommand({ sources: ['cdc-subsidies'], full: false }, env, output());
    expect(outcome.results[0]).toMatchObject({ status: 'unchanged', read: 0, recordCount: VALID });
    expect(simulator.stats().calls).toEqual({ exports: 1 });
    expect(simulator.stats().bytes).toBe(0);
  });

  it("answers the territory's picture from the mirror, with no portal call, dated by the last sync", async () => {
    simulator.reset();
    const answer = await ask(subgraph);
    expect(answer.errors).toBeUndefined();
    const bdt = answer.data!._entities[0]!.banqueDesTerritoires!;
    const [state] = await readSyncStates(store, ['cdc-subsidies']);
    expect(bdt.source).toEqual({
      dataset: 'subventions-attribuees-par-la-caisse-des-depots-depuis-01012018',
      retrievedAt: state!.last_success_at,
      illustrative: true,
    });
    expect(bdt.financings.totalCount).toBeGreaterThan(0);
    expect(bdt.financings.nodes.every((f) => f.source.retrievedAt === state!.last_success_at)).toBe(true);
    const schools = bdt.summary.count - bdt.financings.totalCount;
    expect([0, 1]).toContain(schools);
    expect(simulator.stats().total).toBe(0);
  });

  it('keeps the previous copy serving, intact, when the export is cut halfway, and records the error', async () => {
    const before = await liveTable(store);
    const [stateBefore] = await readSyncStates(store, ['cdc-subsidies']);
    simulator.setFaults({ truncateAfterBytes: 40_000 });
    try {
      const out = output();
      const outcome = await runSyncCommand({ sources: [], full: true }, env, out);
      expect(outcome.exitCode).toBe(1);
      expect(outcome.results[0]).toMatchObject({ status: 'failed', error: { code: 'MIRROR_SYNC_FAILED' } });
      expect(out.text()).toContain('the previous copy keeps serving');
    } finally {
      simulator.setFaults({ truncateAfterBytes: 0 });
    }
    expect(await liveTable(store)).toEqual(before);
    const [state] = await readSyncStates(store, ['cdc-subsidies']);
    expect(state).toMatchObject({
      status: 'failed',
      record_count: VALID,
      last_success_at: stateBefore!.last_success_at,
    });
    expect(state!.last_error).toMatch(/^MIRROR_SYNC_FAILED: /);
    const answer = await ask(subgraph);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!._entities[0]!.banqueDesTerritoires!.financings.totalCount).toBeGreaterThan(0);
    const ready = await new ReadinessProbe({ ttlMs: 0, timeoutMs: 5_000 }).check({
      id: 'test',
      targets: [{ name: 'banque-des-territoires', url: subgraph.url }],
    });
    expect(ready.mirror?.['cdc-subsidies']).toMatchObject({
      status: 'failed',
      recordCount: VALID,
      lastSuccessAt: stateBefore!.last_success_at,
      error: expect.stringMatching(/^MIRROR_SYNC_FAILED: /),
    });
  });

  it('runs one of two syncs started together; the other reports the source locked', async () => {
    simulator.setFaults({ latencyMs: 300 });
    try {
      const [a, b] = await Promise.all([
        runSyncCommand({ sources: [], full: true }, env, output()),
        runSyncCommand({ sources: [], full: true }, env, output()),
      ]);
      const statuses = [a.results[0]!.status, b.results[0]!.status].sort();
      expect(statuses).toEqual(['loaded', 'locked']);
      expect(a.exitCode + b.exitCode).toBe(0);
    } finally {
      simulator.setFaults({ latencyMs: 0 });
    }
    expect((await liveTable(store)).n).toBe(VALID);
  });

  it.runIf(engine === 'postgres')(
    'nulls the picture with MIRROR_UNAVAILABLE while the database is away, and recovers when it is back',
    async () => {
      const relay = await startRelay(new URL(POSTGRES_TEST_URL));
      const relayUrl = new URL(POSTGRES_TEST_URL);
      relayUrl.hostname = '127.0.0.1';
      relayUrl.port = String(relay.port);
      const viaRelay = await startBanqueDesTerritoires(
        readBanqueDesTerritoiresConfig({ ...env, DATABASE_URL: relayUrl.toString() }),
      );
      try {
        expect((await ask(viaRelay)).errors).toBeUndefined();
        await relay.down();
        const away = await ask(viaRelay);
        expect(away.data?._entities[0]?.banqueDesTerritoires).toBeNull();
        expect(away.errors?.map((e) => e.extensions?.code)).toEqual(['MIRROR_UNAVAILABLE']);
        await relay.up();
        const back = await ask(viaRelay);
        expect(back.errors).toBeUndefined();
        expect(back.data!._entities[0]!.banqueDesTerritoires!.financings.totalCount).toBeGreaterThan(0);
      } finally {
        await viaRelay.close();
        await relay.close();
      }
    },
  );
});

describe('npm run sync on a fresh clone', () => {
  it('starts the simulator itself when no upstream URL is set, and says so', async () => {
    const mirror = testMirror('sqlite', 'fresh');
    try {
      const out = output();
      const outcome = await runSyncCommand(
        { sources: ['cdc-subsidies'], full: false },
        { MIRROR_FILE: mirror.location },
        out,
      );
      expect(outcome.exitCode).toBe(0);
      expect(outcome.results[0]).toMatchObject({ status: 'loaded', recordCount: VALID });
      expect(out.text()).toContain('CAISSE_DES_DEPOTS_API_URL is not set');
    } finally {
      await mirror.cleanup();
    }
  });

  it('leaves the illustrative France 2030 laureates out against the real portal, and says so', async () => {
    const mirror = testMirror('sqlite', 'real-portal');
    try {
      const out = output();
      const outcome = await runSyncCommand(
        { sources: ['france-2030'], full: false },
        {
          MIRROR_FILE: mirror.location,
          // No GATEWAY_SECRET: a sync serves no subgraph and must not ask for one.
          ECONOMIE_API_URL: 'https://data.economie.gouv.fr',
        },
        out,
        () => Promise.reject(new Error('no call may leave for the real portal')),
      );
      expect(outcome).toEqual({ results: [], exitCode: 0 });
      expect(out.text()).toContain('france-2030: left out');
    } finally {
      await mirror.cleanup();
    }
  });

  it('syncs from its local simulator with no GATEWAY_SECRET set, as on a fresh machine', async () => {
    const mirror = testMirror('sqlite', 'fresh-machine');
    try {
      const out = output();
      const outcome = await runSyncCommand(
        { sources: ['fonds-vert'], full: false },
        { MIRROR_FILE: mirror.location },
        out,
      );
      expect(outcome.exitCode).toBe(0);
      expect(outcome.results.map((r) => [r.source, r.status])).toEqual([['fonds-vert', 'loaded']]);
      expect(outcome.results[0]!.recordCount).toBeGreaterThan(0);
    } finally {
      await mirror.cleanup();
    }
  });

  it('refuses an unknown source by name, listing the known ones', async () => {
    await expect(runSyncCommand({ sources: ['nope'], full: false }, {}, output())).rejects.toThrow(
      /Unknown mirrored source\(s\): nope\. Known: cdc-subsidies/,
    );
  });
});

// A TCP relay in front of PostgreSQL that the test cuts and restores, as a server restart would.
async function startRelay(target: URL): Promise<{
  port: number;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      const relay = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => undefined);
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      relay.listen(port, '127.0.0.1', () => {
        port = (relay.address() as AddressInfo).port;
        server = relay;
        resolve();
      });
    });
  const down = async () => {
    const closing = server;
    server = null;
    for (const s of sockets) s.destroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  await listen();
  return {
    get port() {
      return port;
    },
    down,
    up: async () => {
      if (!server) await listen();
    },
    close: down,
  };
}
