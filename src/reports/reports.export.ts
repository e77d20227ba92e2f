import { renderDocx, normalizeCell, formatChineseDate, layoutTable, charWidth, type TableBlock, type TableCell } from '../platform/documents/index.js';
import { html, raw, type Raw } from '../portal/html.js';
import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  APPLICANT_COLUMNS,
  PROACTIVE_TABLE_TITLE,
  REQUESTS_TABLE_TITLE,
  APPEALS_TABLE_TITLE,
  proactiveBlocks,
  requestRow,
  requestRowKeys,
  type CellValue,
  type Report,
} from '../rules/report/index.js';
import { reportDocument, reportTitle, textBlocks, type ReportChapter, type ReportDocumentInput } from './reports.document.js';

/**
 * The published forms of a report: .json (report-data.md exactly), .csv (one line per cell), .docx (the
 * official layout), .txt, and the accessible HTML of the portal page.
 */

export type ExportFormat = 'json' | 'csv' | 'docx' | 'txt' | 'html';

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** The report-data.md object, keys in the documented order. */
export function reportData(report: Report): Report {
  return { agency: report.agency, year: report.year, format: report.format, tables: report.tables, findings: report.findings };
}

export const toJson = (report: Report): string => `${JSON.stringify(reportData(report), null, 2)}\n`;

const csvField = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One line per cell: table, row key, column key, the official labels and the value (blank for null). */
export function toCsv(report: Report): string {
  const lines: (string | number | null)[][] = [['table', 'row', 'column', '表格', '行', '列', 'value']];
  const p = report.tables.proactive as unknown as Record<string, Record<string, CellValue>>;
  for (const block of proactiveBlocks(report.format)) {
    for (const r of block.rows) for (const c of block.columns) lines.push(['proactive', r.key, c.key, PROACTIVE_TABLE_TITLE, `${block.article}${r.label}`, c.label, p[r.key]?.[c.key] ?? null]);
  }
  const t = report.tables.requests as unknown as Record<string, Record<string, CellValue>>;
  for (const key of requestRowKeys(report.format)) {
    const def = requestRow(key);
    for (const c of APPLICANT_COLUMNS) lines.push(['requests', key, c.key, REQUESTS_TABLE_TITLE, def.short, c.fullLabel, t[key]?.[c.key] ?? null]);
  }
  for (const g of APPEAL_GROUPS) {
    for (const c of APPEAL_COLUMNS) lines.push(['appeals', g.key, c.key, APPEALS_TABLE_TITLE, g.parent === '行政诉讼' ? `行政诉讼—${g.label}` : g.label, c.label, report.tables.appeals[g.key]?.[c.key] ?? null]);
  }
  // A BOM so that spreadsheet programs read the Chinese labels as UTF-8.
  return `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export async function toDocx(input: ReportDocumentInput): Promise<Buffer> {
  return renderDocx(reportDocument(input), { createdAt: new Date(`${input.signedDate}T00:00:00Z`) });
}

const IDEOGRAPHIC_SPACE = '\u3000';

/**
 * Plain text laid out like `pdftotext -layout` output of a printed report: paragraphs indented two full-width
 * spaces, and each table row on one line, its cells separated by runs of spaces (merged cells once), which is
 * what people paste and what the checker reads.
 */
export function toText(input: ReportDocumentInput): string {
  const doc = reportDocument(input);
  const out: string[] = [doc.title, ''];
  for (const b of doc.blocks) {
    if (b.type === 'heading') out.push(b.text);
    else if (b.type === 'paragraph') out.push(`${IDEOGRAPHIC_SPACE.repeat(2)}${b.text}`);
    else if (b.type === 'list') out.push(...b.items.map((i) => `${IDEOGRAPHIC_SPACE.repeat(2)}${i}`));
    else {
      const { grid, headerRows } = layoutTable(b);
      const widths: number[] = [];
      const w = (c: string) => Math.ceil(charWidth(c.replace(/\n/g, '')) * 2);
      // Column widths from the body rows, capped: a long merged label overflows rather than widening everything.
      for (const row of grid.slice(headerRows)) row.forEach((c, i) => (widths[i] = Math.min(40, Math.max(widths[i] ?? 0, w(c)))));
      out.push('');
      for (const row of grid) {
        const cells = row.map((c, i) => c.replace(/\n/g, '') + ' '.repeat(Math.max(0, (widths[i] ?? 0) - w(c))));
        const line = cells.join('    ').replace(/\s+$/, '');
        if (line.trim()) out.push(line);
      }
      out.push('');
    }
  }
  out.push('', doc.signature!.agency, formatChineseDate(doc.signature!.date));
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Accessible HTML (portal)

const NUMERIC = /^-?\d+(\.\d+)?$/;

function cellAttrs(c: ReturnType<typeof normalizeCell>): string {
  return `${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}`;
}

/** A table with header cells marked up for screen readers: column headers in thead, row labels as th scope=row. */
export function accessibleTable(t: TableBlock, caption: string, id: string): Raw {
  const head = (t.header ?? []).map((r) => `<tr>${r.map((x) => {
    const c = normalizeCell(x);
    return `<th scope="${c.colSpan > 1 ? 'colgroup' : 'col'}"${cellAttrs(c)}>${esc(c.text)}</th>`;
  }).join('')}</tr>`).join('');
  const body = t.rows.map((r) => `<tr>${r.map((x: TableCell, i: number) => {
    const c = normalizeCell(x);
    if (c.text === '' || NUMERIC.test(c.text)) return `<td${cellAttrs(c)}>${esc(c.text)}</td>`;
    const scope = c.rowSpan > 1 ? 'rowgroup' : c.colSpan > 2 && i === 0 ? 'colgroup' : i === 0 || r.length > 1 ? 'row' : 'col';
    return `<th scope="${scope}"${cellAttrs(c)}>${esc(c.text)}</th>`;
  }).join('')}</tr>`).join('');
  return raw(`<div class="table-wrap" role="region" aria-labelledby="${id}" tabindex="0"><table class="report-table"><caption id="${id}">${esc(caption)}</caption>${head ? `<thead>${head}</thead>` : ''}<tbody>${body}</tbody></table></div>`);
}

function esc(s: string): string {
  return String(html`${s}`);
}

/** The report as an HTML fragment for the portal: headings, paragraphs, tables with captions and header scopes. */
export function reportHtml(input: ReportDocumentInput): Raw {
  const doc = reportDocument(input);
  const parts: Raw[] = [];
  let tableNo = 0;
  for (const b of doc.blocks) {
    if (b.type === 'heading') parts.push(b.level === 1 ? html`<h2>${b.text}</h2>` : html`<h3>${b.text}</h3>`);
    else if (b.type === 'paragraph') parts.push(html`<p>${b.text}</p>`);
    else if (b.type === 'table') {
      tableNo += 1;
      const caption = [PROACTIVE_TABLE_TITLE, REQUESTS_TABLE_TITLE, APPEALS_TABLE_TITLE][tableNo - 1] ?? '';
      parts.push(accessibleTable(b, caption, `report-table-${tableNo}`));
    }
  }
  return html`<article class="annual-report" lang="zh-CN">
<h1>${reportTitle(input.report.agency, input.report.year)}</h1>
${parts}
<p class="signature">${input.report.agency}<br>${formatChineseDate(input.signedDate)}</p>
</article>`;
}

export { textBlocks, type ReportChapter };
