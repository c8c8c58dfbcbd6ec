// The background scheduler on both engines: a first sync of the sources never synced, nothing
// when all are fresh, runs on the interval, one run at a time, and a stop that waits for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMirrorSettings } from '../../src/mirror/mirrorSettings.js';
import { parseCdcSubsidy } from '../../src/mirror/parsers/parseCdcSubsidy.js';
import { readSyncStates } from '../../src/mirror/queries.js';
import { openMirrorFromSettings, type MirrorHandle } from '../../src/mirror/sharedMirror.js';
import type { SourceDefinition } from '../../src/mirror/sourceDefinition.js';
import { SyncScheduler } from '../../src/mirror/syncService.js';
import { enginesToTest, POSTGRES_TEST_URL, testMirror, type TestMirror } from './mirrorEngines.js';

// A source whose reader counts its reads and yields a few SCDL rows (the recorded fields).
function countingSource(name: string, delayMs = 0): SourceDefinition<'cdc_subsidy'> & { reads: number } {
  const source = {
    name,
    table: 'cdc_subsidy' as const,
    reads: 0,
    parse: parseCdcSubsidy,
    read: async () => {
      source.reads++;
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return {
        mode: 'full' as const,
        cursor: () => ({}),
        rows: (async function* () {
          for (let i = 1; i <= 3; i++) {
            yield {
              ref: `record ${i}`,
              raw: {
                nomattribuant: 'Caisse des dépôts et Consignations',
                dateconvention: '2018-05',
                idbeneficiaire: '10000000000001',
                nombeneficiaire: `NOM_BENEFICIAIRE ${name} ${i}`,
                montant: 40000.0 * i,
                conditionsversement: 'ECHELONNE',
                notificationue: 'Non',
              },
            };
          }
        })(),
      };
    },
  };
  return source;
}

const engines = await enginesToTest();

describe.each(engines)('SyncScheduler on %s', (engine) => {
  let mirror: TestMirror;
  let handle: MirrorHandle;

  beforeAll(() => {
    mirror = testMirror(engine, 'scheduler');
    handle = openMirrorFromSettings(
      readMirrorSettings(
        engine === 'sqlite'
          ? { MIRROR_FILE: mirror.location }
          : { DATABASE_URL: POSTGRES_TEST_URL, MIRROR_SCHEMA: mirror.location },
      ),
    );
  });
  afterAll(async () => {
    await handle?.release();
    await mirror?.cleanup();
  });

  it('syncs on first start what was never synced, then nothing while every source is fresh', async () => {
    const source = countingSource('first');
    const scheduler = new SyncScheduler({
      mirror: handle,
      sources: [source],
      intervalMs: 0,
      syncOnStart: true,
    });
    scheduler.start();
    expect((await scheduler.firstSync).map((r) => [r.source, r.status, r.recordCount])).toEqual([
      ['first', 'loaded', 3],
    ]);
    expect(await scheduler.runDue()).toEqual([]);
    expect(source.reads).toBe(1);
    await scheduler.stop();
  });

  it('syncs again on the interval, one run at a time', async () => {
    const source = countingSource('interval', 150);
    const scheduler = new SyncScheduler({
      mirror: handle,
      sources: [source],
      intervalMs: 400,
      syncOnStart: true,
    });
    scheduler.start();
    await scheduler.firstSync;
    // A run asked while another is in progress joins it rather than starting a second one.
    const a = scheduler.runNow();
    const b = scheduler.runNow();
    expect(b).toBe(a);
    await a;
    const reads = source.reads;
    expect(reads).toBe(2);
    await expect.poll(() => source.reads, { timeout: 5_000, interval: 50 }).toBeGreaterThan(reads);
    await scheduler.stop();
    const [state] = await readSyncStates(await handle.store(), ['interval']);
    expect(state).toMatchObject({ record_count: 3 });
  });

  it('does nothing at start when SYNC_ON_START is off', async () => {
    const source = countingSource('off');
    const scheduler = new SyncScheduler({
      mirror: handle,
      sources: [source],
      intervalMs: 0,
      syncOnStart: false,
    });
    scheduler.start();
    expect(await scheduler.firstSync).toEqual([]);
    await scheduler.stop();
    expect(source.reads).toBe(0);
  });
});
