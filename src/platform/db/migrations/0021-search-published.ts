import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Search at a province's scale (issue 13): on PostgreSQL a query of very common words reads its newest hits
 * backwards along this index instead of scoring every hit (src/platform/search/postgres.ts). SQLite streams
 * FTS5 hits in rowid order and needs no index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`create index if not exists search_docs_published on search_docs (published_at desc, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`drop index if exists search_docs_published`.execute(db);
}
