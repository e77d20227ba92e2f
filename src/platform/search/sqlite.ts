import { sql } from 'kysely';
import type { DbOrTx } from '../db/index.js';
import type { RawHit, SearchDialect, SearchQuery } from './search.js';

/**
 * SQLite: an FTS5 table (title, body) whose rowid is search_docs.rid. Tokens are stored space-separated,
 * so FTS5's unicode61 tokenizer sees exactly jieba's words; a query is an AND of quoted tokens.
 */

const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;

export function ftsExpression(tokens: string[]): string {
  return tokens.map(quote).join(' AND ');
}

function filters(q: SearchQuery) {
  const parts = [sql`1 = 1`];
  if (q.agencyIds) parts.push(sql`d.agency_id in (${sql.join(q.agencyIds)})`);
  if (q.kind) parts.push(sql`d.kind = ${q.kind}`);
  if (q.columnCode) parts.push(sql`d.column_code = ${q.columnCode}`);
  if (q.year) parts.push(sql`d.published_at >= ${`${q.year}-01-01`} and d.published_at < ${`${q.year + 1}-01-01`}`);
  return sql.join(parts, sql` and `);
}

export const sqliteSearch: SearchDialect = {
  async upsert(db, { doc, titleTokens, bodyTokens }) {
    await sqliteSearch.remove(db, doc.id);
    const now = new Date().toISOString();
    await sql`insert into search_docs (id, agency_id, kind, url, title, body, column_code, doc_number, published_at, updated_at)
      values (${doc.id}, ${doc.agencyId}, ${doc.kind}, ${doc.url}, ${doc.title}, ${doc.body}, ${doc.columnCode ?? null}, ${doc.docNumber ?? null}, ${doc.publishedAt}, ${now})`.execute(db);
    await sql`insert into search_fts (rowid, title, body) select rid, ${titleTokens.join(' ')}, ${bodyTokens.join(' ')} from search_docs where id = ${doc.id}`.execute(db);
  },

  async remove(db: DbOrTx, id: string) {
    await sql`delete from search_fts where rowid in (select rid from search_docs where id = ${id})`.execute(db);
    await sql`delete from search_docs where id = ${id}`.execute(db);
  },

  async query(db, tokens, q) {
    const expr = ftsExpression(tokens);
    const titleExpr = `title : (${expr})`;
    const where = filters(q);
    const count = await sql<{ n: number }>`select count(*) as n from search_fts f join search_docs d on d.rid = f.rowid
      where search_fts match ${expr} and ${where}`.execute(db);
    const rows = await sql<RawHit>`select d.id, d.agency_id, d.kind, d.url, d.title, d.body, d.column_code, d.doc_number, d.published_at,
        (f.rowid in (select rowid from search_fts where search_fts match ${titleExpr})) as title_match
      from search_fts f join search_docs d on d.rid = f.rowid
      where search_fts match ${expr} and ${where}
      order by title_match desc, bm25(search_fts, 10.0, 1.0), d.published_at desc
      limit ${q.limit} offset ${q.offset}`.execute(db);
    return { total: Number(count.rows[0]?.n ?? 0), rows: rows.rows };
  },
};
