import type { Kysely } from 'kysely';

/**
 * Serving from several processes (WEB_CONCURRENCY) or machines: state that must be shared lives in the
 * database. `cache_generations` counts changes of public data (a process drops its page and data caches when
 * the count moves); `rate_limits` holds the request counters of @fastify/rate-limit (one row per route and
 * client, reset at the end of its window).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cache_generations')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('cache_generations').values({ name: 'public', value: 1 }).execute();
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    /** Epoch milliseconds when the window ends. */
    .addColumn('reset_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_reset').on('rate_limits').column('reset_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
  await db.schema.dropTable('cache_generations').execute();
}
