// A lease per source in the sync_lock table: whoever holds an unexpired lease syncs that source.
// It lives in the database, so it works across processes and on both engines; a holder that
// crashes stops renewing and its lease expires, so the next sync takes it over.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { MirrorStore } from './openMirror.js';

/** A name for this process's syncs, unique enough to tell holders apart. */
export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Takes the lease on `source` for `ttlMs` if it is free or expired; true when `holder` has it. */
export async function acquireLease(
  store: MirrorStore,
  source: string,
  holder: string,
  ttlMs: number,
  now = new Date(),
): Promise<boolean> {
  const acquiredAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  // One statement: insert, or take over only an expired lease. Both engines run it atomically.
  await store.db
    .insertInto('sync_lock')
    .values({ source, holder, acquired_at: acquiredAt, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column('source')
        .doUpdateSet({ holder, acquired_at: acquiredAt, expires_at: expiresAt })
        .where('sync_lock.expires_at', '<', acquiredAt),
    )
    .execute();
  const row = await store.db
    .selectFrom('sync_lock')
    .select('holder')
    .where('source', '=', source)
    .executeTakeFirst();
  return row?.holder === holder;
}

/** Extends a held lease; false when it was lost (expired and taken over). */
export async function renewLease(
  store: MirrorStore,
  source: string,
  holder: string,
  ttlMs: number,
  now = new Date(),
): Promise<boolean> {
  const result = await store.db
    .updateTable('sync_lock')
    .set({ expires_at: new Date(now.getTime() + ttlMs).toISOString() })
    .where('source', '=', source)
    .where('holder', '=', holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives a lease back (no-op when `holder` no longer has it). */
export async function releaseLease(store: MirrorStore, source: string, holder: string): Promise<void> {
  await store.db.deleteFrom('sync_lock').where('source', '=', source).where('holder', '=', holder).execute();
}
