/**
 * The shapes a published report reaches a supervising office in, made from a clean copy: cells run together (web
 * archivers, copy-paste), a PDF converted to Markdown by another tool (tables cut at page ends with a page footer
 * and a foreign header, labels wrapped onto their own line, empty trailing cells), and OCR-like noise (misspelt
 * labels, letters for digits). Deterministic for a given seed.
 */

/** A small seeded generator (mulberry32), so fixtures and property runs are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every cell of every line joined with nothing between (what archivers and copy-paste give from a table). */
export function runTogether(layoutText: string): string {
  return layoutText
    .split('\n')
    .map((l) => l.replace(/[ \t\u3000]+/g, ''))
    .join('\n');
}

/** The whole page as one paragraph, cells run together (what a web archive's text copy of a report page gives). */
export function oneParagraph(layoutText: string): string {
  return runTogether(layoutText).replace(/\n+/g, '');
}

/** An HTML table page as an archiver saves it: each row's cells joined with nothing between them, one row a line. */
export function htmlRunTogether(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/(tr|p|h[1-6]|div|caption|li|br)\s*>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ''))
    .filter((l) => l.length > 0)
    .join('\n');
}

/** Cells of a layout line: runs separated by two or more spaces. */
function cells(line: string): string[] {
  return line
    .trim()
    .split(/\s{2,}|\t/)
    .filter((c) => c.length > 0);
}

const NUMERIC = /^[-\d.,]+$/;

/**
 * A PDF-to-Markdown conversion: a laid-out line with several cells becomes a table row; a table is cut where the
 * page breaks (form feed), with a page footer 「— n —」 as a row of its own and a new header row naming the columns
 * 数据1…数据n; some labels are wrapped onto a row of their own (「（三）不」 / 「予公开」) and some rows get empty
 * trailing cells. Running text stays paragraphs.
 */
export function toMarkdown(layoutText: string, seed = 1): string {
  const r = rng(seed);
  const out: string[] = [];
  let inTable = false;
  let width = 0;
  let page = 1;
  const pages = layoutText.split('\f');
  pages.forEach((pageText, pi) => {
    for (const raw of pageText.split('\n')) {
      const cs = cells(raw);
      const isRow = cs.length >= 2 && cs.slice(1).some((c) => NUMERIC.test(c));
      const isHeader = cs.length >= 3 && !isRow;
      if (isRow || (isHeader && inTable)) {
        if (!inTable) {
          width = cs.length;
          out.push('');
          out.push(`| ${Array.from({ length: width }, (_, i) => (i === 0 ? '项目' : `数据${i}`)).join(' | ')} |`);
          out.push(`|${' --- |'.repeat(width)}`);
          inTable = true;
        }
        let row = cs;
        const label = row[0]!;
        if (isRow && label.length >= 6 && !NUMERIC.test(label) && r() < 0.25) {
          // The label wrapped: its head on a row of its own, the rest with the numbers.
          const cut = 2 + Math.floor(r() * (label.length - 3));
          out.push(`| ${label.slice(0, cut)} |${' |'.repeat(Math.max(0, width - 1))}`);
          row = [label.slice(cut), ...row.slice(1)];
        }
        const trailing = r() < 0.3 ? 1 + Math.floor(r() * 2) : 0;
        out.push(`| ${[...row, ...Array<string>(trailing).fill('')].join(' | ')} |`);
        continue;
      }
      if (inTable && cs.length === 1 && raw.trim().length <= 40 && !/[。；]/.test(raw)) {
        // A label line inside the table (a group heading, a wrapped label).
        out.push(`| ${cs[0]} |${' |'.repeat(Math.max(0, width - 1))}`);
        continue;
      }
      if (raw.trim() === '') {
        if (inTable && r() < 0.5) continue;
        inTable = false;
        out.push('');
        continue;
      }
      inTable = false;
      out.push(raw.trim().replace(/^(第?[一二三四五六][、.]|[一二三四五六]、)(?=\S{2,20}$)/, '## $1'));
    }
    if (pi < pages.length - 1) {
      if (inTable) {
        // The table goes on on the next page: a footer row, then a new table with another table's header.
        out.push(`| — ${page} — |${' |'.repeat(Math.max(0, width - 1))}`);
        out.push('');
        inTable = false;
      } else out.push('', `— ${page} —`, '');
      page++;
    }
  });
  return out.join('\n');
}

const OCR_LABELS: [RegExp, string][] = [
  [/其他法律行政法规禁止公开/g, '其他法律行政止公开'],
  [/本机关不掌握/g, '本机关不拿握'],
  [/勾稽/g, '勾稍'],
  [/沭阳/g, '沐阳'],
  [/重复申请/g, '重夏申请'],
  [/（/g, '〔'],
];

/**
 * OCR-like noise on a laid-out text: misspelt labels, full-width brackets read as other brackets, and in some
 * numbers a letter O for the digit 0 or l for 1.
 */
export function ocrNoise(layoutText: string, seed = 1): string {
  const r = rng(seed);
  let t = layoutText;
  for (const [re, to] of OCR_LABELS) t = t.replace(re, () => (r() < 0.7 ? to : re.source.replace(/\\/g, '')));
  return t.replace(/(?<=\s)\d+(?=\s|$)/gm, (num) => (r() < 0.1 ? num.replace(/0/g, 'O').replace(/1/g, 'l') : num));
}
