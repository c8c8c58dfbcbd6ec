// First migration: the bookkeeping every sync writes (freshness, rejects, the lease lock).
import type { Kysely } from 'kysely';

/** Creates sync_state, sync_reject and sync_lock. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_state')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('last_sync_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('record_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unlocated_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cursor', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('never'))
    .addColumn('last_error', 'text')
    .execute();

  await db.schema
    .createTable('sync_reject')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sync_reject_source_reason')
    .on('sync_reject')
    .columns(['source', 'reason'])
    .execute();

  await db.schema
    .createTable('sync_lock')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sync_lock', 'sync_reject', 'sync_state']) await db.schema.dropTable(table).execute();
}
