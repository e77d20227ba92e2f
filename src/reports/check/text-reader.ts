/**
 * Plain text and Markdown into lines.
 *
 * Three shapes of text are met in practice and may be mixed in one file:
 * - `pdftotext -layout` output: columns separated by runs of spaces, pages by form feeds, page numbers at page ends;
 * - text extracted from Word: each table cell on its own tab-indented line, rows separated by empty lines, a cell's
 *   wrapped text continuing on the next un-indented line;
 * - running text, one paragraph a line (or wrapped).
 */

import { isPageNumber, norm, type Cell, type DocLine, type ExtractedDocument } from './document.js';
import { relineRunTogether } from './reline.js';

const MARKERS = /\[(?:image|bookmark|图片)[^\]]*\]/gi;

function isBarePageNumber(text: string, page: number): boolean {
  const t = norm(text);
  if (!/^\d{1,3}$/.test(t)) return false;
  const n = Number(t);
  return n === page || n === page + 1 || n === page - 1;
}

/** Remove page numbers at the start or end of each page (form-feed separated). */
function stripPageFurniture(pages: string[][]): string[][] {
  return pages.map((lines, i) => {
    const out = [...lines];
    const page = i + 1;
    const drop = (idx: number) => {
      const t = out[idx]!;
      if (isPageNumber(t) || (pages.length > 1 && isBarePageNumber(t, page))) out[idx] = '';
    };
    const nonEmpty = out.map((l, k) => (l.trim() ? k : -1)).filter((k) => k >= 0);
    if (nonEmpty.length) {
      drop(nonEmpty[nonEmpty.length - 1]!);
      drop(nonEmpty[0]!);
    }
    // Decorated page numbers (「-3-」) anywhere on their own line.
    return out.map((l) => (isPageNumber(l) ? '' : l));
  });
}

/** Cells of a layout line: runs separated by two or more spaces (or a tab), positioned by character column. */
export function layoutCells(line: string): Cell[] {
  const cells: Cell[] = [];
  const re = /\S+(?: \S+)*/g;
  let m: RegExpExecArray | null;
  const expanded = line.replace(/\t/g, '    ');
  while ((m = re.exec(expanded)) !== null) {
    cells.push({ text: m[0], x: m.index + m[0].length / 2, width: m[0].length });
  }
  return cells;
}

interface TextOptions {
  markdown?: boolean;
}

/** Read plain text (and Markdown) into lines. */
export function readText(input: string, opts: TextOptions = {}): ExtractedDocument {
  let text = input.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  let declaredYear: number | undefined;
  // Our corpus' two header lines: SOURCE: …, YEAR: ….
  const header = text.match(/^(?:SOURCE:[^\n]*\n)?YEAR:\s*(\d{4})\s*\n/);
  if (header) {
    declaredYear = Number(header[1]);
    text = text.slice(header[0].length);
  } else {
    text = text.replace(/^SOURCE:[^\n]*\n/, '');
  }
  text = text.replace(MARKERS, '');
  if (!opts.markdown) text = relineRunTogether(text);
  const pages = stripPageFurniture(text.split('\f').map((p) => p.split('\n')));
  const lines: DocLine[] = [];
  let openRow: DocLine | null = null; // Word-extracted cells being collected into one table row
  let lastWasCell = false;
  pages.forEach((pageLines, p) => {
    for (let li = 0; li < pageLines.length; li++) {
      const raw = pageLines[li]!;
      const next = pageLines[li + 1];
      const line = raw.replace(/\s+$/, '');
      if (opts.markdown && /^\s*\|/.test(line)) {
        openRow = null;
        lastWasCell = false;
        if (/^[\s|:-]+$/.test(line) && line.includes('-')) continue; // the |---|---| separator
        const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
        const cells = inner.split(/(?<!\\)\|/).map((c) => ({
          text: c
            .replace(/\\\|/g, '|')
            .replace(/\*\*|__|`/g, '')
            .trim(),
        }));
        // Converters pad rows with empty trailing cells; a page footer (「— 5 —」) may sit inside a table.
        while (cells.length > 1 && cells[cells.length - 1]!.text === '') cells.pop();
        if (cells.length === 1 && (cells[0]!.text === '' || isPageNumber(cells[0]!.text))) continue;
        // A header row (the line above |---|) that names no row but only columns (「数据1」…): not data.
        if (/^\s*\|[\s|:-]+\|?\s*$/.test(next ?? '') && !cells.slice(1).some((c) => /^[\d,.-]+$/.test(c.text))) {
          lines.push({ kind: 'flow', cells: [{ text: cells.map((c) => c.text).join(' ') }], page: p + 1 });
          continue;
        }
        lines.push({ kind: 'row', cells, page: p + 1 });
        continue;
      }
      if (line.trim() === '') {
        openRow = null;
        lastWasCell = false;
        continue;
      }
      if (/^\t/.test(line)) {
        // A Word table cell: one per line, the row ends at an empty line.
        if (!openRow) {
          openRow = { kind: 'row', cells: [], page: p + 1 };
          lines.push(openRow);
        }
        // One leading tab per cell line; tabs inside the line separate further cells of the same row.
        for (const part of line.replace(/^\t/, '').split('\t')) openRow.cells.push({ text: part.trim() });
        lastWasCell = true;
        continue;
      }
      if (lastWasCell && openRow && openRow.cells.length) {
        // The wrapped rest of the previous cell's text.
        const cell = openRow.cells[openRow.cells.length - 1]!;
        cell.text += line.trim();
        continue;
      }
      openRow = null;
      lastWasCell = false;
      if (opts.markdown) {
        const t = line.replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(?=\S))/, '').replace(/\*\*|__|`/g, '');
        lines.push({ kind: 'flow', cells: [{ text: t.trim() }], page: p + 1 });
        continue;
      }
      lines.push({ kind: 'layout', cells: layoutCells(line), page: p + 1 });
    }
  });
  return { source: opts.markdown ? 'md' : 'txt', lines, declaredYear };
}
