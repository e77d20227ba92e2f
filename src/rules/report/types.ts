/**
 * The annual report (政府信息公开工作年度报告) as data: the exact shape of ../shared/docs/report-data.md.
 *
 * One shape carries both national formats (国办公开办函〔2019〕60号 and 〔2021〕30号). A cell left blank or filled
 * with a placeholder ("/", "-", "—") in a published report is `null`, never 0.
 */

import type { OutcomeGroup, OutcomeKey, ReportFormat } from '../outcomes.js';

export type { ReportFormat } from '../outcomes.js';

/** A table cell: a number, or null when blank / a placeholder / not readable. */
export type CellValue = number | null;

/** The applicant columns of table 3, in table order (总计 last). */
export type ApplicantColumn = 'natural_person' | 'business' | 'research' | 'nonprofit' | 'legal_service' | 'other' | 'total';

/** The six applicant columns that add up to 总计. */
export type ApplicantType = Exclude<ApplicantColumn, 'total'>;

/** The three rows that split （六）其他处理 in the 2021 format. */
export type OtherSubRowKey = 'other_no_correction' | 'other_fee_unpaid' | 'other_misc';

/** Rows of table 3 present in both formats (`other` is the single 2019 row, in 2021 the sum of the three sub-rows). */
export type BaseRequestRowKey = 'new' | 'carried_in' | Exclude<OutcomeKey, OtherSubRowKey> | 'other' | 'total' | 'carried_out';

/** Every row key of table 3 (report-data.md). */
export type RequestRowKey = BaseRequestRowKey | OtherSubRowKey;

export type RequestsRow = Record<ApplicantColumn, CellValue>;

/** Table 3 — 收到和处理政府信息公开申请情况. The three other_* rows exist in the 2021 format only. */
export type RequestsTable = Record<BaseRequestRowKey, RequestsRow> & Partial<Record<OtherSubRowKey, RequestsRow>>;

/** Table 4 columns: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计. */
export type AppealColumn = 'upheld' | 'corrected' | 'other' | 'pending' | 'total';

/** Table 4 groups: 行政复议, 未经复议直接起诉, 复议后起诉. */
export type AppealGroupKey = 'reconsideration' | 'litigation_direct' | 'litigation_after_reconsideration';

export type AppealsGroup = Record<AppealColumn, CellValue>;

/** Table 4 — 政府信息公开行政复议、行政诉讼情况. */
export type AppealsTable = Record<AppealGroupKey, AppealsGroup>;

/** Table 2 of the 2019 trial format (〔2019〕60号). */
export interface Proactive2019 {
  rules: { made: CellValue; published: CellValue; in_force_total: CellValue };
  normative_documents: { made: CellValue; published: CellValue; in_force_total: CellValue };
  licensing: { previous_items: CellValue; change: CellValue; decisions: CellValue };
  other_services: { previous_items: CellValue; change: CellValue; decisions: CellValue };
  penalty: { previous_items: CellValue; change: CellValue; decisions: CellValue };
  enforcement: { previous_items: CellValue; change: CellValue; decisions: CellValue };
  fees: { previous_items: CellValue; change: CellValue };
  procurement: { projects: CellValue; amount: CellValue };
}

/** Table 2 of the 2021 format (〔2021〕30号). */
export interface Proactive2021 {
  rules: { issued: CellValue; repealed: CellValue; in_force: CellValue };
  normative_documents: { issued: CellValue; repealed: CellValue; in_force: CellValue };
  licensing: { decisions: CellValue };
  penalty: { decisions: CellValue };
  enforcement: { decisions: CellValue };
  fees: { amount_10k_yuan: CellValue };
}

/** Table 2 — 主动公开政府信息情况; which shape it has follows `Report.format`. */
export type ProactiveTable = Proactive2019 | Proactive2021;

export interface ReportTables {
  proactive: ProactiveTable;
  requests: RequestsTable;
  appeals: AppealsTable;
}

export type FindingRule = 'identity' | 'row-total' | 'column-total' | 'appeal-total' | 'carry-over' | 'prose' | 'format' | 'chapters' | 'blank' | 'unreadable';

export type Severity = 'error' | 'warning';

/** One problem found in a report. `message` is a Chinese sentence for a disclosure officer. */
export interface Finding {
  rule: FindingRule;
  severity: Severity;
  message: string;
  expected: number | string | null;
  actual: number | string | null;
  /** Where: a dotted path into the report (`requests.total.natural_person`, `appeals.reconsideration.total`, `chapters.problems`…). */
  where: string;
}

/** A report built by the system: agency, year and format are known. */
export interface Report {
  agency: string;
  year: number;
  format: ReportFormat;
  tables: ReportTables;
  findings: Finding[];
}

/**
 * A report read from a published file: the same keys, but the agency or the year may be unknown (null).
 * `format` is the format the published tables are in (or the format of the year when they could not be read).
 */
export interface CheckedReport {
  agency: string | null;
  year: number | null;
  format: ReportFormat;
  tables: ReportTables;
  findings: Finding[];
}

/** The six chapters of Art. 50 / both formats. */
export type ChapterKey = 'overview' | 'proactive' | 'requests' | 'appeals' | 'problems' | 'other';

/** What a figure in the text refers to: table 3 rows (or outcome groups) and table 4 groups/columns. */
export type ProseKind =
  | `requests.${'new' | 'carried_in' | 'total' | 'carried_out' | OutcomeGroup}.total`
  | `appeals.${AppealGroupKey | 'litigation'}.${AppealColumn}`;

/**
 * A figure stated in the report's text, e.g. 「共收到政府信息公开申请3件」 → {kind:'requests.new.total', value:3, text}.
 * `appeals.litigation.*` is 行政诉讼 as a whole (未经复议直接起诉 + 复议后起诉).
 */
export interface ProseStatement {
  kind: ProseKind;
  value: number;
  /** The sentence (or clause) the figure was read from. */
  text: string;
  /**
   * `all`: the text names the figure as one about all applications — their total (「全年共收到申请57件」) or a share
   * of all of them (「予以公开50件，占全部申请的87.7%」) — with no narrower scope (本级, 部门, 自然人…) in its clause.
   */
  scope?: 'all';
}
