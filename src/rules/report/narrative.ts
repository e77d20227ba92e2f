/**
 * Narrative templates: the report's text takes its figures from the tables, so prose and tables cannot disagree.
 *
 * A template is text with placeholders: 「本年新收政府信息公开申请{{requests.new.total}}件」. Paths:
 *   agency, year
 *   requests.<row>.<column>        any table-3 row key and applicant column (report-data.md)
 *   requests.<group>.<column>      outcome group sums: withheld, unable, not_processed, … (outcomes.ts groups)
 *   appeals.<group>.<column>       reconsideration | litigation_direct | litigation_after_reconsideration
 *   appeals.litigation.<column>    行政诉讼 as a whole (both litigation groups)
 *   proactive.<row>.<column>       table-2 cells of the report's format
 * An unknown placeholder, or one whose cell is blank, is an error: the text is not published with a hole in it.
 */

import type { OutcomeGroup } from '../outcomes.js';
import { APPEAL_COLUMN_KEYS, APPLICANT_COLUMN_KEYS, OTHER_SUB_ROW_KEYS, outcomeRowKeys, requestRow } from './format.js';
import type { AppealColumn, ApplicantColumn, CellValue, ChapterKey, CheckedReport, Report, RequestRowKey } from './types.js';

export class NarrativeError extends Error {
  constructor(
    message: string,
    readonly placeholder: string,
  ) {
    super(message);
    this.name = 'NarrativeError';
  }
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

const GROUPS: readonly OutcomeGroup[] = ['disclosed', 'partly_disclosed', 'withheld', 'unable', 'not_processed', 'other'];

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 10000) / 10000);
}

type AnyReport = Report | CheckedReport;

function sumOrNull(values: CellValue[]): CellValue {
  let s = 0;
  for (const v of values) {
    if (v === null || v === undefined) return null;
    s += v;
  }
  return s;
}

/** The value a placeholder path names, or `undefined` when the path is unknown. */
export function resolvePlaceholder(report: AnyReport, path: string): string | number | null | undefined {
  if (path === 'agency') return report.agency;
  if (path === 'year') return report.year;
  const parts = path.split('.');
  if (parts.length !== 3) return undefined;
  const [table, row, col] = parts as [string, string, string];
  if (table === 'requests') {
    if (!(APPLICANT_COLUMN_KEYS as readonly string[]).includes(col)) return undefined;
    const c = col as ApplicantColumn;
    const t = report.tables.requests;
    const direct = t[row as RequestRowKey];
    if (direct) return direct[c];
    if ((GROUPS as readonly string[]).includes(row)) {
      const hasSubs = OTHER_SUB_ROW_KEYS.some((k) => t[k] !== undefined);
      const rows: RequestRowKey[] =
        row === 'other' ? (hasSubs ? [...OTHER_SUB_ROW_KEYS] : ['other']) : outcomeRowKeys('2019').filter((k) => k !== 'other' && requestRow(k).group === row);
      return sumOrNull(rows.map((k) => t[k]?.[c] ?? null));
    }
    return undefined;
  }
  if (table === 'appeals') {
    if (!(APPEAL_COLUMN_KEYS as readonly string[]).includes(col)) return undefined;
    const c = col as AppealColumn;
    const a = report.tables.appeals;
    if (row === 'litigation') return sumOrNull([a.litigation_direct[c], a.litigation_after_reconsideration[c]]);
    const g = a[row as keyof typeof a];
    return g ? g[c] : undefined;
  }
  if (table === 'proactive') {
    const p = report.tables.proactive as unknown as Record<string, Record<string, CellValue> | undefined>;
    const r = p[row];
    if (!r || !(col in r)) return undefined;
    return r[col] ?? null;
  }
  return undefined;
}

/** Fill a template's placeholders from the report. Throws NarrativeError on an unknown or blank placeholder. */
export function bindNarrative(template: string, report: AnyReport): string {
  return template.replace(PLACEHOLDER, (_m, raw: string) => {
    const path = raw.trim();
    const v = resolvePlaceholder(report, path);
    if (v === undefined) throw new NarrativeError(`报告文字模板中的占位符“{{${path}}}”无法识别，请检查拼写。`, path);
    if (v === null) throw new NarrativeError(`报告文字模板中的占位符“{{${path}}}”对应的表格数据为空，无法生成文字。`, path);
    return typeof v === 'number' ? formatNumber(v) : v;
  });
}

/** The placeholder paths a template uses (for editors that want to list or pre-check them). */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim());
}

/** Check a template against a report without rendering it: the placeholders that are unknown or blank. */
export function checkTemplate(template: string, report: AnyReport): { unknown: string[]; blank: string[] } {
  const unknown: string[] = [];
  const blank: string[] = [];
  for (const p of templatePlaceholders(template)) {
    const v = resolvePlaceholder(report, p);
    if (v === undefined) unknown.push(p);
    else if (v === null) blank.push(p);
  }
  return { unknown, blank };
}

/** Standard sentences for chapters 三 and 四 whose figures come from the tables. */
export const STANDARD_SENTENCES = {
  requests:
    '本年度新收政府信息公开申请{{requests.new.total}}件，上年结转政府信息公开申请{{requests.carried_in.total}}件；' +
    '本年度办结{{requests.total.total}}件，其中予以公开{{requests.disclosed.total}}件，部分公开{{requests.partly_disclosed.total}}件，' +
    '不予公开{{requests.withheld.total}}件，无法提供{{requests.unable.total}}件，不予处理{{requests.not_processed.total}}件，' +
    '其他处理{{requests.other.total}}件；结转下年度继续办理{{requests.carried_out.total}}件。',
  appeals: '本年度因政府信息公开工作被申请行政复议{{appeals.reconsideration.total}}件，被提起行政诉讼{{appeals.litigation.total}}件。',
} as const;

/** The words of a report around its tables. Every text may hold placeholders; paragraphs are separated by newlines. */
export interface ReportNarrative {
  /** Defaults to 「{agency}{year}年政府信息公开工作年度报告」. */
  title?: string;
  /** Opening paragraph(s) before chapter 一; defaults to DEFAULT_PREFACE (basis and statistics period). */
  preface?: string;
  /** Text of each chapter; in chapters 二–四 it comes before the table. */
  chapters: Partial<Record<ChapterKey, string>>;
  /** Closing lines (issuing agency, date), right-aligned by renderers that can. */
  closing?: string;
}

export const DEFAULT_PREFACE =
  '本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制。报告中所列数据的统计期限自{{year}}年1月1日起至{{year}}年12月31日止。';

/** The official title of a report. */
export function reportTitle(report: Pick<Report, 'agency' | 'year'> | Pick<CheckedReport, 'agency' | 'year'>): string {
  return `${report.agency ?? ''}${report.year ?? ''}年政府信息公开工作年度报告`;
}

/** Bind every text of a narrative (throws NarrativeError on an unknown or blank placeholder). */
export function bindReportNarrative(
  narrative: ReportNarrative,
  report: AnyReport,
): Required<Omit<ReportNarrative, 'chapters'>> & { chapters: Partial<Record<ChapterKey, string>> } {
  const chapters: Partial<Record<ChapterKey, string>> = {};
  for (const [k, v] of Object.entries(narrative.chapters) as [ChapterKey, string | undefined][]) if (v !== undefined) chapters[k] = bindNarrative(v, report);
  return {
    title: bindNarrative(narrative.title ?? reportTitle(report), report),
    preface: bindNarrative(narrative.preface ?? DEFAULT_PREFACE, report),
    chapters,
    closing: bindNarrative(narrative.closing ?? '', report),
  };
}
