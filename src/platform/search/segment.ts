import { createRequire } from 'node:module';
import { escapeHtml } from '../web/html.js';

/**
 * Chinese word segmentation for the full-text index. Both engines index the same tokens: jieba's search
 * mode (a long word also yields its dictionary sub-words, so 信访局 is found by 信访), lower-cased, with
 * punctuation dropped. Document numbers (文号, e.g. 枣政办发〔2020〕27号) also get one compact token
 * (`dn2020x27`) so that the number is found whatever bracket the reader types. When the native jieba
 * module is unavailable, `Intl.Segmenter` takes over (coarser, but the index stays usable).
 */

interface Segmenter {
  cut(text: string): string[];
  cutForSearch(text: string): string[];
}

let segmenter: Segmenter | null = null;

function loadSegmenter(): Segmenter {
  if (segmenter) return segmenter;
  try {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    const j = Jieba.withDict(dict);
    segmenter = { cut: (t) => j.cut(t, false), cutForSearch: (t) => j.cutForSearch(t, false) };
  } catch {
    const intl = new Intl.Segmenter('zh', { granularity: 'word' });
    const cut = (t: string) => [...intl.segment(t)].filter((s) => s.isWordLike).map((s) => s.segment);
    segmenter = { cut, cutForSearch: cut };
  }
  return segmenter;
}

const WORDLIKE = /[\p{L}\p{N}]/u;
/** Brackets people use in document numbers: 〔〕 (the standard), ［］, [], （）, (), 【】. */
const DOC_NUMBER = /[〔［[（(【]\s*(\d{4})\s*[〕］\]）)】]\s*第?\s*(\d{1,6})\s*号/g;

/** The compact tokens of every document number in a text. */
export function docNumberTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DOC_NUMBER)) out.push(`dn${m[1]}x${Number(m[2])}`);
  return out;
}

function clean(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const w = t.trim().toLowerCase();
    if (w && WORDLIKE.test(w)) out.push(w);
  }
  return out;
}

/** Tokens to index for a text (search mode, plus document-number tokens), in text order. */
export function indexTokens(text: string): string[] {
  if (!text) return [];
  return [...clean(loadSegmenter().cutForSearch(text)), ...docNumberTokens(text)];
}

/**
 * Tokens a query must all match. A document number in the query is matched by its compact token; the
 * issuing-office prefix before it (枣政办发) still has to match too.
 */
export function queryTokens(q: string): string[] {
  const query = q.normalize('NFKC').slice(0, 200);
  const numbers = docNumberTokens(query);
  const rest = numbers.length ? query.replace(DOC_NUMBER, ' ') : query;
  const tokens = [...clean(loadSegmenter().cut(rest)), ...numbers];
  return [...new Set(tokens)].slice(0, 16);
}

const DOC_NUMBER_WITH_PREFIX = /([\u4e00-\u9fa5]{1,10})\s*[〔［[（(【]\s*(\d{4})\s*[〕］\]）)】]\s*第?\s*(\d{1,6})\s*号/g;

/**
 * The query's tokens that come from the issuing-office prefix of a document number (枣政办发 in
 * 枣政办发〔2020〕27号). Such a prefix is in every document of its office, so matching it as index words makes a
 * 文号 query read the longest lists of the index; the search matches the compact number token and then checks the
 * prefix's words in the few documents found.
 */
export function docNumberPrefixTokens(q: string): string[] {
  const query = q.normalize('NFKC').slice(0, 200);
  const out: string[] = [];
  for (const m of query.matchAll(DOC_NUMBER_WITH_PREFIX)) out.push(...clean(loadSegmenter().cut(m[1]!)));
  return [...new Set(out)];
}

/**
 * The strings to highlight for a query: its words (single characters only when nothing longer was typed,
 * so that 规 or 枣 alone do not light up a whole page) and each document number, as typed and in the
 * standard 〔〕 form.
 */
export function highlightTerms(q: string): string[] {
  const query = q.normalize('NFKC');
  const numbers = [...query.matchAll(DOC_NUMBER_WITH_PREFIX)];
  const rest = numbers.length ? query.replace(DOC_NUMBER_WITH_PREFIX, ' ') : query;
  let terms = clean(loadSegmenter().cut(rest));
  if (terms.some((t) => t.length > 1) || numbers.length) terms = terms.filter((t) => t.length > 1);
  for (const m of numbers) terms.push(m[0], `${m[1]}〔${m[2]}〕${m[3]}号`, `〔${m[2]}〕${m[3]}号`);
  for (const m of q.matchAll(DOC_NUMBER_WITH_PREFIX)) terms.push(m[0]);
  return [...new Set(terms)].filter(Boolean).sort((a, b) => b.length - a.length);
}

function ranges(text: string, terms: string[]): [number, number][] {
  const lower = text.toLowerCase();
  const found: [number, number][] = [];
  for (const t of terms) {
    const needle = t.toLowerCase();
    if (!needle) continue;
    let i = lower.indexOf(needle);
    while (i >= 0) {
      found.push([i, i + needle.length]);
      i = lower.indexOf(needle, i + needle.length);
    }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * Where the earliest occurrence of any of `needles` starts in `text` (empty needles skipped), or -1. Once a hit is
 * known, a needle is looked for in full only when it occurs before it (`lastIndexOf` from there scans only the
 * stretch before the hit), so a needle that is only later or absent costs no scan of the rest of a long body.
 */
function earliestIndex(text: string, needles: readonly string[]): number {
  let best = -1;
  for (const needle of needles) {
    if (!needle) continue;
    const i = best < 0 ? text.indexOf(needle) : text.lastIndexOf(needle, best - 1) >= 0 ? text.indexOf(needle) : -1;
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return best;
}

/**
 * Where the first occurrence of any term starts in `text` (case-insensitive), or -1. Only the earliest is looked
 * for: a snippet is cut around it, and a long body may hold hundreds of later hits (highlight finds those in the
 * short excerpt only).
 */
export function firstHit(text: string, terms: string[]): number {
  const needles = terms.map((t) => t.toLowerCase()).filter(Boolean);
  return needles.length ? earliestIndex(text.toLowerCase(), needles) : -1;
}

/** Escapes `text`, then wraps each occurrence of a term in <mark> (safe: nothing of the text stays raw). */
export function highlight(text: string, terms: string[]): string {
  let out = '';
  let pos = 0;
  for (const [a, b] of ranges(text, terms)) {
    out += escapeHtml(text.slice(pos, a)) + '<mark>' + escapeHtml(text.slice(a, b)) + '</mark>';
    pos = b;
  }
  return out + escapeHtml(text.slice(pos));
}

/** A term that lower-casing cannot change and that holds no white space (so it matches the text as stored). */
const plainTerm = (t: string) => t === t.toLowerCase() && t === t.toUpperCase() && !/\s/.test(t);

/**
 * A short escaped excerpt of `text` around the first hit, with hits marked: the text with white space collapsed,
 * from up to 30 characters before the first hit, `length` characters long, with … where it was cut.
 *
 * A body may be 20,000 characters and a result page shows 20 of them, so when every term matches the text as
 * stored (Chinese words, numbers: nothing lower-casing changes, no white space) the hit is found in the stored
 * text and only the stretch before the hit and the excerpt itself are collapsed, not the whole body. Otherwise
 * (a Latin word, a typed 文号 with spaces) the whole text is collapsed and lower-cased first. Both give the same
 * excerpt (a property test holds them together).
 */
export function snippet(text: string, terms: string[], length = 120): string {
  // İ (U+0130) is the one character lower-casing lengthens: the whole text's positions would shift against it.
  if (text.length < 1000 || !terms.every(plainTerm) || text.includes('\u0130')) return snippetOfFlat(text, terms, length);
  const hit = earliestIndex(text, terms);
  const from = hit >= 0 ? hit : text.search(/\S/);
  if (from < 0) return '';
  // The collapsed text before the hit (the run of white space just before it stays one space, as in the whole).
  const before = hit > 0 ? text.slice(0, hit).replace(/\s+/g, ' ').trimStart() : '';
  const start = before.length > 30 ? before.length - 30 : 0;
  const head = before.slice(start);
  const need = Math.max(length - head.length, 0);
  // The collapsed text from the hit on, read in growing stretches until it holds `need` characters and one more
  // known exactly (a stretch's last character may be a cut run of white space, which at the text's end is trimmed).
  let tail = '';
  let more = false;
  for (let w = 2 * need + 64; ; w *= 2) {
    const end = from + w;
    if (end >= text.length) {
      tail = text.slice(from).replace(/\s+/g, ' ').trimEnd();
      more = tail.length > need;
      break;
    }
    const c = text.slice(from, end).replace(/\s+/g, ' ');
    if (c.length >= need + 2) {
      tail = c;
      more = true;
      break;
    }
  }
  const piece = (head + tail.slice(0, need)).slice(0, length);
  return (start > 0 ? '…' : '') + highlight(piece, terms) + (more || head.length > length ? '…' : '');
}

/** The excerpt from the whole text collapsed and lower-cased (any terms). */
function snippetOfFlat(text: string, terms: string[], length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const first = firstHit(flat, terms);
  let start = 0;
  if (first > 30) start = first - 30;
  const end = Math.min(flat.length, start + length);
  const piece = flat.slice(start, end);
  return (start > 0 ? '…' : '') + highlight(piece, terms) + (end < flat.length ? '…' : '');
}
