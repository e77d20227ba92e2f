import { sql } from 'kysely';
import type { DbOrTx } from '../db/index.js';
import { runRead } from '../db/compiled.js';
import type { RawHit, SearchDialect, SearchQuery } from './search.js';
import { beijingDayStartUtc } from '../time.js';

/**
 * PostgreSQL: a tsvector column with a GIN index. The vector is built from jieba's tokens as a tsvector
 * literal (no text-search parser involved, which would mangle Chinese), title words weighted A; a query is
 * a tsquery literal ANDing the quoted tokens. `ts_filter(tsv, '{a}')` tells title matches apart.
 */

const MAX_POS = 16383;
/**
 * Up to FULL_RANK_LIMIT hits, every hit is scored with ts_rank; above it (very common words on a large corpus)
 * title matches come first, newest first, then the other hits newest first — read backwards along the
 * published_at index until the page is full, so no hit is scored (as on SQLite). Tests lower it.
 */
export const POSTGRES_SEARCH_TUNING = { fullRankLimit: 3000, countCap: 10_000 };
const lexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** A tsvector literal: each token with its positions, title tokens weighted A. */
export function tsvectorLiteral(titleTokens: string[], bodyTokens: string[]): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  const add = (t: string, weight: string) => {
    pos = Math.min(pos + 1, MAX_POS);
    const list = positions.get(t) ?? [];
    if (list.length < 256) list.push(`${pos}${weight}`);
    positions.set(t, list);
  };
  for (const t of titleTokens) add(t, 'A');
  for (const t of bodyTokens) add(t, '');
  return [...positions]
    .filter(([t]) => t.length < 1024)
    .map(([t, p]) => `${lexeme(t)}:${p.join(',')}`)
    .join(' ');
}

export function tsqueryLiteral(tokens: string[], weight = ''): string {
  return tokens.map((t) => `${lexeme(t)}${weight ? `:${weight}` : ''}`).join(' & ');
}

function filters(q: SearchQuery) {
  const parts = [sql`true`];
  if (q.agencyIds) parts.push(sql`d.agency_id in (${sql.join(q.agencyIds)})`);
  if (q.kind) parts.push(sql`d.kind = ${q.kind}`);
  if (q.columnCode) parts.push(sql`d.column_code = ${q.columnCode}`);
  if (q.year) parts.push(sql`d.published_at >= ${beijingDayStartUtc(`${q.year}-01-01`)} and d.published_at < ${beijingDayStartUtc(`${q.year + 1}-01-01`)}`);
  return sql.join(parts, sql` and `);
}

export const postgresSearch: SearchDialect = {
  async upsert(db, { doc, titleTokens, bodyTokens }) {
    const now = new Date().toISOString();
    const tsv = tsvectorLiteral(titleTokens, bodyTokens);
    await sql`insert into search_docs (id, agency_id, kind, url, title, body, column_code, doc_number, published_at, updated_at, tsv)
      values (${doc.id}, ${doc.agencyId}, ${doc.kind}, ${doc.url}, ${doc.title}, ${doc.body}, ${doc.columnCode ?? null}, ${doc.docNumber ?? null}, ${doc.publishedAt}, ${now}, ${tsv}::tsvector)
      on conflict (id) do update set agency_id = excluded.agency_id, kind = excluded.kind, url = excluded.url, title = excluded.title,
        body = excluded.body, column_code = excluded.column_code, doc_number = excluded.doc_number, published_at = excluded.published_at,
        updated_at = excluded.updated_at, tsv = excluded.tsv`.execute(db);
  },

  async remove(db: DbOrTx, id: string) {
    await sql`delete from search_docs where id = ${id}`.execute(db);
  },

  async query(db, tokens, q) {
    const tq = tsqueryLiteral(tokens);
    const where = filters(q);
    const { fullRankLimit, countCap } = POSTGRES_SEARCH_TUNING;
    const cols = sql`d.id, d.agency_id, d.kind, d.url, d.title, d.body, d.column_code, d.doc_number, d.published_at`;
    // Most queries have few hits: one statement takes up to fullRankLimit + 1 of them, counts them, scores them and
    // returns the page (one round trip). Only when there are more (a very common word) is the count taken again,
    // up to the cap, and the page read newest first below, without scoring.
    // The hits are ranked on their id, date and vector alone, and only the page's rows are then read: a long
    // document's body is not fetched for every hit. The title check is a tsquery restricted to weight A (no copy of
    // the vector, as ts_filter made), so each hit's vector is read twice (check and rank), not three times.
    const inTitle = tsqueryLiteral(tokens, 'A');
    const few = await runRead(
      db,
      sql<RawHit & { total: number }>`with hits as (
        select d.id, d.published_at, (d.tsv @@ ${inTitle}::tsquery) as title_match, ts_rank(d.tsv, ${tq}::tsquery) as rank
        from search_docs d where d.tsv @@ ${tq}::tsquery and ${where} limit ${fullRankLimit + 1}),
      page as (select h.id, h.title_match, h.rank, (select count(*)::int from hits) as total from hits h
        order by h.title_match desc, h.rank desc, h.published_at desc, h.id limit ${q.limit} offset ${q.offset})
      select ${cols}, p.title_match, p.total from page p join search_docs d on d.id = p.id
      order by p.title_match desc, p.rank desc, d.published_at desc, d.id`.compile(db),
    );
    // Hits of a query, counted up to `cap` (the scan stops there).
    const countHits = async (query: string, cap: number) =>
      Number(
        (
          await runRead(
            db,
            sql<{
              n: number;
            }>`select count(*)::int as n from (select 1 from search_docs d where d.tsv @@ ${query}::tsquery and ${where} limit ${cap}) x`.compile(db),
          )
        )[0]?.n ?? 0,
      );
    let total: number;
    if (few.length) total = Number(few[0]!.total);
    else if (q.offset === 0) return { total: 0, rows: [] };
    else {
      // A page past the last hit: the count alone.
      total = await countHits(tq, fullRankLimit + 1);
    }
    if (total <= fullRankLimit) return { total, rows: few.map(({ total: _, ...r }) => r) };
    // Like SQLite, stop counting past the cap: "more than 10,000" is all a reader needs for a very common word.
    total = await countHits(tq, countCap + 1);
    const capped = total > countCap;
    const titleCount = await countHits(inTitle, q.offset + q.limit);
    const rows: RawHit[] = [];
    if (q.offset < titleCount) {
      const r = await sql<RawHit>`select ${cols}, true as title_match from search_docs d where d.tsv @@ ${inTitle}::tsquery and ${where}
        order by d.published_at desc, d.id limit ${q.limit} offset ${q.offset}`.execute(db);
      rows.push(...r.rows);
    }
    if (rows.length < q.limit) {
      const r =
        await sql<RawHit>`select ${cols}, false as title_match from search_docs d where d.tsv @@ ${tq}::tsquery and not (d.tsv @@ ${inTitle}::tsquery) and ${where}
        order by d.published_at desc, d.id limit ${q.limit - rows.length} offset ${Math.max(0, q.offset - titleCount)}`.execute(db);
      rows.push(...r.rows);
    }
    return { total: Math.min(total, countCap), capped, rows };
  },
};
