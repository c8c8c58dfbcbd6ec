// The mirror's one settings reader: where the store lives and when it syncs.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/env.js';
import { DEFAULT_MIRROR_FILE } from '../../src/mirror/openMirror.js';
import {
  describeMirrorLocation,
  parseDuration,
  readMirrorSettings,
} from '../../src/mirror/mirrorSettings.js';

describe('readMirrorSettings', () => {
  it('uses the embedded file by default, synced daily and on first start', () => {
    expect(readMirrorSettings({})).toEqual({
      file: DEFAULT_MIRROR_FILE,
      syncIntervalMs: 86_400_000,
      syncOnStart: true,
    });
  });

  it('lets DATABASE_URL win over MIRROR_FILE, and never prints its password', () => {
    const settings = readMirrorSettings({
      DATABASE_URL: 'postgres://app:s3cret@db:5432/mirror',
      MIRROR_FILE: '/tmp/x.sqlite',
      MIRROR_SCHEMA: 'mirror',
    });
    expect(settings.databaseUrl).toBe('postgres://app:s3cret@db:5432/mirror');
    expect(describeMirrorLocation(settings)).toBe(
      'PostgreSQL postgres://app:***@db:5432/mirror (schema mirror)',
    );
    expect(describeMirrorLocation(readMirrorSettings({ MIRROR_FILE: '/tmp/x.sqlite' }))).toBe(
      'SQLite file /tmp/x.sqlite',
    );
  });

  it('reads SYNC_INTERVAL as a duration, 0 meaning never, and SYNC_ON_START as a boolean', () => {
    expect(readMirrorSettings({ SYNC_INTERVAL: '30m', SYNC_ON_START: 'false' })).toMatchObject({
      syncIntervalMs: 1_800_000,
      syncOnStart: false,
    });
    expect(readMirrorSettings({ SYNC_INTERVAL: '0' }).syncIntervalMs).toBe(0);
    expect([parseDuration('45s'), parseDuration('500ms'), parseDuration('2d')]).toEqual([
      45_000, 500, 172_800_000,
    ]);
  });

  it.each([
    [{ SYNC_INTERVAL: '24' }, /SYNC_INTERVAL must be a duration such as 24h.*got "24"/],
    [{ SYNC_INTERVAL: 'daily' }, /got "daily"/],
    [
      { DATABASE_URL: 'mysql://u:pw@h/db' },
      /DATABASE_URL must be a postgres:\/\/.*got "mysql:\/\/u:\*\*\*@h\/db"/,
    ],
    [{ MIRROR_SCHEMA: 'Bad-Name' }, /MIRROR_SCHEMA must be a lower-case SQL identifier/],
    [{ SYNC_ON_START: 'maybe' }, /SYNC_ON_START must be true or false/],
  ])('refuses %o with a message saying what to fix', (env, message) => {
    expect(() => readMirrorSettings(env)).toThrow(ConfigError);
    expect(() => readMirrorSettings(env)).toThrow(message);
  });
});
