import { sql } from 'kysely';
import type { DbOrTx } from '../db/index.js';
import { runRead } from '../db/compiled.js';
import type { RawHit, SearchDialect, SearchQuery } from './search.js';
import { beijingDate } from '../time.js';

/**
 * SQLite: an FTS5 table (title, body, meta) whose rowid is search_docs.rid, and a titles-only twin (title, meta)
 * that answers "is it a title match?" from short doclists. Tokens are stored space-separated,
 * so FTS5's unicode61 tokenizer sees exactly jieba's words; a query is an AND of quoted tokens. Filters are
 * tokens of the `meta` column (agency, kind, column, year), so they narrow the MATCH itself.
 *
 * Ranking: title matches first. When a query matches few documents (≤ fullRankLimit) each group is ordered
 * by bm25 (title weighted 10:1) over its words that are not very common, then newest first (rankedPage); for very common words, scoring every hit would be slow on a large corpus, so
 * each group is ordered newest first (rowid order, which FTS5 streams without sorting) — what readers of a
 * government column expect for a query like 信访 anyway.
 */

/**
 * fullRankLimit: up to this many hits, score them all with bm25. countCap: totals above it are reported as
 * "more than" (counting every hit of a very common word is wasted work). Tests lower both.
 */
export const SQLITE_SEARCH_TUNING = { fullRankLimit: 3000, countCap: 10_000 };
const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
const metaToken = (prefix: string, v: string) => `${prefix}${v.toLowerCase().replace(/[^a-z0-9]/g, '')}`;

export function ftsExpression(tokens: string[]): string {
  return tokens.map(quote).join(' AND ');
}

export function metaTokens(d: { agencyId: string; kind: string; columnCode?: string | null; publishedAt: string }): string {
  return [metaToken('ag', d.agencyId), metaToken('k', d.kind), d.columnCode ? metaToken('c', d.columnCode) : '', `y${beijingDate(d.publishedAt).slice(0, 4)}`]
    .filter(Boolean)
    .join(' ');
}

function filterExpression(q: SearchQuery): string | null {
  const parts: string[] = [];
  if (q.agencyIds) parts.push(`meta : (${q.agencyIds.map((a) => quote(metaToken('ag', a))).join(' OR ')})`);
  if (q.kind) parts.push(`meta : ${quote(metaToken('k', q.kind))}`);
  if (q.columnCode) parts.push(`meta : ${quote(metaToken('c', q.columnCode))}`);
  if (q.year) parts.push(`meta : ${quote(`y${q.year}`)}`);
  return parts.length ? parts.join(' AND ') : null;
}

/** Matches of an FTS expression, counting at most `cap` (FTS5 stops scanning there). */
async function count(db: DbOrTx, match: string, cap: number, table: 'search_fts' | 'search_title_fts' = 'search_fts'): Promise<number> {
  const r = await runRead(
    db,
    sql<{ n: number }>`select count(*) as n from (select rowid from ${sql.table(table)} where ${sql.table(table)} match ${match} limit ${cap})`.compile(db),
  );
  return Number(r[0]?.n ?? 0);
}

async function rowsByRid(db: DbOrTx, rids: number[], titleRids: Set<number>): Promise<RawHit[]> {
  if (!rids.length) return [];
  const r = await sql<RawHit & { rid: number }>`select rid, id, agency_id, kind, url, title, body, column_code, doc_number, published_at, 0 as title_match
    from search_docs where rid in (${sql.join(rids)})`.execute(db);
  const byRid = new Map(r.rows.map((x) => [Number(x.rid), x]));
  return rids
    .map((rid) => byRid.get(rid))
    .filter((x): x is RawHit & { rid: number } => !!x)
    .map(({ rid, ...x }) => ({ ...x, title_match: titleRids.has(rid) ? 1 : 0 }));
}

/**
 * The page of a query with few hits (≤ fullRankLimit), ranked: title matches first, then bm25, then newest first.
 * bm25 first scans the whole doclist of every phrase it scores to weigh it (IDF): for a very common word (信访, in
 * half of a province's documents) that alone is ~90 ms, even when the query has only a few thousand hits. So only
 * the words that are not very common (≤ countCap documents; their weight is what orders the hits anyway) and none
 * of the filters are scored, over the hits of the whole query; when every word is very common the caller orders
 * the hits newest first as for a very common word alone (returns null).
 *
 * Two stages in one statement: the hits are ranked from the FTS tables and the (rid, published_at) index alone,
 * then the page's rows are read. Joined to the table itself, each hit's date sits behind its body in the row
 * (migration 0023), and a long body's overflow pages would be read for every hit.
 */
async function rankedPage(
  db: DbOrTx,
  tokens: string[],
  expr: string,
  all: string,
  inTitle: string,
  filtered: boolean,
  q: { limit: number; offset: number },
): Promise<RawHit[] | null> {
  let scored = tokens;
  if (tokens.length > 1) {
    // Every word's count (up to the cap) in one statement.
    const cap = SQLITE_SEARCH_TUNING.countCap;
    const cols = tokens.map(
      (t, i) => sql`(select count(*) from (select rowid from search_fts where search_fts match ${quote(t)} limit ${cap + 1})) as ${sql.ref(`n${i}`)}`,
    );
    const [row] = await runRead(db, sql<Record<string, number>>`select ${sql.join(cols)}`.compile(db));
    scored = tokens.filter((_, i) => Number(row?.[`n${i}`] ?? 0) <= cap);
    if (!scored.length) return null;
  }
  const narrowed = filtered || scored.length < tokens.length;
  const score = narrowed ? ftsExpression(scored) : expr;
  // `+f.rowid`: test membership row by row; as an FTS5 rowid constraint it would restart the query for each hit.
  const inHits = narrowed ? sql`and +f.rowid in (select rowid from search_fts where search_fts match ${all})` : sql``;
  return runRead(
    db,
    sql<RawHit>`with ranked as (
      select f.rowid as rid, (f.rowid in (select rowid from search_title_fts where search_title_fts match ${inTitle})) as title_match,
        bm25(search_fts, 10.0, 1.0, 0.0) as score, r.published_at as published_at
      from search_fts f join search_docs r indexed by search_docs_rank on r.rid = f.rowid
      where search_fts match ${score} ${inHits}
      order by title_match desc, score, published_at desc
      limit ${q.limit} offset ${q.offset})
    select d.id, d.agency_id, d.kind, d.url, d.title, d.body, d.column_code, d.doc_number, d.published_at, ranked.title_match
    from ranked cross join search_docs d on d.rid = ranked.rid
    order by ranked.title_match desc, ranked.score, ranked.published_at desc`.compile(db),
  );
}

export const sqliteSearch: SearchDialect = {
  async upsert(db, { doc, titleTokens, bodyTokens }) {
    await sqliteSearch.remove(db, doc.id);
    const now = new Date().toISOString();
    await sql`insert into search_docs (id, agency_id, kind, url, title, body, column_code, doc_number, published_at, updated_at)
      values (${doc.id}, ${doc.agencyId}, ${doc.kind}, ${doc.url}, ${doc.title}, ${doc.body}, ${doc.columnCode ?? null}, ${doc.docNumber ?? null}, ${doc.publishedAt}, ${now})`.execute(
      db,
    );
    await sql`insert into search_fts (rowid, title, body, meta) select rid, ${titleTokens.join(' ')}, ${bodyTokens.join(' ')}, ${metaTokens(doc)} from search_docs where id = ${doc.id}`.execute(
      db,
    );
    await sql`insert into search_title_fts (rowid, title, meta) select rid, ${titleTokens.join(' ')}, ${metaTokens(doc)} from search_docs where id = ${doc.id}`.execute(
      db,
    );
  },

  async remove(db: DbOrTx, id: string) {
    await sql`delete from search_fts where rowid in (select rid from search_docs where id = ${id})`.execute(db);
    await sql`delete from search_title_fts where rowid in (select rid from search_docs where id = ${id})`.execute(db);
    await sql`delete from search_docs where id = ${id}`.execute(db);
  },

  async query(db, tokens, q) {
    const expr = ftsExpression(tokens);
    const filter = filterExpression(q);
    const all = filter ? `(${expr}) AND ${filter}` : expr;
    const inTitle = filter ? `(title : (${expr})) AND ${filter}` : `title : (${expr})`;
    const bodyOnly = `(${all}) NOT (title : (${expr}))`;
    const total = await count(db, all, SQLITE_SEARCH_TUNING.countCap + 1);
    if (!total) return { total, rows: [] };
    const capped = total > SQLITE_SEARCH_TUNING.countCap;

    if (total <= SQLITE_SEARCH_TUNING.fullRankLimit) {
      const ranked = await rankedPage(db, tokens, expr, all, inTitle, filter !== null, q);
      if (ranked) return { total, rows: ranked };
    }

    // Many hits: title matches newest first, then body matches newest first, each streamed by rowid.
    // Only whether the title hits fill this page matters, so their count stops at offset + limit.
    const titleCount = await count(db, inTitle, q.offset + q.limit, 'search_title_fts');
    const rids: number[] = [];
    const titleRids = new Set<number>();
    if (q.offset < titleCount) {
      const r = await sql<{
        rid: number;
      }>`select rowid as rid from search_title_fts where search_title_fts match ${inTitle} order by rowid desc limit ${q.limit} offset ${q.offset}`.execute(db);
      for (const x of r.rows) {
        rids.push(Number(x.rid));
        titleRids.add(Number(x.rid));
      }
    }
    if (rids.length < q.limit) {
      const r = await sql<{
        rid: number;
      }>`select rowid as rid from search_fts where search_fts match ${bodyOnly} order by rowid desc limit ${q.limit - rids.length} offset ${Math.max(0, q.offset - titleCount)}`.execute(
        db,
      );
      for (const x of r.rows) rids.push(Number(x.rid));
    }
    return { total: capped ? SQLITE_SEARCH_TUNING.countCap : total, capped, rows: await rowsByRid(db, rids, titleRids) };
  },
};
