import { renderDocx, formatChineseDate } from '../platform/documents/index.js';
import { raw, type Raw } from '../platform/web/html.js';
import { renderReportHtml, renderReportText } from './render/index.js';
import type { ReportNarrative } from '../rules/report/narrative.js';
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
 * official layout, GB/T 9704), and — through the report renderers of src/reports/render — .txt and the
 * accessible HTML of the portal page.
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
    for (const r of block.rows)
      for (const c of block.columns)
        lines.push(['proactive', r.key, c.key, PROACTIVE_TABLE_TITLE, `${block.article}${r.label}`, c.label, p[r.key]?.[c.key] ?? null]);
  }
  const t = report.tables.requests as unknown as Record<string, Record<string, CellValue>>;
  for (const key of requestRowKeys(report.format)) {
    const def = requestRow(key);
    for (const c of APPLICANT_COLUMNS) lines.push(['requests', key, c.key, REQUESTS_TABLE_TITLE, def.short, c.fullLabel, t[key]?.[c.key] ?? null]);
  }
  for (const g of APPEAL_GROUPS) {
    for (const c of APPEAL_COLUMNS)
      lines.push([
        'appeals',
        g.key,
        c.key,
        APPEALS_TABLE_TITLE,
        g.parent === '行政诉讼' ? `行政诉讼—${g.label}` : g.label,
        c.label,
        report.tables.appeals[g.key]?.[c.key] ?? null,
      ]);
  }
  // A BOM so that spreadsheet programs read the Chinese labels as UTF-8.
  return `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export async function toDocx(input: ReportDocumentInput): Promise<Buffer> {
  return renderDocx(reportDocument(input), { createdAt: new Date(`${input.signedDate}T00:00:00Z`) });
}

/** Text that is already bound keeps no placeholder; a broken one in a draft is shown, never re-bound. */
const inert = (s: string) => s.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, '【$1】');

/**
 * The narrative for the report renderers (src/reports/render): the texts already bound, the correction note
 * (in files) ahead of the preamble, and the signature as the closing lines.
 */
export function narrativeOf(input: ReportDocumentInput, opts: { correctionNote?: boolean } = {}): ReportNarrative {
  const note = opts.correctionNote !== false && input.correctionNote?.trim() ? `更正说明（第${input.version ?? ''}版）：${input.correctionNote.trim()}` : '';
  return {
    title: inert(reportTitle(input.report.agency, input.report.year)),
    preface: inert([note, input.preamble ?? ''].filter((x) => x.trim()).join('\n')),
    chapters: Object.fromEntries(input.chapters.map((c) => [c.key, inert(c.text)])),
    closing: `${input.report.agency}\n${formatChineseDate(input.signedDate)}`,
  };
}

/** Plain text in the official layout (aligned tables), as the checker reads it back. */
export const toText = (input: ReportDocumentInput): string => renderReportText(input.report, narrativeOf(input));

/** A complete HTML document of the report (accessible tables), for files. */
export const toHtml = (input: ReportDocumentInput): string => renderReportHtml(input.report, narrativeOf(input));

/** The report's <article> for a portal page (the page shows the correction note itself). */
export function reportHtml(input: ReportDocumentInput): Raw {
  const full = renderReportHtml(input.report, narrativeOf(input, { correctionNote: false }));
  const m = /<article>([\s\S]*)<\/article>/.exec(full);
  return raw(`<article class="annual-report" lang="zh-CN">${m ? m[1] : ''}</article>`);
}

export { textBlocks, type ReportChapter };
