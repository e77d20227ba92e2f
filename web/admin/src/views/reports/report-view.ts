/**
 * Pure helpers of the annual-report pages (no DOM, no Vue): the official table layouts, where a finding points,
 * deadlines and punctuality, the bound-figure catalogue for the editor. Labels come from src/rules/report, the
 * same data the server renders the published report with, so the console and the report cannot differ.
 */

import { OUTCOME_GROUP_LABELS } from '../../../../../src/rules/outcomes.js';
import { APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANT_COLUMNS, CHAPTERS, proactiveBlocks, requestRow } from '../../../../../src/rules/report/format.js';
import { resolvePlaceholder } from '../../../../../src/rules/report/narrative.js';
import { cellText, requestsLayoutFor, type RequestsLayoutRow } from '../../../../../src/reports/render/layout.js';
import type { FindingRule, Report, ReportFormat, RequestRowKey, Severity } from '../../../../../src/rules/report/types.js';

export const FORMAT_LABELS: Record<ReportFormat, string> = { '2019': '2019年试行格式', '2021': '2021年修订格式' };
export const FORMAT_DOCS: Record<ReportFormat, string> = { '2019': '国办公开办函〔2019〕60号', '2021': '国办公开办函〔2021〕30号' };

export const RULE_LABELS: Record<FindingRule, string> = {
  identity: '勾稽关系',
  'row-total': '办理结果合计',
  'column-total': '申请人合计',
  'appeal-total': '复议诉讼合计',
  'carry-over': '上年结转',
  prose: '文字与表格',
  format: '报告格式',
  chapters: '章节内容',
  blank: '空白或无效数字',
  unreadable: '无法读取',
};

export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '提示' };

export function ruleLabel(rule: string): string {
  return (RULE_LABELS as Record<string, string>)[rule] ?? rule;
}

// ---------------------------------------------------------------------------------------------------------------
// Table 3 — the printed rows in the official layout

// The one layout of the printed report (src/reports/render/layout.ts, pure): the console cannot differ from it.
export { cellText, requestsLayoutFor as requestsLayout, type RequestsLayoutRow };

/** The DOM id of a table cell or row, from a finding's `where` (requests.total.natural_person → rc-requests-total-natural_person). */
export function cellId(where: string, prefix = 'rc'): string {
  return `${prefix}-${where.replace(/[^\w-]+/g, '-')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Where a finding points

export type Target =
  | { tab: 'tables'; table: 'proactive' | 'requests' | 'appeals'; anchor: string; label: string }
  | { tab: 'narrative'; chapter: string; label: string }
  | { tab: null; label: string };

const TABLE_NAMES = {
  proactive: '表二 主动公开政府信息情况',
  requests: '表三 收到和处理政府信息公开申请情况',
  appeals: '表四 政府信息公开行政复议、行政诉讼情况',
} as const;

const GROUP_ROW_LABELS: Record<string, string> = {
  ...OUTCOME_GROUP_LABELS,
  partly_disclosed: '（二）部分公开',
};

function chapterLabel(key: string): string {
  if (key === 'preamble') return '导语';
  return CHAPTERS.find((c) => c.key === key)?.title ?? key;
}

/** Where a finding points, in Chinese, and which tab and element to open. */
export function locate(where: string, format: ReportFormat): Target {
  const [table, row, col] = where.split('.');
  if (table === 'chapters' && row) return { tab: 'narrative', chapter: row, label: `文字：${chapterLabel(row)}` };
  if (table === 'requests') {
    const colLabel = col ? APPLICANT_COLUMNS.find((c) => c.key === col)?.fullLabel : undefined;
    let rowLabel: string | undefined;
    if (row) {
      try {
        rowLabel = requestRow(row as RequestRowKey).short;
      } catch {
        rowLabel = GROUP_ROW_LABELS[row];
      }
    }
    const anchor = row ? cellId(`requests.${row}${col && colLabel ? `.${col}` : ''}`) : 'table-requests';
    const label = ['表三', rowLabel && `“${rowLabel}”行`, colLabel && `“${colLabel}”列`].filter(Boolean).join('');
    return { tab: 'tables', table: 'requests', anchor, label };
  }
  if (table === 'appeals') {
    const g = APPEAL_GROUPS.find((x) => x.key === row);
    const c = APPEAL_COLUMNS.find((x) => x.key === col);
    const groupLabel = row === 'litigation' ? '行政诉讼（合计）' : g ? (g.parent === '行政诉讼' ? `行政诉讼·${g.label}` : g.label) : undefined;
    const anchor = g && c ? cellId(`appeals.${row}.${col}`) : 'table-appeals';
    return { tab: 'tables', table: 'appeals', anchor, label: ['表四', groupLabel && `“${groupLabel}”`, c && `“${c.label}”`].filter(Boolean).join('') };
  }
  if (table === 'proactive') {
    const cells = proactiveBlocks(format).flatMap((b) => b.rows.map((r) => ({ r, b })));
    const hit = cells.find((x) => x.r.key === row);
    const c = hit?.b.columns.find((x) => x.key === col);
    const anchor = hit ? cellId(`proactive.${row}${c ? `.${col}` : ''}`) : 'table-proactive';
    return { tab: 'tables', table: 'proactive', anchor, label: ['表二', hit && `“${hit.r.label}”`, c && `“${c.label}”`].filter(Boolean).join('') };
  }
  if (where === 'year') return { tab: null, label: '报告年度' };
  if (where === 'file') return { tab: null, label: '文件' };
  return { tab: null, label: where || '—' };
}

export { TABLE_NAMES };

// ---------------------------------------------------------------------------------------------------------------
// Deadlines (条例第四十九条)

/** The day a report is due: departments by 31 January; a government's report with its departments by 31 March. */
export function deadlineOf(year: number, scope: 'agency' | 'subtree'): string {
  return scope === 'subtree' ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}

/** The calendar date in Beijing of an instant, YYYY-MM-DD. */
export function beijingDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface Punctuality {
  kind: 'on_time' | 'late' | 'overdue' | 'pending';
  label: string;
  /** Element Plus tag type. */
  type: 'success' | 'danger' | 'warning' | 'info';
}

/** Whether a report was published by its deadline (first publication counts; corrections do not make it late). */
export function punctuality(r: { year: number; scope: 'agency' | 'subtree'; firstPublishedAt: string | null }, today: string): Punctuality {
  const due = deadlineOf(r.year, r.scope);
  if (r.firstPublishedAt) {
    const on = beijingDay(r.firstPublishedAt);
    if (on <= due) return { kind: 'on_time', label: '按时发布', type: 'success' };
    return { kind: 'late', label: `逾期 ${daysBetween(due, on)} 天发布`, type: 'danger' };
  }
  if (today > due) return { kind: 'overdue', label: `已逾期 ${daysBetween(due, today)} 天`, type: 'danger' };
  return { kind: 'pending', label: `距期限 ${daysBetween(today, due)} 天`, type: today >= `${r.year + 1}-01-01` ? 'warning' : 'info' };
}

/** 2021-01-31 → 2021年1月31日 */
export function chineseDate(d: string | null | undefined): string {
  if (!d) return '—';
  const [y, m, day] = d.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

// ---------------------------------------------------------------------------------------------------------------
// Bound figures: what the editor offers as chips, and how a template previews

export interface FigureOption {
  path: string;
  label: string;
}

export interface FigureGroup {
  title: string;
  options: FigureOption[];
}

/** Placeholders an author can insert, grouped as the tables are, with the official labels. */
export function figureCatalogue(format: ReportFormat): FigureGroup[] {
  const requests: FigureOption[] = [
    { path: 'requests.new.total', label: '本年新收申请（总计）' },
    { path: 'requests.carried_in.total', label: '上年结转申请（总计）' },
    { path: 'requests.total.total', label: '本年办结（总计）' },
    { path: 'requests.carried_out.total', label: '结转下年度（总计）' },
    { path: 'requests.disclosed.total', label: '予以公开' },
    { path: 'requests.partly_disclosed.total', label: '部分公开' },
    { path: 'requests.withheld.total', label: '不予公开（合计）' },
    { path: 'requests.unable.total', label: '无法提供（合计）' },
    { path: 'requests.not_processed.total', label: '不予处理（合计）' },
    { path: 'requests.other.total', label: '其他处理（合计）' },
    ...APPLICANT_COLUMNS.filter((c) => c.key !== 'total').map((c) => ({ path: `requests.new.${c.key}`, label: `新收申请·${c.fullLabel}` })),
  ];
  const appeals: FigureOption[] = [
    { path: 'appeals.reconsideration.total', label: '行政复议（总计）' },
    { path: 'appeals.reconsideration.upheld', label: '行政复议·结果维持' },
    { path: 'appeals.reconsideration.corrected', label: '行政复议·结果纠正' },
    { path: 'appeals.reconsideration.other', label: '行政复议·其他结果' },
    { path: 'appeals.reconsideration.pending', label: '行政复议·尚未审结' },
    { path: 'appeals.litigation.total', label: '行政诉讼（总计）' },
    { path: 'appeals.litigation_direct.total', label: '未经复议直接起诉（总计）' },
    { path: 'appeals.litigation_after_reconsideration.total', label: '复议后起诉（总计）' },
  ];
  const proactive: FigureOption[] = proactiveBlocks(format).flatMap((b) =>
    b.rows.flatMap((r) => b.columns.map((c) => ({ path: `proactive.${r.key}.${c.key}`, label: `${r.label}·${c.label}` }))),
  );
  return [
    {
      title: '基本信息',
      options: [
        { path: 'agency', label: '机关名称' },
        { path: 'year', label: '报告年度' },
      ],
    },
    { title: '表三 依申请公开', options: requests },
    { title: '表四 复议诉讼', options: appeals },
    { title: '表二 主动公开', options: proactive },
  ];
}

/** A human label for a placeholder path (the catalogue's, or the path itself). */
export function figureLabel(path: string, format: ReportFormat): string {
  for (const g of figureCatalogue(format)) for (const o of g.options) if (o.path === path) return o.label;
  return path;
}

export type Segment = { kind: 'text'; text: string } | { kind: 'figure'; path: string; value: string | null; problem: 'unknown' | 'blank' | null };

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** A template cut into text and bound figures with their values, for the preview (figures highlighted, holes shown). */
export function segments(template: string, report: Pick<Report, 'agency' | 'year' | 'format' | 'tables'>): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index! > last) out.push({ kind: 'text', text: template.slice(last, m.index) });
    const path = m[1]!.trim();
    const v = resolvePlaceholder({ ...report, findings: [] }, path);
    if (v === undefined) out.push({ kind: 'figure', path, value: null, problem: 'unknown' });
    else if (v === null) out.push({ kind: 'figure', path, value: null, problem: 'blank' });
    else out.push({ kind: 'figure', path, value: typeof v === 'number' ? cellText(v) : v, problem: null });
    last = m.index! + m[0].length;
  }
  if (last < template.length) out.push({ kind: 'text', text: template.slice(last) });
  return out;
}

/** Segments split into paragraphs (one per non-empty line). */
export function paragraphSegments(template: string, report: Pick<Report, 'agency' | 'year' | 'format' | 'tables'>): Segment[][] {
  return template
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0)
    .map((line) => segments(line.trim(), report));
}

/** Markers of text still to be written (【待补充：…】). */
export const TODO_MARK = /【待补充[：:][^】]*】/g;

export function todoMarks(template: string): string[] {
  return [...template.matchAll(TODO_MARK)].map((m) => m[0]);
}

export const CHAPTER_DEFS = CHAPTERS.map((c) => ({ key: c.key, index: c.index, title: c.title }));

// ---------------------------------------------------------------------------------------------------------------
// The checker

const PROSE_ROWS: Record<string, string> = {
  new: '本年新收申请',
  carried_in: '上年结转申请',
  total: '本年办结',
  carried_out: '结转下年度',
  disclosed: '予以公开',
  partly_disclosed: '部分公开',
  withheld: '不予公开',
  unable: '无法提供',
  not_processed: '不予处理',
  other: '其他处理',
};
const PROSE_APPEALS: Record<string, string> = {
  reconsideration: '行政复议',
  litigation: '行政诉讼',
  litigation_direct: '未经复议直接起诉',
  litigation_after_reconsideration: '复议后起诉',
};
const APPEAL_COLUMN_WORDS: Record<string, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' };

/** What a figure read from a report's text refers to, in Chinese (requests.new.total → 本年新收申请（总计）). */
export function proseKindLabel(kind: string): string {
  const [table, row, col] = kind.split('.');
  if (table === 'requests' && row) return PROSE_ROWS[row] ?? kind;
  if (table === 'appeals' && row && col) return `${PROSE_APPEALS[row] ?? row}${col === 'total' ? '' : `·${APPEAL_COLUMN_WORDS[col] ?? col}`}`;
  return kind;
}

export interface CheckedFileRow {
  file: string;
  agency: string | null;
  year: number | null;
  format: ReportFormat | null;
  /** ok: no error; errors: findings with errors; unreadable: the file could not be read as a report. */
  result: 'ok' | 'errors' | 'unreadable';
  errors: number;
  warnings: number;
  /** The first error's message, or why the file is unreadable. */
  note: string;
}

const RESULT_WORDS: Record<CheckedFileRow['result'], string> = { ok: '未发现错误', errors: '有错误', unreadable: '无法读取' };

export function resultLabel(r: CheckedFileRow['result']): string {
  return RESULT_WORDS[r];
}

function csvField(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The summary of many checked files as CSV (with a BOM so Excel/WPS read the Chinese). */
export function summaryCsv(rows: CheckedFileRow[]): string {
  const head = ['文件', '机关', '年度', '报告格式', '检查结果', '错误数', '提示数', '说明'];
  const lines = rows.map((r) =>
    [r.file, r.agency, r.year, r.format ? FORMAT_LABELS[r.format] : null, resultLabel(r.result), r.errors, r.warnings, r.note].map(csvField).join(','),
  );
  return `\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`;
}

/** File types the checker reads. */
export const CHECKABLE = /\.(txt|text|html?|docx|pdf|md|markdown)$/i;

/**
 * The year a new report defaults to: last year's, unless the agency already has it; then the latest year
 * before that without a report (reports are written after the year they cover). Undefined when all exist.
 */
export function defaultNewReportYear(thisYear: number, existingYears: number[]): number | undefined {
  const have = new Set(existingYears);
  for (let y = thisYear - 1; y >= 2019; y--) if (!have.has(y)) return y;
  return have.has(thisYear) ? undefined : thisYear;
}

/**
 * The countdown card's sentence before the report period opens: the days shown are already counting to the
 * deadline, so it says so, and when the period of compiling and publishing begins.
 */
export function countdownWaitingText(d: { reportYear: number; opensOn: string; deadline: string; daysLeft: number }): string {
  return `距 ${d.reportYear} 年度报告公布期限（${chineseDate(d.deadline)}）还有 ${d.daysLeft} 天。报告统计 ${d.reportYear} 年 1 月 1 日至 12 月 31 日的数据，${chineseDate(d.opensOn)}起进入编制和公布期。`;
}
