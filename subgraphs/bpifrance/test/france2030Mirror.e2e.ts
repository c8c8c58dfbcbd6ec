// The illustrative France 2030 laureates as a mirrored source, the SAME suite on the embedded
// SQLite and on PostgreSQL: synced end to end from the economie simulator's Opendatasoft
// `exports` endpoint, a re-sync that asks only what changed and reads nothing, malformed rows
// rejected with their reason, and the bpifrance subgraph answering a territory's France 2030 aids
// from the mirror with ZERO requests to the simulator. Expected figures come from the simulator's
// records, not from the mirror the code reads.
import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../kit/src/listen.js';
import {
  france2030Source,
  readRejects,
  readSyncStates,
  recordsBySiren,
  runSync,
  type MirrorStore,
} from '../../../kit/src/mirror/index.js';
import { enginesToTest, testMirror, type TestMirror } from '../../../kit/test/mirror/mirrorEngines.js';
import { createBpifranceSimulator } from '../../../sim/bpifrance/bpifranceSimulator.js';
import { readBpifranceSimulatorConfig } from '../../../sim/bpifrance/config.js';
import {
  buildFrance2030Records,
  FRANCE_2030_DATASET_ID,
  LAUREATE_FIELDS,
} from '../../../sim/bpifrance/records.js';
import { listenSimulator, type Simulator } from '../../../sim/kit/simulator.js';
import { loadWorld } from '../../../sim/world.js';
import { BpifranceMirror } from '../src/bpifranceMirror.js';
import type { BpifranceContext } from '../src/context.js';
import { createBpifranceContext, createBpifranceServer } from '../src/server.js';

const world = loadWorld();
const laureates = buildFrance2030Records(world).records;
const newest = laureates
  .map((l) => String(l.mise_a_jour))
  .sort()
  .at(-1)!;
// The territory with the most laureates, so the figures below are not zeros.
const territory = [...world.territories].sort(
  (a, b) =>
    laureates.filter((l) => b.communeCodes.includes(String(l.code_commune))).length -
    laureates.filter((l) => a.communeCodes.includes(String(l.code_commune))).length,
)[0]!;
const inTerritory = laureates.filter((l) => territory.communeCodes.includes(String(l.code_commune)));

// A fetch that records every URL asked and can add lines to an export's CSV body.
function recordingFetch(asked: string[], extraLines: string[] = []): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    asked.push(url);
    const response = await fetch(input, init);
    if (extraLines.length === 0 || !url.includes('/exports/csv')) return response;
    const body = `${await response.text()}${extraLines.join('\n')}\n`;
    return new Response(body, { status: response.status, headers: response.headers });
  };
}

// One CSV line in the export's column order, from a laureate with some values replaced.
function csvLine(values: Record<string, unknown>): string {
  return LAUREATE_FIELDS.map((f) => {
    const v = values[f.name];
    return v === null || v === undefined ? '' : String(v);
  }).join(';');
}

const TERRITORY = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Territory {
      bpifrance {
        summary { count amount }
        byProgramme { programme count amount }
        france2030Source { dataset retrievedAt illustrative }
        aids(first: 100) { totalCount nodes { id programme amount investment year communeCode departmentCode source { dataset retrievedAt illustrative } } }
      }
    }
  }
}`;

interface Block {
  summary: { count: number; amount: number };
  byProgramme: { programme: string; count: number; amount: number | null }[];
  france2030Source: { dataset: string; retrievedAt: string | null; illustrative: boolean } | null;
  aids: {
    totalCount: number;
    nodes: {
      id: string;
      programme: string;
      amount: number | null;
      investment: number | null;
      year: number | null;
      communeCode: string | null;
      departmentCode: string | null;
      source: { dataset: string; retrievedAt: string | null; illustrative: boolean };
    }[];
  };
}

const engines = await enginesToTest();

describe.each(engines)('France 2030 laureates mirrored on %s', (engine) => {
  let mirror: TestMirror;
  let store: MirrorStore;
  let economie: Simulator;
  let portal: RunningServer;
  let server: ApolloServer<BpifranceContext>;

  beforeAll(async () => {
    mirror = testMirror(engine, 'france2030');
    store = await mirror.open();
    economie = createBpifranceSimulator(readBpifranceSimulatorConfig({}));
    economie.setFaults({ rateLimitPerSecond: 0 });
    portal = await listenSimulator(economie, 0);
    server = createBpifranceServer();
    await server.start();
  });

  afterAll(async () => {
    await server?.stop();
    await portal?.close();
    await mirror?.cleanup();
  });

  async function ask(bpifrance: BpifranceMirror): Promise<Block> {
    const response = await server.executeOperation(
      {
        query: TERRITORY,
        variables: {
          reps: [{ __typename: 'Territory', id: territory.id, communeCodes: territory.communeCodes }],
        },
      },
      { contextValue: createBpifranceContext({ mirror: bpifrance }) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const result = response.body.singleResult;
    expect(result.errors).toBeUndefined();
    return (result.data!._entities as { bpifrance: Block }[])[0]!.bpifrance;
  }

  const source = () => france2030Source(portal.url, FRANCE_2030_DATASET_ID);

  it('syncs every laureate through ONE call to the exports endpoint, amounts in cents', async () => {
    economie.reset();
    const asked: string[] = [];
    const result = await runSync(store, source(), { fetch: recordingFetch(asked) });
    expect(result).toMatchObject({
      status: 'loaded',
      mode: 'full',
      read: laureates.length,
      rejected: 0,
      recordCount: laureates.length,
      unlocatedCount: 0,
    });
    expect(economie.stats().calls).toEqual({ exports: 1 });
    expect(new URL(asked[0]!).pathname).toBe(
      `/api/explore/v2.1/catalog/datasets/${FRANCE_2030_DATASET_ID}/exports/csv`,
    );
    const laureate = laureates[0]!;
    const [rows] = await recordsBySiren(store, 'france_2030_laureate', [String(laureate.siren)]);
    expect(rows).toHaveLength(1);
    expect(rows![0]).toMatchObject({
      record_key: laureate.identifiant,
      siret: laureate.siret,
      mesure: laureate.mesure,
      commune_code: laureate.code_commune,
      department_code: laureate.code_departement,
      annee: laureate.annee,
      mise_a_jour: laureate.mise_a_jour,
    });
    expect(Number(rows![0]!.montant_aide_cents)).toBe(Math.round(Number(laureate.montant_aide) * 100));
    const [state] = await readSyncStates(store, ['france-2030']);
    expect(JSON.parse(state!.cursor!)).toMatchObject({ modifiedSince: newest });
  });

  it('re-syncs by asking only the laureates updated since, and reads nothing when none is', async () => {
    const asked: string[] = [];
    const again = await runSync(store, source(), { fetch: recordingFetch(asked) });
    expect(again).toMatchObject({
      status: 'unchanged',
      mode: 'changes',
      read: 0,
      recordCount: laureates.length,
    });
    expect(new URL(asked[0]!).searchParams.get('where')).toBe(`mise_a_jour > date'${newest}'`);
    expect((await readSyncStates(store, ['france-2030']))[0]).toMatchObject({
      status: 'unchanged',
      record_count: laureates.length,
    });
  });

  it('rejects malformed rows with their reason and loads every other one', async () => {
    const base = laureates[0]!;
    const extra = [
      csvLine({ ...base, identifiant: 'ILLUSTRATIF-F2030-BAD-1', siren: '12345' }),
      csvLine({ ...base, identifiant: 'ILLUSTRATIF-F2030-BAD-2', code_commune: 'ABCDE' }),
    ];
    const result = await runSync(store, source(), { full: true, fetch: recordingFetch([], extra) });
    expect(result).toMatchObject({
      status: 'loaded',
      mode: 'full',
      read: laureates.length + 2,
      rejected: 2,
      recordCount: laureates.length,
    });
    const rejects = await readRejects(store, 'france-2030');
    expect(rejects.map((r) => r.reason).sort()).toEqual(['INVALID_COMMUNE', 'INVALID_COMPANY_ID']);
    expect(rejects.find((r) => r.reason === 'INVALID_COMPANY_ID')!.detail).toContain('"12345"');
    expect(rejects.find((r) => r.reason === 'INVALID_COMMUNE')!.excerpt).toContain('ILLUSTRATIF-F2030-BAD-2');
    expect((await readSyncStates(store, ['france-2030']))[0]).toMatchObject({ rejected_count: 2 });
  });

  it("answers a territory's France 2030 aids from the mirror with ZERO requests to the simulator", async () => {
    const bpifrance = new BpifranceMirror({
      store,
      baseUrl: portal.url,
      datasetId: 'plan-de-relance',
      france2030DatasetId: FRANCE_2030_DATASET_ID,
    });
    const before = economie.stats().total;
    const block = await ask(bpifrance);
    expect(economie.stats().total).toBe(before);

    expect(inTerritory.length).toBeGreaterThan(0);
    const laureateAids = block.aids.nodes.filter((a) => a.id.startsWith('france-2030:'));
    expect(laureateAids.map((a) => a.id).sort()).toEqual(
      inTerritory.map((l) => `france-2030:${String(l.identifiant)}`).sort(),
    );
    expect(block.summary.amount).toBeCloseTo(
      inTerritory.reduce((n, l) => n + Number(l.montant_aide), 0),
      2,
    );
    const rebond = inTerritory.filter((l) => l.mesure === 'AMI Rebond industriel');
    expect(block.byProgramme.find((p) => p.programme === 'REBOND_INDUSTRIEL')?.count).toBe(rebond.length);
    // Generated rows stay illustrative; retrievedAt is the sync's time, not the query's.
    const [state] = await readSyncStates(store, ['france-2030']);
    const expectedSource = {
      dataset: FRANCE_2030_DATASET_ID,
      retrievedAt: new Date(state!.last_success_at!).toISOString(),
      illustrative: true,
    };
    expect(block.france2030Source).toEqual(expectedSource);
    for (const aid of laureateAids) {
      expect(aid.source).toEqual(expectedSource);
      expect(territory.communeCodes).toContain(aid.communeCode);
      const published = inTerritory.find((l) => aid.id === `france-2030:${String(l.identifiant)}`)!;
      expect(aid).toMatchObject({
        amount: Number(published.montant_aide),
        investment: Number(published.montant_investissement),
        year: published.annee,
        departmentCode: published.code_departement,
      });
    }
  });

  it('reads and shows no France 2030 laureate when no dataset is configured (the real portal)', async () => {
    const real = new BpifranceMirror({
      store,
      baseUrl: 'https://data.economie.gouv.fr',
      datasetId: 'plan-de-relance',
    });
    expect(real.france2030Source).toBeUndefined();
    const block = await ask(real);
    expect(block.france2030Source).toBeNull();
    expect(block.aids.nodes.filter((a) => a.id.startsWith('france-2030:'))).toEqual([]);
  });
});
