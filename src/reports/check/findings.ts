/**
 * The findings as a supervising office reads them: what it must act on first (the arithmetic and the prose that
 * contradicts the tables), one finding per blank area of a table rather than one per row, formatting last. For a
 * scan read by OCR, where a misread digit would look like the agency's error, a table is used only when every one
 * of its checks passes; otherwise it is reported once as not reliably readable.
 */

import { emptyAppealsTable, emptyProactiveTable, emptyRequestsTable } from '../../rules/report/build.js';
import { requestRowKeys, requestRow } from '../../rules/report/format.js';
import type { CheckedReport, Finding, RequestRowKey } from '../../rules/report/types.js';

const ARITHMETIC = new Set<Finding['rule']>(['identity', 'row-total', 'column-total', 'appeal-total', 'carry-over', 'prose']);

function rank(f: Finding): number {
  if (f.severity === 'error') return ARITHMETIC.has(f.rule) ? 0 : 1;
  if (f.rule === 'format') return 4;
  if (f.rule === 'blank') return 3;
  return 2;
}

/** Sort findings by what must be acted on (stable within a rank). */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i, r: rank(f) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.f);
}

const TABLE_NAMES: Record<string, string> = {
  requests: '表三“收到和处理政府信息公开申请情况”',
  appeals: '表四“政府信息公开行政复议、行政诉讼情况”',
  proactive: '表二“主动公开政府信息情况”',
};

/**
 * One finding per blank area: table 3's blank findings of consecutive rows become one (naming the rows); table 2's
 * and table 4's become one each. A single blank finding is kept as it is.
 */
export function mergeBlankFindings(findings: readonly Finding[], format: CheckedReport['format']): Finding[] {
  const blank = (f: Finding) => f.rule === 'blank' && /为空/.test(f.message);
  const order = requestRowKeys(format);
  const rowOf = (f: Finding) => f.where.split('.')[1] as RequestRowKey;
  const out: Finding[] = [];
  const groups = new Map<Finding, Finding[]>();
  let area: Finding[] = [];
  let lastIndex = -2;
  let lastTable = '';
  for (const f of findings) {
    if (!blank(f)) {
      out.push(f);
      continue;
    }
    const table = f.where.split('.')[0]!;
    const idx = table === 'requests' ? order.indexOf(rowOf(f)) : 0;
    const continues =
      area.length > 0 && table === lastTable && (table !== 'requests' || idx === lastIndex || idx === lastIndex + 1) && f.severity === area[0]!.severity;
    if (!continues) {
      area = [f];
      out.push(f);
      groups.set(f, area);
    } else area.push(f);
    lastIndex = idx;
    lastTable = table;
  }
  return out.map((f) => {
    const g = groups.get(f);
    if (!g || g.length === 1) return f;
    const table = f.where.split('.')[0]!;
    if (table === 'requests') {
      const rows = [...new Set(g.map(rowOf))];
      const names = rows.map((k) => `“${requestRow(k).short}”`);
      const span = rows.length > 1 ? `${names[0]}至${names[names.length - 1]}共${rows.length}行` : `${names[0]}行`;
      return {
        ...f,
        message: `${TABLE_NAMES.requests}${span}有空白单元格（或为“/”“-”等符号），应填写数字，没有的填0。`,
        where: `requests.${rows[0]}`,
        expected: '数字',
        actual: null,
      };
    }
    return {
      ...f,
      message: `${TABLE_NAMES[table] ?? table}有${g.length}栏（行）含空白单元格（或为“/”“-”等符号），应填写数字，没有的填0。`,
      where: table,
      expected: '数字',
      actual: null,
    };
  });
}

const OCR_NOTE = '（文字由扫描件识别得出，请核对原件）';

/**
 * A scan's findings: a table with any arithmetic, blank or missing-row finding is not reliably read (its figures
 * are dropped and one warning says so); other errors become warnings noting that the text came from OCR.
 */
export function ocrFindings(report: CheckedReport, findings: readonly Finding[], absent: readonly string[]): Finding[] {
  const doubtful = new Set<string>();
  for (const f of findings) {
    const table = f.where.split('.')[0]!;
    if (!(table in TABLE_NAMES)) continue;
    if (f.rule === 'prose' || f.rule === 'carry-over' || f.rule === 'format') continue;
    doubtful.add(table);
  }
  for (const a of absent) doubtful.add(a.split('.')[0]!);
  // Table 2 has no sums: a misread digit in it cannot be told from the agency's figure.
  doubtful.add('proactive');
  const out: Finding[] = [];
  for (const table of ['requests', 'appeals', 'proactive']) {
    if (!doubtful.has(table)) continue;
    out.push({
      rule: 'unreadable',
      severity: 'warning',
      message:
        table === 'proactive'
          ? `${TABLE_NAMES[table]}是从扫描件识别（OCR）得到的，该表没有可供核对的勾稽关系，识别错的数字无法发现，未核对该表；请用原PDF、Word或网页文件检查。`
          : `${TABLE_NAMES[table]}是从扫描件识别（OCR）得到的，识别出的数字不完整或不能通过表内勾稽关系核对，无法可靠地读出，未核对该表；请用原PDF、Word或网页文件检查。`,
      expected: table,
      actual: null,
      where: table,
    });
  }
  const t = report.tables as unknown as Record<string, unknown>;
  if (doubtful.has('requests')) t.requests = emptyRequestsTable(report.format, null);
  if (doubtful.has('appeals')) t.appeals = emptyAppealsTable(null);
  if (doubtful.has('proactive')) t.proactive = emptyProactiveTable(report.format, null);
  for (const f of findings) {
    const table = f.where.split('.')[0]!;
    if (doubtful.has(table) || (f.rule === 'prose' && [...doubtful].some((d) => f.where.startsWith(d)))) continue;
    if (f.rule === 'prose' && doubtful.size > 0) continue;
    out.push(f.severity === 'error' ? { ...f, severity: 'warning', message: f.message.replace(/。?$/, `${OCR_NOTE}。`) } : f);
  }
  return out;
}
