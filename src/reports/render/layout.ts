/**
 * The official layout of the three tables, shared by the HTML and text renderers and the console: which rows are
 * printed, with which labels, under which group headings. Pure (imports only src/rules), so the console's vite and
 * vue-tsc take it as it is.
 */

import { OUTCOME_GROUP_LABELS, type OutcomeGroup } from '../../rules/outcomes.js';
import { OTHER_SUB_ROW_KEYS, RESULTS_HEADING, outcomeRowKeys, requestRow } from '../../rules/report/format.js';
import type { CellValue, CheckedReport, Report, ReportFormat, ReportTables, RequestRowKey } from '../../rules/report/types.js';

export type AnyReport = Report | CheckedReport;

/** One printed row of table 3. */
export interface RequestsLayoutRow {
  key: RequestRowKey;
  /** Label as printed in its own cell: 「一、本年新收…」「（一）予以公开」「1.属于国家秘密」. */
  label: string;
  /** 'top': 一、二、四 (spans the whole label area); 'result': （一）（二）（六）（七) without sub-rows; 'sub': a numbered sub-row. */
  kind: 'top' | 'result' | 'sub';
  /** On the first row of the result block: how many rows 「三、本年度办理结果」 spans. */
  resultsSpan?: number;
  /** On the first sub-row of a group: the group heading and how many rows it spans. */
  group?: { label: string; span: number };
}

/** The printed rows of table 3 (the 2021 format prints （六）'s three sub-rows when the report has them). */
export function requestsLayout(report: AnyReport): RequestsLayoutRow[] {
  return requestsLayoutFor(report.format, report.tables);
}

/**
 * The rows of table 3 as the national format prints them, for a format and (when known) the tables: 2021 prints
 * （六）'s three sub-rows unless the tables lack them. Pure: the console lays out its tables with this too.
 */
export function requestsLayoutFor(format: ReportFormat, tables?: Pick<ReportTables, 'requests'>): RequestsLayoutRow[] {
  const subs = format === '2021' && (!tables || OTHER_SUB_ROW_KEYS.every((k) => tables.requests[k] !== undefined));
  const leaves = outcomeRowKeys(subs ? '2021' : '2019');
  const rows: RequestsLayoutRow[] = [
    { key: 'new', label: `${requestRow('new').number}${requestRow('new').label}`, kind: 'top' },
    { key: 'carried_in', label: `${requestRow('carried_in').number}${requestRow('carried_in').label}`, kind: 'top' },
  ];
  const result: RequestsLayoutRow[] = [];
  const seenGroup = new Set<OutcomeGroup>();
  for (const key of leaves) {
    const def = requestRow(key);
    const group = def.group!;
    const withSubs = group === 'withheld' || group === 'unable' || group === 'not_processed' || (group === 'other' && key !== 'other');
    if (!withSubs) {
      result.push({ key, label: OUTCOME_GROUP_LABELS[group], kind: 'result' });
      continue;
    }
    const sub = def.number.replace(/^（.）/, '');
    const row: RequestsLayoutRow = { key, label: `${sub}${def.label}`, kind: 'sub' };
    if (!seenGroup.has(group)) {
      seenGroup.add(group);
      row.group = { label: OUTCOME_GROUP_LABELS[group], span: leaves.filter((k) => requestRow(k).group === group).length };
    }
    result.push(row);
  }
  result.push({ key: 'total', label: '（七）总计', kind: 'result' });
  result[0]!.resultsSpan = result.length;
  rows.push(...result);
  rows.push({ key: 'carried_out', label: `${requestRow('carried_out').number}${requestRow('carried_out').label}`, kind: 'top' });
  return rows;
}

export const RESULTS_LABEL = RESULTS_HEADING;

/** A cell as printed: the number, or an empty string for a blank (null) cell. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 10000) / 10000);
}

/** Paragraphs of a narrative text (split on line breaks, blank ones dropped). */
export function paragraphs(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
