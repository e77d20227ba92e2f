/**
 * The common form every file type is read into before its tables and text are interpreted.
 *
 * A document is a list of lines. A line is a paragraph of running text (`flow`), a real table row whose cells are
 * known (`row`: HTML, .docx, Markdown, Word-extracted text), or a line of a laid-out page whose cells are runs of
 * text separated by wide gaps (`layout`: PDF, `pdftotext -layout`). Layout cells carry an x position so a number
 * can be put in its column when a neighbouring cell is blank.
 */

export type SourceKind = 'txt' | 'md' | 'html' | 'docx' | 'pdf';

export interface Cell {
  text: string;
  /** Horizontal centre (PDF points or character columns), for layout lines. */
  x?: number;
  /** Width in the same unit as x. */
  width?: number;
}

export interface DocLine {
  kind: 'flow' | 'row' | 'layout';
  cells: Cell[];
  page?: number;
}

export interface ExtractedDocument {
  source: SourceKind;
  lines: DocLine[];
  /** A `YEAR:` line some text extracts carry (our test corpus). */
  declaredYear?: number;
  /** The HTML <title> or the .docx core title, when there is one. */
  title?: string;
  /** The text was read by OCR from page images (a scan): its figures may be misread. */
  ocr?: boolean;
}

export function lineText(line: DocLine): string {
  return line.cells.map((c) => c.text).join(line.kind === 'flow' ? '' : ' ');
}

const BRACKETS = /[〔〈【〕〉】]/;

/** NFKC (full-width digits and brackets to ASCII) and no whitespace: the form labels are matched in. */
export function norm(s: string): string {
  const t = s.normalize('NFKC').replace(/[\s\u200b\u3000]+/g, '');
  // OCR and some fonts give 〔七〕 or 【七】 for （七）.
  return BRACKETS.test(t) ? t.replace(/[〔〈【]/g, '(').replace(/[〕〉】]/g, ')') : t;
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

export type Token =
  | { kind: 'text'; text: string; line: number; x?: number }
  | { kind: 'value'; value: number; raw: string; line: number; x?: number; joined?: boolean }
  | { kind: 'blank'; raw: string; line: number; x?: number };

const NUMBER = /^[-−–]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const PLACEHOLDER = /^(?:[/／\\\-－—–―_＿·•…～~]+|无|空|暂无|n\/?a)$/i;
/** Characters that, right after a number, make it a figure in a sentence rather than a table value. */
const UNIT_AFTER = /^[件条个次起宗份项年月日号%％万元人家期场篇批名户个余多页]/;

const OCR_DIGITS = /^(?=.*\d|[Oo]$)[\dOoIl]{1,7}$/;

function ocrDigits(s: string): string {
  return s.replace(/[Oo]/g, '0').replace(/[Il]/g, '1');
}

export function parseNumber(raw: string): number | null {
  const s = raw.normalize('NFKC').replace(/[−–]/g, '-');
  if (!NUMBER.test(s)) return null;
  const v = Number(s.replace(/,/g, ''));
  return Number.isFinite(v) ? v : null;
}

export function isPlaceholder(raw: string): boolean {
  return PLACEHOLDER.test(raw.normalize('NFKC').trim());
}

/** Split running label text where a new numbered item starts: 「（四）无法提供1.本机关…」 → two segments. */
export function splitEnumerators(text: string): string[] {
  const t = norm(text);
  if (!t) return [];
  const parts = t.split(/(?=\([一二三四五六七八九十]{1,2}\))|(?=(?<![\d.,])\d{1,2}[.、](?![\d]))|(?=(?<![一二三四五六七八九十第])[一二三四五六][、](?!\d))/);
  return parts.filter((p) => p.length > 0);
}

interface Word {
  text: string;
  x?: number;
  /** Digits that were run together with the label before them (「申请数量530010357」). */
  joined?: boolean;
}

/**
 * Split a word where a run of digits follows label text with nothing between them, as archivers and copy-paste
 * produce from table rows: 「数量530010357」 → 「数量」「530010357」; 「国家秘密00000002.其他…」 → the trailing 「2」 is the
 * next item's number. Digits followed by a unit or other text (「自2024年」) stay part of the text.
 */
export function splitJoinedDigits(word: string): { text: string; joined?: boolean }[] {
  const out: { text: string; joined?: boolean }[] = [];
  const re = /(?<=[\u4e00-\u9fff)）”」』"])\d+(?:\.\d+)?(?=$|\d?[.、．](?!\d)|[(（]|[一二三四五六七八九十][、.])/gu;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(word)) !== null) {
    let digits = m[0];
    let end = m.index + digits.length;
    // 「…00000002.其他」: the digit before 「.」/「、」 numbers the next item.
    if (/^[.、．]/.test(word.slice(end)) && digits.length > 1) {
      digits = digits.slice(0, -1);
      end -= 1;
    } else if (/^[.、．]/.test(word.slice(end))) continue;
    if (m.index > last) out.push({ text: word.slice(last, m.index) });
    out.push({ text: digits, joined: true });
    last = end;
    re.lastIndex = end;
  }
  if (last === 0) return [{ text: word }];
  if (last < word.length) out.push({ text: word.slice(last) });
  return out;
}

function words(cell: Cell, joined: boolean): Word[] {
  const raw = cell.text.replace(/\u00a0/g, ' ');
  const out: Word[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  const total = raw.length || 1;
  while ((m = re.exec(raw)) !== null) {
    let x: number | undefined;
    if (cell.x !== undefined) {
      // Place each word proportionally inside its cell (exact for character columns, close enough for PDF runs).
      const w = cell.width ?? 0;
      x = cell.x - w / 2 + ((m.index + m[0].length / 2) / total) * w;
    }
    for (const piece of joined ? splitJoinedDigits(m[0]) : [{ text: m[0] }])
      out.push({ text: piece.text, x, joined: 'joined' in piece ? piece.joined : undefined });
  }
  return out;
}

/**
 * Tokens of one line: numbers that stand alone are values, placeholders and empty real cells are blanks, the rest
 * is label text (merged across words, split where a numbered item starts).
 */
export function tokenizeLine(line: DocLine, index: number): Token[] {
  const out: Token[] = [];
  const pushText = (text: string, x?: number) => {
    for (const seg of splitEnumerators(text)) out.push({ kind: 'text', text: seg, line: index, x });
  };
  // Whether the line has several plain numbers (then a lone 「l」 among them is OCR's 1).
  const numericLine = line.cells.reduce((n, c) => n + (c.text.match(/(?:^|\s)\d+(?=\s|$)/g)?.length ?? 0), 0) >= 2;
  for (const cell of line.cells) {
    const trimmed = cell.text.replace(/\u00a0/g, ' ').trim();
    if (line.kind === 'row') {
      if (trimmed === '') {
        out.push({ kind: 'blank', raw: '', line: index, x: cell.x });
        continue;
      }
      // A real table cell may carry its unit: 「251000元」「12.5万元」; OCR may read 0 as O and 1 as l.
      const compact = trimmed.replace(/\s+/g, '');
      const v = parseNumber(/^[\dOoIl]{1,7}$/.test(compact) ? ocrDigits(compact) : compact.replace(/(?:万?元|件|个|项|条|次|人次?)$/, ''));
      if (v !== null) {
        out.push({ kind: 'value', value: v, raw: trimmed, line: index, x: cell.x });
        continue;
      }
      if (isPlaceholder(trimmed)) {
        out.push({ kind: 'blank', raw: trimmed, line: index, x: cell.x });
        continue;
      }
    }
    const ws = words(cell, line.kind !== 'flow');
    let text = '';
    let textX: number | undefined;
    let lastX: number | undefined;
    const flushText = () => {
      // A merged run of words is placed at its middle.
      if (text) pushText(text, textX !== undefined && lastX !== undefined ? (textX + lastX) / 2 : textX);
      text = '';
      textX = undefined;
      lastX = undefined;
    };
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      // OCR reads 0 as O and 1 as l or I inside table numbers: 「lO」 is 10 (a lone l only among other numbers).
      const ocrLike = line.kind !== 'flow' && (OCR_DIGITS.test(w.text) || (/^[Il]{1,3}$/.test(w.text) && numericLine));
      const v = parseNumber(ocrLike ? ocrDigits(w.text) : w.text);
      const next = ws[i + 1]?.text ?? '';
      const isFigure = v !== null && !UNIT_AFTER.test(next.normalize('NFKC')) && !/第$/.test(text);
      if (isFigure) {
        flushText();
        out.push({ kind: 'value', value: v!, raw: w.text, line: index, x: w.x, ...(w.joined ? { joined: true } : {}) });
      } else if (line.kind !== 'flow' && isPlaceholder(w.text) && !text) {
        out.push({ kind: 'blank', raw: w.text, line: index, x: w.x });
      } else {
        if (!text) textX = w.x;
        lastX = w.x;
        text += w.text;
      }
    }
    flushText();
  }
  return out;
}

/** Page furniture: 「-3-」「— 3 —」「第3页」「第 3 页 共 5 页」「3/5」. */
export function isPageNumber(text: string): boolean {
  const t = norm(text);
  return /^[-—–－]\d{1,3}[-—–－]$/.test(t) || /^第\d{1,3}页(,?共\d{1,3}页)?$/.test(t) || /^\d{1,3}\/\d{1,3}$/.test(t);
}
