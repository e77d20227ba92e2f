import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Search ranking on long documents (issue 13): SQLite's ranked path (src/platform/search/sqlite.ts) breaks bm25 ties
 * by publication date. Read from the table, `published_at` sits after `body` in the row, so for a long body SQLite
 * walks the body's overflow pages for every hit just to reach the date (40,000 documents of 8,000 characters, a
 * word in 2,500 of them: 35 ms a query). This index holds the date beside the rid, so ranking reads the index
 * alone (4 ms). PostgreSQL ranks from its own indexes and needs none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`create index if not exists search_docs_rank on search_docs (rid, published_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`drop index if exists search_docs_rank`.execute(db);
}
