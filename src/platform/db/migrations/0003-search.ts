import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * The full-text index (src/platform/search). SQLite: search_docs with an integer rid (stable across VACUUM)
 * and an FTS5 table keyed by it, whose `meta` column holds filter tokens (agency, kind, column, year) so that
 * filters are part of the MATCH instead of a join over every hit. PostgreSQL: a tsvector column on search_docs with a GIN index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  let t = db.schema.createTable('search_docs');
  if (!pg) t = t.addColumn('rid', 'integer', (c) => c.primaryKey());
  t = t
    .addColumn('id', 'text', (c) => (pg ? c.primaryKey() : c.notNull().unique()))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('column_code', 'text')
    .addColumn('doc_number', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
  if (pg) t = t.addColumn('tsv', sql`tsvector`, (c) => c.notNull());
  await t.execute();
  await db.schema.createIndex('search_docs_agency').on('search_docs').columns(['agency_id', 'published_at']).execute();
  if (pg) {
    await sql`create index search_docs_tsv on search_docs using gin (tsv)`.execute(db);
  } else {
    await sql`create virtual table search_fts using fts5(title, body, meta, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
    // Titles alone: "does the title match?" then reads short doclists instead of every body occurrence.
    await sql`create virtual table search_title_fts using fts5(title, meta, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    await sql`drop table if exists search_title_fts`.execute(db);
    await sql`drop table if exists search_fts`.execute(db);
  }
  await db.schema.dropTable('search_docs').execute();
}
