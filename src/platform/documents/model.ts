/**
 * The official document model (公文): what a letter, notice or reply is made of, independent of the output
 * format. Renderers (`renderDocx`, `renderHtml`, `renderText`) lay it out; composers (e.g. the request
 * letters) build it. Text is plain text everywhere: no markup is interpreted, so nothing typed by staff or
 * applicants can inject HTML or WordprocessingML.
 */

/** A table cell: plain text, or text with spans (merged cells) and alignment. */
export type TableCell =
  | string
  | {
      text: string;
      /** Number of grid columns this cell covers (≥ 1). */
      colSpan?: number;
      /** Number of rows this cell covers (≥ 1). */
      rowSpan?: number;
      align?: 'left' | 'center' | 'right';
    };

export interface HeadingBlock {
  type: 'heading';
  /** 1 → 「一、」黑体, 2 → 「（一）」楷体, 3 → 「1.」仿宋, 4 → 「（1）」仿宋 (GB/T 9704—2012 7.3.3). */
  level: 1 | 2 | 3 | 4;
  text: string;
  /** Prefix the ordinal of its level automatically (default true); set false when the text carries its own. */
  numbered?: boolean;
}

export interface ParagraphBlock {
  type: 'paragraph';
  text: string;
  /** Default `justify` with a two-character first-line indent (每个自然段左空二字). */
  align?: 'justify' | 'left' | 'center' | 'right';
  /** Suppress the first-line indent (e.g. a centred line). */
  noIndent?: boolean;
}

export interface TableBlock {
  type: 'table';
  /** Header rows: repeated at the top of every page the table runs onto. */
  header?: TableCell[][];
  rows: TableCell[][];
  /** Relative column widths (any positive numbers); equal widths when absent. */
  widths?: number[];
}

export interface ListBlock {
  type: 'list';
  ordered?: boolean;
  items: string[];
}

export type Block = HeadingBlock | ParagraphBlock | TableBlock | ListBlock;

export interface Signature {
  /** 发文机关署名, e.g. 枣庄市信访局. */
  agency: string;
  /** 成文日期 as YYYY-MM-DD; rendered 2026年11月25日. */
  date: string;
}

export interface OfficialDoc {
  /** 发文机关标志, e.g. 枣庄市信访局 (printed red, centred). */
  issuer: string;
  /** 发文字号, e.g. 枣信访依申复〔2026〕12号. */
  docNumber?: string;
  /** 标题; a `\n` breaks it into several centred lines. */
  title: string;
  /** 主送, e.g. 「张三：」 (a full-width colon is appended when missing). */
  recipient?: string;
  blocks: Block[];
  signature?: Signature;
  /** Whether the document is sealed (加盖印章): changes where the signature and date sit. */
  seal?: boolean;
  /** 抄送机关 (版记). */
  cc?: string[];
  /** 附注, printed in parentheses under the date. */
  note?: string;
  /** 附件说明: the names of the attachments, in order. */
  attachments?: string[];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * 成文日期 style: 2026-01-05 → 「2026年1月5日」. GB/T 9704—2012 7.3.5.1: Arabic numerals, the year in full,
 * month and day without leading zeros (不编虚位).
 */
export function formatChineseDate(iso: string): string {
  if (!isIsoDate(iso)) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Chinese numeral for 1–99 as used in heading ordinals: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`ordinal out of range: ${n}`);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** The ordinal prefix of a heading: level 1 「一、」, 2 「（一）」, 3 「1.」, 4 「（1）」. */
export function headingPrefix(level: 1 | 2 | 3 | 4, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/**
 * The displayed text of every heading in `blocks` (same index as the block; undefined for other blocks),
 * numbering each level and restarting the lower levels under each higher heading.
 */
export function headingTexts(blocks: readonly Block[]): (string | undefined)[] {
  const counters = [0, 0, 0, 0];
  return blocks.map((b) => {
    if (b.type !== 'heading') return undefined;
    const i = b.level - 1;
    counters[i] += 1;
    for (let j = i + 1; j < counters.length; j++) counters[j] = 0;
    return b.numbered === false ? b.text : headingPrefix(b.level, counters[i]) + b.text;
  });
}

/** The 主送 line with its closing full-width colon. */
export function recipientLine(recipient: string): string {
  const r = recipient.trim();
  return /[：:]$/.test(r) ? r.replace(/:$/, '：') : `${r}：`;
}

export interface NormalizedCell {
  text: string;
  colSpan: number;
  rowSpan: number;
  align?: 'left' | 'center' | 'right';
}

/** A cell in object form with its spans defaulted to 1; throws on a span that is not a positive integer. */
export function normalizeCell(cell: TableCell): NormalizedCell {
  if (typeof cell === 'string') return { text: cell, colSpan: 1, rowSpan: 1 };
  const colSpan = cell.colSpan ?? 1;
  const rowSpan = cell.rowSpan ?? 1;
  for (const [name, v] of [
    ['colSpan', colSpan],
    ['rowSpan', rowSpan],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 1000) throw new RangeError(`table cell ${name} must be a positive integer, got ${v}`);
  }
  return { text: cell.text, colSpan, rowSpan, align: cell.align };
}

export interface TableLayout {
  columns: number;
  /** For each row (header rows first), the text of each grid column; '' where covered by a span. */
  grid: string[][];
  /** How many of `grid`'s rows are header rows. */
  headerRows: number;
}

/**
 * Places the cells of a table on its grid, resolving colSpan/rowSpan, and checks that every row fills
 * the same number of columns. Throws a RangeError describing the first inconsistent row.
 */
export function layoutTable(table: TableBlock): TableLayout {
  const header = table.header ?? [];
  const rows = [...header, ...table.rows];
  // occupied[r][c] = true when a rowSpan from above covers it
  const occupied: boolean[][] = rows.map(() => []);
  const grid: string[][] = rows.map(() => []);
  let columns = -1;
  rows.forEach((row, r) => {
    let c = 0;
    for (const raw of row) {
      const cell = normalizeCell(raw);
      while (occupied[r][c]) c++;
      if (r + cell.rowSpan > rows.length) throw new RangeError(`table row ${r + 1}: rowSpan runs past the last row`);
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          if (occupied[r + dr][c + dc]) throw new RangeError(`table row ${r + 1 + dr}: overlapping merged cells`);
          occupied[r + dr][c + dc] = true;
          grid[r + dr][c + dc] = dr === 0 && dc === 0 ? cell.text : '';
        }
      }
      c += cell.colSpan;
    }
    const width = occupied[r].length;
    for (let k = 0; k < width; k++) if (!occupied[r][k]) throw new RangeError(`table row ${r + 1}: gap at column ${k + 1}`);
    if (columns === -1) columns = width;
    else if (width !== columns) throw new RangeError(`table row ${r + 1} has ${width} columns, expected ${columns}`);
  });
  if (table.widths && columns >= 0 && table.widths.length !== columns) {
    throw new RangeError(`table widths has ${table.widths.length} entries for ${columns} columns`);
  }
  if (table.widths?.some((w) => !(Number.isFinite(w) && w > 0))) throw new RangeError('table widths must be positive numbers');
  return { columns: Math.max(columns, 0), grid, headerRows: header.length };
}

/**
 * Checks a document before rendering: required text, a valid signature date, consistent tables.
 * Throws a RangeError naming the first problem; renderers call it so that all formats agree.
 */
export function assertOfficialDoc(doc: OfficialDoc): void {
  if (!doc.issuer?.trim()) throw new RangeError('official document needs an issuer (发文机关标志)');
  if (!doc.title?.trim()) throw new RangeError('official document needs a title (标题)');
  if (doc.signature) {
    if (!doc.signature.agency?.trim()) throw new RangeError('signature needs an agency (发文机关署名)');
    formatChineseDate(doc.signature.date);
  }
  for (const b of doc.blocks) {
    if (b.type === 'table') layoutTable(b);
    if (b.type === 'heading' && ![1, 2, 3, 4].includes(b.level)) throw new RangeError(`heading level must be 1–4, got ${b.level}`);
  }
}

/** Display width in full-width characters (一字): CJK and full-width forms count 1, others ½. */
export function charWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    w += cp >= 0x2e80 || cp === 0x2014 ? 1 : 0.5;
  }
  return w;
}
