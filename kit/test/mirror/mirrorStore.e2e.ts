// The mirror store and its sync runner, the SAME suite on the embedded SQLite and on a real
// PostgreSQL: migrations, full and incremental syncs over real HTTP, faults halfway, rejected
// rows, the lease lock, summaries in one query, and a database that goes away and comes back.
import { readFileSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodedError, ErrorCode } from '../../src/errors.js';
import { migrateMirror, type MirrorStore } from '../../src/mirror/openMirror.js';
import { parseFondsVertProject } from '../../src/mirror/parsers/parseFondsVertProject.js';
import type { RawRow } from '../../src/mirror/parsers/parseResult.js';
import {
  MANY_PLACES,
  readRejects,
  readSyncStates,
  recordsByCommune,
  recordsBySiren,
  summarizeByAxis,
  unlocatedSirens,
} from '../../src/mirror/queries.js';
import { csvRecords } from '../../src/mirror/readers/csvRows.js';
import { httpCsvReader } from '../../src/mirror/readers/httpCsvReader.js';
import { runSync } from '../../src/mirror/runSync.js';
import type { SourceDefinition } from '../../src/mirror/sourceDefinition.js';
import { ademeAidSource, fondsVertSource, franceRelanceSource } from '../../src/mirror/sources.js';
import { startFakeUpstream, type FakeUpstream } from './fakeUpstream.js';
import { enginesToTest, POSTGRES_TEST_URL, testMirror, type TestMirror } from './mirrorEngines.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

async function rowsOf(text: string): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of csvRecords(
    (async function* () {
      yield text;
    })(),
  ))
    rows.push(row.raw);
  return rows;
}

const FONDS_VERT = fixture('fondsvert_2023_projets_subventionnes_extract.csv');
const RELANCE = fixture('francerelance_plan-de-relance_projets_industriels_extract.csv');
const ADEME = fixture('ademe_aides_sample_from_DataEtatBretagne-back.csv');

async function count(store: MirrorStore, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
  return Number(rows[0]?.n);
}

const engines = await enginesToTest();

describe.each(engines)('mirror store on %s', (engine) => {
  let mirror: TestMirror;
  let store: MirrorStore;
  let upstream: FakeUpstream;
  let queries = 0;

  beforeAll(async () => {
    mirror = testMirror(engine, 'store');
    store = await mirror.open({ log: (event) => (event.level === 'query' ? queries++ : undefined) });
    upstream = await startFakeUpstream({
      fondsVertCsv: FONDS_VERT,
      relanceRows: await rowsOf(RELANCE),
      relanceHeader: RELANCE.split('\n', 1)[0]!.split(';'),
      ademeRows: await rowsOf(ADEME),
      ademeUpdatedAt: '2024-01-01T00:00:00.000Z',
    });
  });

  afterAll(async () => {
    await upstream?.close();
    await mirror?.cleanup();
  });

  it('applies the migrations once, and re-applying them is a no-op', async () => {
    expect(await migrateMirror(store)).toEqual([]);
    for (const table of [
      'sync_state',
      'sync_reject',
      'sync_lock',
      'fonds_vert_project',
      'fonds_vert_project_staging',
      'company_location',
    ]) {
      expect(await count(store, table), table).toBe(0);
    }
    const other = await mirror.open();
    expect(await migrateMirror(other)).toEqual([]);
  });

  it('loads a CSV file, records its freshness, and a re-sync of an unchanged file reads nothing', async () => {
    const source = fondsVertSource(`${upstream.url}/fondsvert.csv`);
    const first = await runSync(store, source);
    expect(first).toMatchObject({
      status: 'loaded',
      mode: 'full',
      read: 14,
      loaded: 14,
      rejected: 0,
      recordCount: 14,
      unlocatedCount: 2,
    });
    const [state] = await readSyncStates(store, ['fonds-vert']);
    expect(state).toMatchObject({
      source: 'fonds-vert',
      status: 'loaded',
      record_count: 14,
      rejected_count: 0,
      unlocated_count: 2,
      last_error: null,
    });
    expect(state!.last_success_at).toBe(state!.last_sync_at);
    expect(JSON.parse(state!.cursor!)).toHaveProperty('etag');

    const bodies = upstream.fullBodies.length;
    const again = await runSync(store, source);
    expect(again).toMatchObject({ status: 'unchanged', read: 0, recordCount: 14 });
    expect(upstream.fullBodies.length).toBe(bodies);
    expect((await readSyncStates(store, ['fonds-vert']))[0]).toMatchObject({
      status: 'unchanged',
      record_count: 14,
    });
  });

  it('syncs an Opendatasoft export incrementally on its modification date', async () => {
    const source = franceRelanceSource(upstream.url);
    expect(await runSync(store, source)).toMatchObject({ status: 'loaded', mode: 'full', recordCount: 7 });
    const cursor = JSON.parse((await readSyncStates(store, ['france-relance']))[0]!.cursor!) as {
      modifiedSince: string;
    };
    expect(cursor.modifiedSince).toBe('2021-11-02');

    const bodies = upstream.fullBodies.length;
    expect(await runSync(store, source)).toMatchObject({
      status: 'unchanged',
      mode: 'changes',
      read: 0,
      recordCount: 7,
    });
    const asked = new URL(upstream.requests.at(-1)!.split(' ')[1]!, upstream.url);
    expect(asked.searchParams.get('where')).toBe("mise_a_jour > date'2021-11-02'");
    expect(upstream.fullBodies.length).toBe(bodies);

    // One project updated upstream: only it travels, and it replaces its previous version.
    const updated = { ...upstream.state.relanceRows[0]!, mise_a_jour: '2022-04-08', filiere: 'Matériaux' };
    upstream.state.relanceRows = [updated, ...upstream.state.relanceRows.slice(1)];
    expect(await runSync(store, source)).toMatchObject({
      status: 'loaded',
      mode: 'changes',
      read: 1,
      recordCount: 7,
    });
    const [rows] = await recordsBySiren(store, 'france_relance_project', ['842959249']);
    expect(rows!.map((r) => [r.mise_a_jour, r.filiere])).toEqual([['2022-04-08', 'Matériaux']]);
  });

  it('keeps the previous copy intact when the download is cut halfway, and records the error', async () => {
    const before = (await readSyncStates(store, ['fonds-vert']))[0]!;
    const cut: SourceDefinition<'fonds_vert_project'> = {
      ...fondsVertSource(`${upstream.url}/truncated.csv`),
      read: httpCsvReader({ url: `${upstream.url}/truncated.csv` }),
    };
    const result = await runSync(store, cut, { batchSize: 2 });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe(ErrorCode.MIRROR_SYNC_FAILED);
    expect(await count(store, 'fonds_vert_project')).toBe(14);
    expect(await count(store, 'fonds_vert_project_staging')).toBe(0);
    const after = (await readSyncStates(store, ['fonds-vert']))[0]!;
    expect(after).toMatchObject({
      status: 'failed',
      record_count: 14,
      last_success_at: before.last_success_at,
    });
    expect(after.last_error).toMatch(/^MIRROR_SYNC_FAILED: /);
  });

  it('keeps the previous copy when data-fair paging fails with a 500 midway', async () => {
    const source = ademeAidSource(upstream.url);
    const paged: SourceDefinition<'ademe_aid'> = {
      ...source,
      read: (await import('../../src/mirror/readers/dataFairLinesReader.js')).dataFairLinesReader({
        baseUrl: upstream.url,
        datasetId: "les-aides-financieres-de-l'ademe",
        pageSize: 1,
      }),
    };
    expect(await runSync(store, paged)).toMatchObject({ status: 'loaded', recordCount: 3 });
    expect(await runSync(store, paged)).toMatchObject({ status: 'unchanged' });

    upstream.state.ademeUpdatedAt = '2024-02-01T00:00:00.000Z';
    upstream.state.failAdemePage = 2;
    const failed = await runSync(store, paged);
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    expect(await count(store, 'ademe_aid')).toBe(3);
    upstream.state.failAdemePage = undefined;
  });

  it('rejects malformed rows with their reason and counts them, loading none of them', async () => {
    const lines = FONDS_VERT.trimEnd().split('\n');
    const bad = [
      lines[0],
      lines[1],
      lines[2]!.replace('"600092"', '"six cent mille"'),
      lines[3]!.replace(',"1450"', ''),
      lines[4],
    ].join('\n');
    const source: SourceDefinition<'fonds_vert_project'> = {
      name: 'fonds-vert-bad',
      table: 'fonds_vert_project',
      read: async () => ({
        mode: 'full',
        rows: csvRecords(
          (async function* () {
            yield bad;
          })(),
        ),
        cursor: () => ({}),
      }),
      parse: parseFondsVertProject,
    };
    const result = await runSync(store, source);
    expect(result).toMatchObject({ status: 'loaded', read: 4, loaded: 2, rejected: 2, recordCount: 2 });
    const rejects = await readRejects(store, 'fonds-vert-bad');
    expect(rejects.map((r) => [r.ref, r.reason]).sort()).toEqual([
      ['row 2', 'INVALID_AMOUNT'],
      ['row 3', 'MALFORMED_ROW'],
    ]);
    expect(rejects.find((r) => r.reason === 'INVALID_AMOUNT')!.detail).toContain('six cent mille');
    expect((await readSyncStates(store, ['fonds-vert-bad']))[0]).toMatchObject({
      rejected_count: 2,
      record_count: 2,
    });
    // The rejected dossiers are nowhere in the table, not even half-parsed.
    const ids = (await store.db.selectFrom('fonds_vert_project').select('numero_dossier_ds').execute()).map(
      (r) => r.numero_dossier_ds,
    );
    expect(ids).toEqual(expect.arrayContaining(['12487592', '11932742']));
    expect(ids).not.toContain('12785110');
    expect(ids).not.toContain('11951700');
  });

  it('keeps the previous copy when the parser throws in the middle of a batch', async () => {
    const source = fondsVertSource(`${upstream.url}/fondsvert.csv`);
    expect(await runSync(store, source, { full: true })).toMatchObject({ status: 'loaded', recordCount: 14 });
    let calls = 0;
    const broken: SourceDefinition<'fonds_vert_project'> = {
      ...source,
      parse: (raw) => {
        if (++calls === 9) throw new TypeError('parser bug');
        return parseFondsVertProject(raw);
      },
    };
    const result = await runSync(store, broken, { full: true, batchSize: 4 });
    expect(result).toMatchObject({
      status: 'failed',
      error: { code: ErrorCode.MIRROR_SYNC_FAILED, message: 'parser bug' },
    });
    expect(await count(store, 'fonds_vert_project')).toBe(14);
  });

  it('runs one sync of a source at a time: a second one, from another connection, reports "locked"', async () => {
    const other = await mirror.open();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const slow: SourceDefinition<'fonds_vert_project'> = {
      ...fondsVertSource(`${upstream.url}/fondsvert.csv`),
      read: async (context) => {
        started();
        await gate;
        return fondsVertSource(`${upstream.url}/fondsvert.csv`).read({ ...context, cursor: null });
      },
    };
    const first = runSync(store, slow);
    await running;
    const second = await runSync(other, fondsVertSource(`${upstream.url}/fondsvert.csv`));
    expect(second.status).toBe('locked');
    release();
    expect((await first).status).toBe('loaded');
    expect(await count(store, 'sync_lock')).toBe(0);
  });

  it('takes over an expired lease left by a crashed sync, but not a live one', async () => {
    const source = fondsVertSource(`${upstream.url}/fondsvert.csv`);
    const past = new Date(Date.now() - 60_000).toISOString();
    await store.db
      .insertInto('sync_lock')
      .values({ source: 'fonds-vert', holder: 'crashed-host:1', acquired_at: past, expires_at: past })
      .execute();
    expect((await runSync(store, source, { full: true })).status).toBe('loaded');

    const future = new Date(Date.now() + 60_000).toISOString();
    await store.db
      .insertInto('sync_lock')
      .values({ source: 'fonds-vert', holder: 'alive-host:2', acquired_at: past, expires_at: future })
      .execute();
    expect((await runSync(store, source)).status).toBe('locked');
    await store.db.deleteFrom('sync_lock').execute();
  });

  it('summarizes by axis for a batch of territories in ONE query, in the batch order', async () => {
    await runSync(store, fondsVertSource(`${upstream.url}/fondsvert.csv`), { full: true });
    // The axis mapping is not written yet: give the records one here, as it will.
    await store.db
      .updateTable('fonds_vert_project')
      .set({ axis: 'transition-ecologique' })
      .where('axe', '=', '3')
      .execute();
    await store.db
      .updateTable('fonds_vert_project')
      .set({ axis: 'foncier' })
      .where('axe', '=', '2')
      .execute();
    const territories = [
      { key: 'ti-b', communes: ['01053', '01033'] },
      { key: 'ti-empty', communes: ['51108'] },
      { key: 'ti-a', communes: ['01004', '74012', '01053'] },
    ];
    queries = 0;
    const summaries = await summarizeByAxis(store, 'fonds_vert_project', territories);
    expect(queries).toBe(1);
    expect(summaries).toEqual([
      {
        key: 'ti-b',
        count: 4,
        amountCents: 3_240_200 + 4_000_000 + 17_032_055 + 3_061_405,
        byAxis: [
          { axis: 'foncier', count: 2, amountCents: 3_240_200 + 4_000_000 },
          { axis: 'transition-ecologique', count: 2, amountCents: 17_032_055 + 3_061_405 },
        ],
      },
      { key: 'ti-empty', count: 0, amountCents: 0, byAxis: [] },
      {
        key: 'ti-a',
        count: 7,
        amountCents: 4_000_000 + 2_166_700 + 2_382_890 + 8_746_750 + 7_265_400 + 17_032_055 + 3_061_405,
        byAxis: [
          { axis: 'foncier', count: 1, amountCents: 4_000_000 },
          {
            axis: 'transition-ecologique',
            count: 6,
            amountCents: 2_166_700 + 2_382_890 + 8_746_750 + 7_265_400 + 17_032_055 + 3_061_405,
          },
        ],
      },
    ]);
    queries = 0;
    const byCommune = await recordsByCommune(store, 'fonds_vert_project', ['74012', '99999', '01004']);
    expect(queries).toBe(1);
    expect(byCommune.map((rows) => rows.length)).toEqual([3, 0, 1]);
  });

  it('answers a batch of many places (a national picture) as it answers a few, in one query', async () => {
    const asked = ['74012', '99999', '01004'];
    const few = await recordsByCommune(store, 'fonds_vert_project', asked);
    // Past MANY_PLACES, the read takes every located row and keeps the places asked: the same
    // answers, each in key order, for places that repeat or have no record too.
    const filler = Array.from({ length: MANY_PLACES }, (_, i) => `9${String(i).padStart(4, '0')}`);
    queries = 0;
    const many = await recordsByCommune(store, 'fonds_vert_project', [...asked, ...filler, '74012']);
    expect(queries).toBe(1);
    const keys = (rows: { record_key: string }[] | undefined) => rows?.map((r) => r.record_key);
    expect(many.slice(0, 3).map(keys)).toEqual(few.map(keys));
    expect(keys(many.at(-1))).toEqual(keys(few[0]));
    expect(many.slice(3, -1).every((rows) => rows.length === 0)).toBe(true);
    expect(keys(few[0])).toEqual([...keys(few[0])!].sort());
  });

  it('lists the SIRENs left to locate, and a sync locates records from company_location', async () => {
    const sirens = await unlocatedSirens(store);
    // The two Fonds Vert rows with a NULL commune, and the seven France Relance companies.
    expect(sirens).toEqual(expect.arrayContaining(['200078004', '240100750', '842959249', '438810129']));
    await store.db
      .insertInto('company_location')
      .values({
        record_key: '240100750',
        siren: '240100750',
        siret_siege: null,
        nom_complet: 'CA DU PAYS DE GEX',
        commune_code: '01160',
        code_postal: null,
        epci_siren: '240100750',
        department_code: '01',
        region_code: '84',
        latitude: null,
        longitude: null,
        etat_administratif: 'A',
      })
      .execute();
    const result = await runSync(store, fondsVertSource(`${upstream.url}/fondsvert.csv`), { full: true });
    expect(result).toMatchObject({ status: 'loaded', recordCount: 14, unlocatedCount: 1 });
    const [located] = await recordsByCommune(store, 'fonds_vert_project', ['01160']);
    expect(located!.map((r) => [r.numero_dossier_ds, r.code_commune, r.epci_siren])).toEqual([
      ['12143192', null, '240100750'],
    ]);
    expect(await unlocatedSirens(store)).not.toContain('240100750');
  });

  it('answers MIRROR_UNAVAILABLE while the database is away, and recovers when it is back', async () => {
    const outage = await startOutage(mirror);
    try {
      const source = fondsVertSource(`${upstream.url}/fondsvert.csv`);
      expect((await runSync(outage.store, source, { full: true })).status).toBe('loaded');
      await outage.down();
      const failed = await runSync(outage.store, source, { full: true });
      expect(failed.status).toBe('failed');
      expect(failed.error?.code).toBe(ErrorCode.MIRROR_UNAVAILABLE);
      if (engine === 'postgres') {
        const read = await readSyncStates(outage.store).catch((error: unknown) => error);
        expect(read).toBeInstanceOf(CodedError);
        expect((read as CodedError).code).toBe(ErrorCode.MIRROR_UNAVAILABLE);
      }
      await outage.up();
      expect((await runSync(outage.store, source, { full: true })).status).toBe('loaded');
      expect((await readSyncStates(outage.store, ['fonds-vert']))[0]).toMatchObject({
        status: 'loaded',
        record_count: 14,
      });
    } finally {
      await outage.up();
    }
  });
});

interface Outage {
  store: MirrorStore;
  down(): Promise<void>;
  up(): Promise<void>;
}

// SQLite: another connection holds the write lock (a writer stuck elsewhere), so writes time out
// busy. PostgreSQL: the store talks through a TCP relay the test cuts and restores, as a server
// restart or a network cut would.
async function startOutage(mirror: TestMirror): Promise<Outage> {
  if (mirror.engine === 'sqlite') {
    const store = await mirror.open({ busyTimeoutMs: 100 });
    const blocker = new Database(mirror.location);
    return {
      store,
      down: async () => void blocker.exec('begin immediate'),
      up: async () => {
        if (blocker.inTransaction) blocker.exec('rollback');
      },
    };
  }
  const target = new URL(POSTGRES_TEST_URL);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => undefined);
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  const relayUrl = new URL(POSTGRES_TEST_URL);
  relayUrl.port = String(port);
  relayUrl.hostname = '127.0.0.1';
  const store = await mirror.open({ databaseUrl: relayUrl.toString() });
  return {
    store,
    down: async () => {
      const closing = server;
      server = null;
      for (const s of sockets) s.destroy();
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    up: async () => {
      if (!server) await listen();
    },
  };
}
