/**
 * Closed-case outcomes (办理结果): one leaf row of the annual report's table 3 per closed application.
 *
 * The keys are the row keys of ../shared/docs/report-data.md. Every closed case carries exactly one leaf
 * outcome; 「区分处理的，只计这一情形」 means a case with any withheld part is `partly_disclosed` and nothing else.
 * The 2021 format (国办公开办函〔2021〕30号) splits （六）其他处理 into three rows; the 2019 trial format
 * (〔2019〕60号) has a single `other` row, so the three `other_*` outcomes collapse into it there.
 */

export type ReportFormat = '2019' | '2021';

export type OutcomeGroup = 'disclosed' | 'partly_disclosed' | 'withheld' | 'unable' | 'not_processed' | 'other';

export const OUTCOME_KEYS = [
  'disclosed',
  'partly_disclosed',
  'withheld_state_secret',
  'withheld_prohibited',
  'withheld_security_stability',
  'withheld_third_party',
  'withheld_internal_affairs',
  'withheld_process_info',
  'withheld_enforcement_files',
  'withheld_query_matter',
  'unable_not_held',
  'unable_needs_creation',
  'unable_unclear_after_correction',
  'not_processed_petition',
  'not_processed_repeat',
  'not_processed_publication',
  'not_processed_mass_repeat',
  'not_processed_confirm_reissue',
  'other_no_correction',
  'other_fee_unpaid',
  'other_misc',
] as const;

/** A leaf outcome a case can be closed with (the 2021 leaves; the 2019 format maps other_* to `other`). */
export type OutcomeKey = (typeof OUTCOME_KEYS)[number];

/** A row of table 3's result block in a given format (2019 has `other` instead of the three other_* rows). */
export type OutcomeRowKey = Exclude<OutcomeKey, 'other_no_correction' | 'other_fee_unpaid' | 'other_misc'> | 'other';

export interface OutcomeDef {
  key: OutcomeKey;
  group: OutcomeGroup;
  /** Numbering inside table 3, e.g. 「（三）1」. */
  number: string;
  /** The official row label, verbatim. */
  label: string;
  /** A short label for lists and buttons. */
  short: string;
  /** Articles of the Regulation the reply letter cites, e.g. ['art36.3', 'art14']. */
  articles: string[];
  /** Whether closing with this outcome requires stating reasons in the reply (Arts. 36(三), 37). */
  needsReason: boolean;
}

export const OUTCOME_GROUP_LABELS: Record<OutcomeGroup, string> = {
  disclosed: '（一）予以公开',
  partly_disclosed: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  withheld: '（三）不予公开',
  unable: '（四）无法提供',
  not_processed: '（五）不予处理',
  other: '（六）其他处理',
};

export const OUTCOMES: readonly OutcomeDef[] = [
  { key: 'disclosed', group: 'disclosed', number: '（一）', label: '予以公开', short: '予以公开', articles: ['art36.1', 'art36.2'], needsReason: false },
  {
    key: 'partly_disclosed',
    group: 'partly_disclosed',
    number: '（二）',
    label: '部分公开（区分处理的，只计这一情形，不计其他情形）',
    short: '部分公开',
    articles: ['art37', 'art36.3'],
    needsReason: true,
  },
  {
    key: 'withheld_state_secret',
    group: 'withheld',
    number: '（三）1',
    label: '属于国家秘密',
    short: '不予公开：国家秘密',
    articles: ['art36.3', 'art14'],
    needsReason: true,
  },
  {
    key: 'withheld_prohibited',
    group: 'withheld',
    number: '（三）2',
    label: '其他法律行政法规禁止公开',
    short: '不予公开：法律行政法规禁止公开',
    articles: ['art36.3', 'art14'],
    needsReason: true,
  },
  {
    key: 'withheld_security_stability',
    group: 'withheld',
    number: '（三）3',
    label: '危及“三安全一稳定”',
    short: '不予公开：危及“三安全一稳定”',
    articles: ['art36.3', 'art14'],
    needsReason: true,
  },
  {
    key: 'withheld_third_party',
    group: 'withheld',
    number: '（三）4',
    label: '保护第三方合法权益',
    short: '不予公开：保护第三方合法权益',
    articles: ['art36.3', 'art15', 'art32'],
    needsReason: true,
  },
  {
    key: 'withheld_internal_affairs',
    group: 'withheld',
    number: '（三）5',
    label: '属于三类内部事务信息',
    short: '不予公开：内部事务信息',
    articles: ['art36.3', 'art16.1'],
    needsReason: true,
  },
  {
    key: 'withheld_process_info',
    group: 'withheld',
    number: '（三）6',
    label: '属于四类过程性信息',
    short: '不予公开：过程性信息',
    articles: ['art36.3', 'art16.2'],
    needsReason: true,
  },
  {
    key: 'withheld_enforcement_files',
    group: 'withheld',
    number: '（三）7',
    label: '属于行政执法案卷',
    short: '不予公开：行政执法案卷',
    articles: ['art36.3', 'art16.2'],
    needsReason: true,
  },
  {
    key: 'withheld_query_matter',
    group: 'withheld',
    number: '（三）8',
    label: '属于行政查询事项',
    short: '不予公开：行政查询事项',
    articles: ['art36.7'],
    needsReason: true,
  },
  {
    key: 'unable_not_held',
    group: 'unable',
    number: '（四）1',
    label: '本机关不掌握相关政府信息',
    short: '无法提供：本机关不掌握',
    articles: ['art36.4', 'art36.5'],
    needsReason: false,
  },
  {
    key: 'unable_needs_creation',
    group: 'unable',
    number: '（四）2',
    label: '没有现成信息需要另行制作',
    short: '无法提供：需另行制作',
    articles: ['art38'],
    needsReason: false,
  },
  {
    key: 'unable_unclear_after_correction',
    group: 'unable',
    number: '（四）3',
    label: '补正后申请内容仍不明确',
    short: '无法提供：补正后仍不明确',
    articles: ['art30'],
    needsReason: false,
  },
  {
    key: 'not_processed_petition',
    group: 'not_processed',
    number: '（五）1',
    label: '信访举报投诉类申请',
    short: '不予处理：信访举报投诉',
    articles: ['art39.1'],
    needsReason: false,
  },
  {
    key: 'not_processed_repeat',
    group: 'not_processed',
    number: '（五）2',
    label: '重复申请',
    short: '不予处理：重复申请',
    articles: ['art36.6'],
    needsReason: false,
  },
  {
    key: 'not_processed_publication',
    group: 'not_processed',
    number: '（五）3',
    label: '要求提供公开出版物',
    short: '不予处理：公开出版物',
    articles: ['art39.2'],
    needsReason: false,
  },
  {
    key: 'not_processed_mass_repeat',
    group: 'not_processed',
    number: '（五）4',
    label: '无正当理由大量反复申请',
    short: '不予处理：无正当理由大量反复申请',
    articles: ['art35'],
    needsReason: true,
  },
  {
    key: 'not_processed_confirm_reissue',
    group: 'not_processed',
    number: '（五）5',
    label: '要求行政机关确认或重新出具已获取信息',
    short: '不予处理：要求确认或重新出具',
    articles: ['art39'],
    needsReason: false,
  },
  {
    key: 'other_no_correction',
    group: 'other',
    number: '（六）1',
    label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    short: '其他：逾期不补正',
    articles: ['art30'],
    needsReason: false,
  },
  {
    key: 'other_fee_unpaid',
    group: 'other',
    number: '（六）2',
    label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    short: '其他：逾期未缴费',
    articles: ['art42'],
    needsReason: false,
  },
  { key: 'other_misc', group: 'other', number: '（六）3', label: '其他', short: '其他处理', articles: [], needsReason: true },
];

const BY_KEY = new Map<string, OutcomeDef>(OUTCOMES.map((o) => [o.key, o]));

export function isOutcomeKey(value: unknown): value is OutcomeKey {
  return typeof value === 'string' && BY_KEY.has(value);
}

/** The definition of one outcome; throws on an unknown key (a programming error, not user input). */
export function outcome(key: OutcomeKey): OutcomeDef {
  const def = BY_KEY.get(key);
  if (!def) throw new Error(`unknown outcome ${key}`);
  return def;
}

/** The table-3 row a closed case is counted in, for the report format of its year. */
export function reportRow(key: OutcomeKey, format: ReportFormat): OutcomeRowKey {
  if (format === '2019' && outcome(key).group === 'other') return 'other';
  return key as OutcomeRowKey;
}

/** The report format used for a report year: 2019 trial format for 2019–2020, revised format from 2021. */
export function formatForYear(year: number): ReportFormat {
  return year <= 2020 ? '2019' : '2021';
}

/** Leaf rows of table 3's result block, in table order, for a format. */
export function outcomeRows(format: ReportFormat): OutcomeRowKey[] {
  const rows: OutcomeRowKey[] = [];
  for (const o of OUTCOMES) {
    const row = reportRow(o.key, format);
    if (!rows.includes(row)) rows.push(row);
  }
  return rows;
}

/** Chinese names of the articles cited by outcomes: the one table in ./citations.ts. */
export { ARTICLE_LABELS } from './citations.js';
