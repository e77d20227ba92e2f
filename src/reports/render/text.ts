/**
 * The annual report as plain text: title, the six chapters, and the tables laid out in aligned columns (Chinese
 * characters count double width, as in a monospaced terminal or editor). Blank cells print as 「—」.
 */

import {
  APPEAL_COLUMNS,
  APPEAL_GROUPS,
  APPLICANT_COLUMNS,
  CHAPTERS,
  REQUESTS_IDENTITY_NOTE,
  REQUESTS_TABLE_TITLE,
  APPEALS_TABLE_TITLE,
  proactiveBlocks,
} from '../../rules/report/format.js';
import { bindReportNarrative, type ReportNarrative } from '../../rules/report/narrative.js';
import type { CellValue, ChapterKey } from '../../rules/report/types.js';
import { RESULTS_LABEL, cellText, paragraphs, requestsLayout, type AnyReport } from './layout.js';

/** Display width: East Asian wide and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd) ||
      c === 0x201c ||
      c === 0x201d
        ? 2
        : 1;
  }
  return w;
}

function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

function num(v: CellValue | undefined): string {
  const t = cellText(v);
  return t === '' ? '—' : t;
}

/** Lay out rows of [label, ...values] with the label column left-aligned and values right-aligned. */
function grid(header: string[], rows: string[][], labelWidth?: number): string[] {
  const cols = header.length;
  const widths = Array.from({ length: cols }, (_, i) => Math.max(displayWidth(header[i]!), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  if (labelWidth !== undefined) widths[0] = Math.max(widths[0]!, labelWidth);
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? padEnd(c, widths[0]!) : padStart(c, widths[i]!)))
      .join('    ')
      .replace(/\s+$/, '');
  return [line(header), ...rows.map(line)];
}

function proactiveText(report: AnyReport): string[] {
  const p = report.tables.proactive as unknown as Record<string, Record<string, CellValue> | undefined>;
  const out: string[] = [];
  for (const block of proactiveBlocks(report.format)) {
    out.push(block.article);
    out.push(
      ...grid(
        ['信息内容', ...block.columns.map((c) => c.label)],
        block.rows.map((r) => [r.label, ...block.columns.map((c) => num(p[r.key]?.[c.key]))]),
      ),
    );
    out.push('');
  }
  return out;
}

function requestsText(report: AnyReport): string[] {
  const t = report.tables.requests;
  const out: string[] = [REQUESTS_TABLE_TITLE, REQUESTS_IDENTITY_NOTE];
  const rows: string[][] = [];
  const layout = requestsLayout(report);
  for (const row of layout) {
    if (row.resultsSpan) rows.push([RESULTS_LABEL]);
    if (row.group) rows.push([`  ${row.group.label}`]);
    const indent = row.kind === 'top' ? '' : row.kind === 'result' ? '  ' : '      ';
    rows.push([`${indent}${row.label}`, ...APPLICANT_COLUMNS.map((c) => num(t[row.key]?.[c.key]))]);
  }
  out.push('申请人情况：自然人；法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）；总计');
  out.push(...grid(['', ...APPLICANT_COLUMNS.map((c) => c.label)], rows));
  return out;
}

function appealsText(report: AnyReport): string[] {
  const a = report.tables.appeals;
  const out: string[] = [APPEALS_TABLE_TITLE];
  for (const g of APPEAL_GROUPS) {
    const name = g.parent === '行政诉讼' ? `行政诉讼（${g.label}）` : g.label;
    out.push(`${name}：${APPEAL_COLUMNS.map((c) => c.label).join('、')}`);
  }
  const header = APPEAL_GROUPS.flatMap(() => APPEAL_COLUMNS.map((c) => c.label));
  const values = APPEAL_GROUPS.flatMap((g) => APPEAL_COLUMNS.map((c) => num(a[g.key]?.[c.key])));
  const widths = header.map((h, i) => Math.max(displayWidth(h), displayWidth(values[i]!)));
  out.push(header.map((h, i) => padStart(h, widths[i]!)).join('  '));
  out.push(values.map((v, i) => padStart(v, widths[i]!)).join('  '));
  return out;
}

/** Render a report as plain text. Text placeholders are bound from the tables. */
export function renderReportText(report: AnyReport, narrative: ReportNarrative): string {
  const n = bindReportNarrative(narrative, report);
  const tables: Partial<Record<ChapterKey, string[]>> = {
    proactive: proactiveText(report),
    requests: requestsText(report),
    appeals: appealsText(report),
  };
  const out: string[] = [n.title, ''];
  for (const p of paragraphs(n.preface)) out.push(`    ${p}`);
  for (const c of CHAPTERS) {
    out.push('', c.title);
    for (const p of paragraphs(n.chapters[c.key])) out.push(`    ${p}`);
    const table = tables[c.key];
    if (table) out.push('', ...table);
  }
  const closing = paragraphs(n.closing);
  if (closing.length) out.push('', ...closing);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
