// `npm run sync -- --schedule`, the mirror's scheduler on its own (docker-compose's `mirror-sync`
// service): a real process that syncs, at start, every source whose upstream URL is set — here the
// Caisse des Dépôts subsidies from their simulator — and stops cleanly on SIGTERM; its arguments
// refuse what it cannot honour.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../kit/src/listen.js';
import { openMirror, readSyncStates } from '../../kit/src/mirror/index.js';
import { createBanqueDesTerritoiresSimulator } from '../../sim/banque-des-territoires/banqueDesTerritoiresSimulator.js';
import { readBanqueDesTerritoiresSimulatorConfig } from '../../sim/banque-des-territoires/config.js';
import { listenSimulator } from '../../sim/kit/simulator.js';
import { spawnEntry } from '../../test/helpers/process.js';
import { parseSyncArgs } from '../sync.js';

describe('npm run sync -- --schedule', () => {
  let portal: RunningServer;
  let dir: string;

  beforeAll(async () => {
    portal = await listenSimulator(
      createBanqueDesTerritoiresSimulator(readBanqueDesTerritoiresSimulatorConfig({})),
      0,
    );
    dir = mkdtempSync(join(tmpdir(), 'sync-schedule-'));
  });
  afterAll(async () => {
    await portal?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('syncs the configured sources at start, skips the others, and stops on SIGTERM', async () => {
    const file = join(dir, 'mirror.sqlite');
    // Only the Caisse des Dépôts portal is set: no other upstream may be reached.
    const env: Record<string, string> = { MIRROR_FILE: file, CAISSE_DES_DEPOTS_API_URL: portal.url };
    for (const name of Object.keys(process.env)) if (/_API_URL$|^DATABASE_URL$/.test(name)) env[name] = '';
    env.CAISSE_DES_DEPOTS_API_URL = portal.url;
    const child = spawnEntry('scripts/sync.ts', ['--schedule'], env);
    try {
      await child.waitFor(/mirror sync scheduler started/);
      expect(child.output()).toContain('"skipped":[');
      await child.waitFor(/mirror sync of cdc-subsidies: loaded/, 60_000);
      child.process.kill('SIGTERM');
      expect(await child.exited).toEqual({ code: 0, signal: null });
    } finally {
      child.process.kill('SIGKILL');
    }
    const store = await openMirror({ file });
    try {
      const states = await readSyncStates(store);
      expect(states.map((s) => [s.source, s.status])).toEqual([['cdc-subsidies', 'loaded']]);
      expect(states[0]!.record_count).toBeGreaterThan(1_000);
    } finally {
      await store.close();
    }
  });

  it('takes no source name nor --full with --schedule, and says how it is used', () => {
    expect(parseSyncArgs(['--schedule'])).toEqual({ sources: [], full: false, schedule: true });
    expect(() => parseSyncArgs(['--schedule', 'bmo'])).toThrow(/--schedule keeps every configured source/);
    expect(() => parseSyncArgs(['--schedule', '--full'])).toThrow(/Usage: npm run sync/);
    expect(() => parseSyncArgs(['--watch'])).toThrow(/Unknown option --watch/);
  });
});
