/**
 * The two national annual-report formats as data: chapters, tables, rows, columns and official labels.
 *
 * 2019 trial format: 国办公开办函〔2019〕60号 (reports on 2019 and 2020).
 * 2021 format: 国办公开办函〔2021〕30号 (reports from 2021 on). Table 3 differs only in （六）其他处理, which the
 * 2021 format splits into three rows; table 4 is the same; table 2 changed its columns and rows.
 * `formatForYear` lives in ../outcomes.ts with the outcome taxonomy this file builds on.
 */

import { OUTCOMES, OUTCOME_GROUP_LABELS, outcomeRows, type OutcomeGroup, type OutcomeKey, type ReportFormat } from '../outcomes.js';
import type { AppealColumn, AppealGroupKey, ApplicantColumn, ApplicantType, BaseRequestRowKey, ChapterKey, OtherSubRowKey, RequestRowKey } from './types.js';

export { formatForYear } from '../outcomes.js';

/** The issuing document of each format, as cited in messages. */
export const FORMAT_DOCUMENTS: Record<ReportFormat, string> = {
  '2019': '国办公开办函〔2019〕60号',
  '2021': '国办公开办函〔2021〕30号',
};

/** A short Chinese name of each format. */
export const FORMAT_NAMES: Record<ReportFormat, string> = {
  '2019': '2019年试行格式（国办公开办函〔2019〕60号）',
  '2021': '2021年修订格式（国办公开办函〔2021〕30号）',
};

// ---------------------------------------------------------------------------------------------------------------
// Chapters

export interface ChapterDef {
  key: ChapterKey;
  /** 1–6. */
  index: number;
  /** The official heading, e.g. 「一、总体情况」. */
  title: string;
  /** Headings seen in published reports, without the number (for reading). */
  variants: string[];
  /** A pattern that identifies the chapter heading text after its number 「一、」…「六、」. */
  pattern: RegExp;
}

export const CHAPTERS: readonly ChapterDef[] = [
  { key: 'overview', index: 1, title: '一、总体情况', variants: ['总体情况', '基本情况', '概述'], pattern: /总体情况|基本情况|概述|总体概况/ },
  {
    key: 'proactive',
    index: 2,
    title: '二、主动公开政府信息情况',
    variants: ['主动公开政府信息情况', '主动公开政府信息公开情况', '主动公开情况'],
    pattern: /主动公开/,
  },
  {
    key: 'requests',
    index: 3,
    title: '三、收到和处理政府信息公开申请情况',
    variants: ['收到和处理政府信息公开申请情况', '依申请公开政府信息情况', '收到及处理政府信息公开申请情况'],
    pattern: /收到和处理|收到及处理|收到与处理|依申请公开|公开申请.*情况|申请.*处理情况/,
  },
  {
    key: 'appeals',
    index: 4,
    title: '四、政府信息公开行政复议、行政诉讼情况',
    variants: ['政府信息公开行政复议、行政诉讼情况', '因政府信息公开工作被申请行政复议、提起行政诉讼情况'],
    pattern: /行政复议|行政诉讼/,
  },
  {
    key: 'problems',
    index: 5,
    title: '五、存在的主要问题及改进情况',
    variants: ['存在的主要问题及改进情况', '政府信息公开工作存在的主要问题及改进情况', '存在的主要问题和改进情况'],
    pattern: /问题.{0,6}(改进|整改)|存在.{0,4}问题|改进情况|不足/,
  },
  {
    key: 'other',
    index: 6,
    title: '六、其他需要报告的事项',
    variants: ['其他需要报告的事项', '其他需要报告事项'],
    pattern: /其他需要报告|其他事项|其他需报告/,
  },
];

export function chapter(key: ChapterKey): ChapterDef {
  const def = CHAPTERS.find((c) => c.key === key);
  if (!def) throw new Error(`unknown chapter ${key}`);
  return def;
}

// ---------------------------------------------------------------------------------------------------------------
// Table 3 — 收到和处理政府信息公开申请情况

export const REQUESTS_TABLE_TITLE = '收到和处理政府信息公开申请情况';

/** The official consistency note printed in table 3's top-left cell. */
export const REQUESTS_IDENTITY_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

export interface ApplicantColumnDef {
  key: ApplicantColumn;
  /** Official label. */
  label: string;
  /** Label for messages (「法人或其他组织—其他」 for the ambiguous 其他). */
  fullLabel: string;
  /** Whether it sits under 法人或其他组织. */
  organization: boolean;
}

export const APPLICANT_COLUMNS: readonly ApplicantColumnDef[] = [
  { key: 'natural_person', label: '自然人', fullLabel: '自然人', organization: false },
  { key: 'business', label: '商业企业', fullLabel: '商业企业', organization: true },
  { key: 'research', label: '科研机构', fullLabel: '科研机构', organization: true },
  { key: 'nonprofit', label: '社会公益组织', fullLabel: '社会公益组织', organization: true },
  { key: 'legal_service', label: '法律服务机构', fullLabel: '法律服务机构', organization: true },
  { key: 'other', label: '其他', fullLabel: '法人或其他组织—其他', organization: true },
  { key: 'total', label: '总计', fullLabel: '总计', organization: false },
];

export const APPLICANT_COLUMN_KEYS: readonly ApplicantColumn[] = APPLICANT_COLUMNS.map((c) => c.key);
export const APPLICANT_TYPES: readonly ApplicantType[] = ['natural_person', 'business', 'research', 'nonprofit', 'legal_service', 'other'];

export type RequestRowKind = 'input' | 'outcome' | 'subtotal' | 'total' | 'output';

export interface RequestRowDef {
  key: RequestRowKey;
  /** Numbering as printed: 「一、」「（一）」「（三）1.」… */
  number: string;
  /** The official label, verbatim. */
  label: string;
  /** A short form for messages. */
  short: string;
  kind: RequestRowKind;
  group?: OutcomeGroup;
}

const OTHER_SUB_ROWS: readonly OtherSubRowKey[] = ['other_no_correction', 'other_fee_unpaid', 'other_misc'];

export function isOtherSubRow(key: string): key is OtherSubRowKey {
  return (OTHER_SUB_ROWS as readonly string[]).includes(key);
}

export const OTHER_SUB_ROW_KEYS = OTHER_SUB_ROWS;

function outcomeRowDef(key: OutcomeKey | 'other'): RequestRowDef {
  if (key === 'other') return { key: 'other', number: '（六）', label: '其他处理', short: '（六）其他处理', kind: 'outcome', group: 'other' };
  const o = OUTCOMES.find((d) => d.key === key)!;
  const groupName = OUTCOME_GROUP_LABELS[o.group].replace(/（区分处理的.*$/, '');
  const numbered = o.number.length > 3 ? `${o.number}.` : o.number;
  const short = o.number.length > 3 ? `${groupName}${o.number.slice(3)}.${o.label}` : `${o.number}${o.label.replace(/（区分处理的.*$/, '')}`;
  return { key, number: numbered, label: o.label, short, kind: 'outcome', group: o.group };
}

const NEW_ROW: RequestRowDef = { key: 'new', number: '一、', label: '本年新收政府信息公开申请数量', short: '一、本年新收申请', kind: 'input' };
const CARRIED_IN_ROW: RequestRowDef = { key: 'carried_in', number: '二、', label: '上年结转政府信息公开申请数量', short: '二、上年结转申请', kind: 'input' };
const TOTAL_ROW: RequestRowDef = { key: 'total', number: '（七）', label: '总计', short: '三、（七）办理结果总计', kind: 'total' };
const CARRIED_OUT_ROW: RequestRowDef = { key: 'carried_out', number: '四、', label: '结转下年度继续办理', short: '四、结转下年度继续办理', kind: 'output' };
const OTHER_SUBTOTAL_ROW: RequestRowDef = { key: 'other', number: '（六）', label: '其他处理', short: '（六）其他处理', kind: 'subtotal', group: 'other' };

/** Heading of the result block (三、本年度办理结果), which spans the outcome rows. */
export const RESULTS_HEADING = '三、本年度办理结果';

/** The printed rows of table 3 for a format, in table order (the 2021 format prints the three other_* rows, not `other`). */
export function requestRows(format: ReportFormat): RequestRowDef[] {
  // Built once per format (the checker asks for row names many times per report).
  let rows = ROWS_BY_FORMAT.get(format);
  if (!rows) {
    rows = [NEW_ROW, CARRIED_IN_ROW, ...outcomeRows(format).map((k) => outcomeRowDef(k === 'other' ? 'other' : (k as OutcomeKey))), TOTAL_ROW, CARRIED_OUT_ROW];
    ROWS_BY_FORMAT.set(format, rows);
  }
  return [...rows];
}

const ROWS_BY_FORMAT = new Map<ReportFormat, RequestRowDef[]>();
const ROW_BY_KEY = new Map<RequestRowKey, RequestRowDef>();

/** Every row key a table-3 object of this format holds (2021 adds `other` as the sum of its three sub-rows). */
export function requestRowKeys(format: ReportFormat): RequestRowKey[] {
  const keys = requestRows(format).map((r) => r.key);
  if (format === '2021') keys.splice(keys.indexOf('other_no_correction'), 0, 'other');
  return keys;
}

/** The leaf outcome rows that add up to （七）总计 for a format. */
export function outcomeRowKeys(format: ReportFormat): RequestRowKey[] {
  return outcomeRows(format) as RequestRowKey[];
}

/** Rows common to both formats (the `BaseRequestRowKey`s), in table order. */
export const BASE_REQUEST_ROW_KEYS: readonly BaseRequestRowKey[] = requestRowKeys('2019') as BaseRequestRowKey[];

/** The definition of any table-3 row (including `other` in either format). */
export function requestRow(key: RequestRowKey): RequestRowDef {
  if (key === 'other') return OTHER_SUBTOTAL_ROW;
  const cached = ROW_BY_KEY.get(key);
  if (cached) return cached;
  const def = requestRows('2021').find((r) => r.key === key);
  if (!def) throw new Error(`unknown request row ${key}`);
  ROW_BY_KEY.set(key, def);
  return def;
}

/** The group headings （一）…（七） printed in the result block (for renderers). */
export const OUTCOME_GROUP_HEADINGS: Record<OutcomeGroup, string> = OUTCOME_GROUP_LABELS;

// ---------------------------------------------------------------------------------------------------------------
// Table 4 — 政府信息公开行政复议、行政诉讼情况

export const APPEALS_TABLE_TITLE = '政府信息公开行政复议、行政诉讼情况';

export const APPEAL_COLUMNS: readonly { key: AppealColumn; label: string }[] = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
];

export const APPEAL_GROUPS: readonly { key: AppealGroupKey; label: string; parent: '行政复议' | '行政诉讼' }[] = [
  { key: 'reconsideration', label: '行政复议', parent: '行政复议' },
  { key: 'litigation_direct', label: '未经复议直接起诉', parent: '行政诉讼' },
  { key: 'litigation_after_reconsideration', label: '复议后起诉', parent: '行政诉讼' },
];

export const APPEAL_COLUMN_KEYS: readonly AppealColumn[] = APPEAL_COLUMNS.map((c) => c.key);
export const APPEAL_GROUP_KEYS: readonly AppealGroupKey[] = APPEAL_GROUPS.map((g) => g.key);

// ---------------------------------------------------------------------------------------------------------------
// Table 2 — 主动公开政府信息情况

/** How a table-2 cell is checked: counts are non-negative integers, changes may be negative, amounts fractional. */
export type ProactiveCellKind = 'count' | 'change' | 'amount';

export interface ProactiveColumnDef {
  key: string;
  label: string;
  kind: ProactiveCellKind;
}

export interface ProactiveRowDef {
  key: string;
  label: string;
}

export interface ProactiveBlockDef {
  /** 「第二十条第（一）项」… */
  article: string;
  rows: ProactiveRowDef[];
  columns: ProactiveColumnDef[];
}

export const PROACTIVE_TABLE_TITLE = '主动公开政府信息情况';

const PROACTIVE_2019: readonly ProactiveBlockDef[] = [
  {
    article: '第二十条第（一）项',
    rows: [
      { key: 'rules', label: '规章' },
      { key: 'normative_documents', label: '规范性文件' },
    ],
    columns: [
      { key: 'made', label: '本年新制作数量', kind: 'count' },
      { key: 'published', label: '本年新公开数量', kind: 'count' },
      { key: 'in_force_total', label: '对外公开总数量', kind: 'count' },
    ],
  },
  {
    article: '第二十条第（五）项',
    rows: [
      { key: 'licensing', label: '行政许可' },
      { key: 'other_services', label: '其他对外管理服务事项' },
    ],
    columns: [
      { key: 'previous_items', label: '上一年项目数量', kind: 'count' },
      { key: 'change', label: '本年增/减', kind: 'change' },
      { key: 'decisions', label: '处理决定数量', kind: 'count' },
    ],
  },
  {
    article: '第二十条第（六）项',
    rows: [
      { key: 'penalty', label: '行政处罚' },
      { key: 'enforcement', label: '行政强制' },
    ],
    columns: [
      { key: 'previous_items', label: '上一年项目数量', kind: 'count' },
      { key: 'change', label: '本年增/减', kind: 'change' },
      { key: 'decisions', label: '处理决定数量', kind: 'count' },
    ],
  },
  {
    article: '第二十条第（八）项',
    rows: [{ key: 'fees', label: '行政事业性收费' }],
    columns: [
      { key: 'previous_items', label: '上一年项目数量', kind: 'count' },
      { key: 'change', label: '本年增/减', kind: 'change' },
    ],
  },
  {
    article: '第二十条第（九）项',
    rows: [{ key: 'procurement', label: '政府集中采购' }],
    columns: [
      { key: 'projects', label: '采购项目数量', kind: 'count' },
      { key: 'amount', label: '采购总金额', kind: 'amount' },
    ],
  },
];

const PROACTIVE_2021: readonly ProactiveBlockDef[] = [
  {
    article: '第二十条第（一）项',
    rows: [
      { key: 'rules', label: '规章' },
      { key: 'normative_documents', label: '行政规范性文件' },
    ],
    columns: [
      { key: 'issued', label: '本年制发件数', kind: 'count' },
      { key: 'repealed', label: '本年废止件数', kind: 'count' },
      { key: 'in_force', label: '现行有效件数', kind: 'count' },
    ],
  },
  { article: '第二十条第（五）项', rows: [{ key: 'licensing', label: '行政许可' }], columns: [{ key: 'decisions', label: '本年处理决定数量', kind: 'count' }] },
  {
    article: '第二十条第（六）项',
    rows: [
      { key: 'penalty', label: '行政处罚' },
      { key: 'enforcement', label: '行政强制' },
    ],
    columns: [{ key: 'decisions', label: '本年处理决定数量', kind: 'count' }],
  },
  {
    article: '第二十条第（八）项',
    rows: [{ key: 'fees', label: '行政事业性收费' }],
    columns: [{ key: 'amount_10k_yuan', label: '本年收费金额（单位：万元）', kind: 'amount' }],
  },
];

/** The blocks of table 2 for a format. */
export function proactiveBlocks(format: ReportFormat): readonly ProactiveBlockDef[] {
  return format === '2019' ? PROACTIVE_2019 : PROACTIVE_2021;
}

/** Every (row, column) of table 2 for a format, flattened in table order. */
export function proactiveCells(format: ReportFormat): { row: ProactiveRowDef; column: ProactiveColumnDef; block: ProactiveBlockDef }[] {
  const out: { row: ProactiveRowDef; column: ProactiveColumnDef; block: ProactiveBlockDef }[] = [];
  for (const block of proactiveBlocks(format)) for (const row of block.rows) for (const column of block.columns) out.push({ row, column, block });
  return out;
}

/** Location of a cell in Chinese, for messages: 「表三“（三）1.属于国家秘密”行“自然人”列」. */
export function requestCellName(row: RequestRowKey, column: ApplicantColumn): string {
  const col = APPLICANT_COLUMNS.find((c) => c.key === column)!;
  return `表三“${requestRow(row).short}”行“${col.fullLabel}”列`;
}

export function appealCellName(group: AppealGroupKey, column: AppealColumn): string {
  const g = APPEAL_GROUPS.find((x) => x.key === group)!;
  const c = APPEAL_COLUMNS.find((x) => x.key === column)!;
  const name = g.parent === '行政诉讼' ? `行政诉讼（${g.label}）` : g.label;
  return `表四“${name}”的“${c.label}”`;
}
