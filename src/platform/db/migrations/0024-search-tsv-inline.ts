import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Search ranking on long documents, PostgreSQL (issue 13). A long document's tsvector (6–7 KB compressed for
 * 8,000 characters) is moved out of line into the TOAST table by default, and every function that reads it —
 * ts_rank, a title check — fetches its chunks back through the TOAST index: ~5 µs a hit, 13 ms for 2,500 hits,
 * once per function. Stored MAIN, the compressed vector stays in the row where it fits (a row keeps up to one
 * page) and reading it is decompression only: ranking the same 2,500 hits fell from 11 ms to 3 ms. The body stays
 * EXTENDED, so it leaves the row first. Rows written before this migration keep their layout until they are
 * written again (a re-release, or the rebuild of the search index, `POST /api/publishing/reindex`); nothing else
 * changes. SQLite has its own tables.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`alter table search_docs alter column tsv set storage main`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`alter table search_docs alter column tsv set storage extended`.execute(db);
}
