import { sql } from 'kysely';
import type { DbOrTx } from '../db/index.js';
import { engineOf } from '../db/index.js';
import { docNumberPrefixTokens, highlight, highlightTerms, indexTokens, queryTokens, snippet } from './segment.js';
import { sqliteSearch } from './sqlite.js';
import { postgresSearch } from './postgres.js';

/**
 * The full-text index of everything the public may read (items, consultations, their attachments' text).
 * One interface, one implementation per engine (SQLite FTS5, PostgreSQL tsvector): the same jieba tokens go
 * into both, so a query finds the same documents on either. Callers index inside their own transaction, so a
 * release and its index entry land (or fail) together.
 */

declare module '../db/tables.js' {
  interface Database {
    search_docs: SearchDocTable;
  }
}

export interface SearchDocTable {
  id: string;
  agency_id: string;
  kind: string;
  url: string;
  title: string;
  /** Plain text (body and attachment text), for snippets. */
  body: string;
  column_code: string | null;
  doc_number: string | null;
  published_at: string;
  updated_at: string;
}

export interface SearchDoc {
  id: string;
  agencyId: string;
  /** What the document is: 'item', 'consultation', … */
  kind: string;
  url: string;
  title: string;
  body: string;
  /** Extra text that is searchable but not shown (attachment text). */
  extra?: string;
  columnCode?: string | null;
  docNumber?: string | null;
  publishedAt: string;
}

export interface SearchQuery {
  q: string;
  agencyIds?: string[];
  kind?: string;
  columnCode?: string;
  /** Published in this year. */
  year?: number;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  id: string;
  agencyId: string;
  kind: string;
  url: string;
  title: string;
  /** Escaped title with <mark> around hits. */
  titleHtml: string;
  /** Escaped excerpt with <mark> around hits. */
  snippetHtml: string;
  columnCode: string | null;
  docNumber: string | null;
  publishedAt: string;
  titleMatch: boolean;
}

export interface SearchResult {
  /** Number of matching documents; when `capped`, at least this many. */
  total: number;
  capped: boolean;
  hits: SearchHit[];
  tokens: string[];
}

/** Row shape the dialects return before highlighting. */
export interface RawHit {
  id: string;
  agency_id: string;
  kind: string;
  url: string;
  title: string;
  body: string;
  column_code: string | null;
  doc_number: string | null;
  published_at: string;
  title_match: number | boolean;
}

/** Prepared tokens of one document: the dialects store them their own way. */
export interface PreparedDoc {
  doc: SearchDoc;
  titleTokens: string[];
  bodyTokens: string[];
}

export interface SearchDialect {
  upsert(db: DbOrTx, d: PreparedDoc): Promise<void>;
  remove(db: DbOrTx, id: string): Promise<void>;
  query(
    db: DbOrTx,
    tokens: string[],
    q: Required<Pick<SearchQuery, 'limit' | 'offset'>> & SearchQuery,
  ): Promise<{ total: number; capped?: boolean; rows: RawHit[] }>;
}

const MAX_BODY = 20_000;
const MAX_INDEXED = 200_000;

function dialect(db: DbOrTx): SearchDialect {
  return engineOf(db) === 'postgres' ? postgresSearch : sqliteSearch;
}

/** The searchable title: the title and the document number (so 文号 hits count as title hits). */
function titleText(d: SearchDoc): string {
  return d.docNumber ? `${d.title} ${d.docNumber}` : d.title;
}

/** Adds or replaces a document in the index. */
export async function indexDocument(db: DbOrTx, d: SearchDoc): Promise<void> {
  const doc = { ...d, body: d.body.slice(0, MAX_BODY) };
  await dialect(db).upsert(db, {
    doc,
    titleTokens: indexTokens(titleText(d)),
    bodyTokens: indexTokens(`${d.body}\n${d.extra ?? ''}`.slice(0, MAX_INDEXED)),
  });
}

/**
 * Merges the index's segments into one (after a bulk load: the demo data, a full re-index). SQLite's FTS5 writes
 * a small segment per transaction and merges them only gradually, and every query reads each segment; a freshly
 * loaded index answers several times faster once merged. PostgreSQL's GIN index needs nothing of the kind.
 */
export async function optimizeIndex(db: DbOrTx): Promise<void> {
  if (engineOf(db) === 'postgres') return;
  await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
  await sql`insert into search_title_fts (search_title_fts) values ('optimize')`.execute(db);
}

/** Removes a document from the index (no-op when absent). */
export async function removeDocument(db: DbOrTx, id: string): Promise<void> {
  await dialect(db).remove(db, id);
}

/** At most this many documents share one document number's compact token before the prefix is checked in them. */
const DOC_NUMBER_CANDIDATES = 1000;

/**
 * A query holding a document number: the compact number token (and any other words) are matched in the index,
 * then the issuing-office prefix's words are checked in the candidates' text (title, 文号, body). When the number
 * alone matches too many documents the prefix words are matched in the index as before.
 */
async function queryWithDocNumbers(db: DbOrTx, tokens: string[], q: Required<Pick<SearchQuery, 'limit' | 'offset'>> & SearchQuery) {
  const prefix = tokens.some((t) => /^dn\d{4}x\d+$/.test(t)) ? docNumberPrefixTokens(q.q ?? '').filter((t) => tokens.includes(t)) : [];
  const core = tokens.filter((t) => !prefix.includes(t));
  if (prefix.length && core.length) {
    const found = await dialect(db).query(db, core, { ...q, limit: DOC_NUMBER_CANDIDATES, offset: 0 });
    if (found.total <= DOC_NUMBER_CANDIDATES && !found.capped) {
      const has = (r: RawHit) => {
        const text = `${r.title}${r.doc_number ?? ''}${r.body}`.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
        return prefix.every((t) => text.includes(t));
      };
      const rows = found.rows.filter(has);
      // The prefix may sit in text the index holds but the stored body does not (attachments, past its length).
      if (rows.length || !found.rows.length) return { total: rows.length, capped: false, rows: rows.slice(q.offset, q.offset + q.limit) };
    }
  }
  return dialect(db).query(db, tokens, q);
}

/** Full-text search: every query word must match; title matches first, then by relevance, then newest. */
export async function search(db: DbOrTx, query: SearchQuery): Promise<SearchResult> {
  const tokens = queryTokens(query.q ?? '');
  if (!tokens.length) return { total: 0, capped: false, hits: [], tokens };
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
  const offset = Math.max(query.offset ?? 0, 0);
  if (query.agencyIds && query.agencyIds.length === 0) return { total: 0, capped: false, hits: [], tokens };
  const { total, capped, rows } = await queryWithDocNumbers(db, tokens, { ...query, limit, offset });
  const terms = highlightTerms(query.q);
  return {
    total,
    capped: capped ?? false,
    tokens,
    hits: rows.map((r) => ({
      id: r.id,
      agencyId: r.agency_id,
      kind: r.kind,
      url: r.url,
      title: r.title,
      titleHtml: highlight(r.title, terms),
      snippetHtml: snippet(r.doc_number ? `${r.doc_number} ${r.body}` : r.body, terms),
      columnCode: r.column_code,
      docNumber: r.doc_number,
      publishedAt: r.published_at,
      titleMatch: r.title_match === true || Number(r.title_match) === 1,
    })),
  };
}
