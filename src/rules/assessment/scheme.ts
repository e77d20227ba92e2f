/**
 * The assessment scheme (政务公开考核评分细则) as data: sections with a maximum, indicators that deduct points
 * per occurrence (or once), with caps. The supervising office edits a copy; the default below is modelled on
 * published local schemes:
 *   - 泉州市鲤城区《2020年政务公开指数绩效考评标准表》(2020-12-14): 超期办理每条扣分, 复议诉讼被纠错每件扣3分,
 *     年度报告未及时公开扣5分、与往年或其他单位雷同扣5分, 公文超期公开每条扣分, 保密审查不到位泄露个人隐私扣6分;
 *   - 玉环市政务公开工作考核 (2018): 年报未公开不得分、未及时公开扣2分, 主动公开20个工作日内, 动态类栏目每2周
 *     更新、非动态类栏目至少6个月更新一次、杜绝空白栏目;
 *   - 金华市金东区《政务公开工作考核评分细则》(2021-07-21): 未在20个工作日内公开的每例扣2分, 百分制扣分.
 * Figures are adapted to what Gongkai's records show exactly; each indicator names the records it counts.
 */

export const INDICATOR_KEYS = [
  'overdue_reply',
  'correction_late',
  'appeal_corrected',
  'release_late',
  'column_blank',
  'column_stale',
  'report_missing',
  'report_late',
  'report_errors',
  'report_similar',
  'privacy_leak',
  'supervision_overdue',
] as const;

export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/** What each indicator counts, in words an officer reads (shown beside the scheme and in the 通报). */
export const INDICATOR_LABELS: Record<IndicatorKey, { label: string; counts: string }> = {
  overdue_reply: { label: '依申请公开超期答复', counts: '考核年度内办结晚于答复期限的申请，以及至年末（或今日）仍未答复且已超过期限的申请（条例第三十三条）' },
  correction_late: { label: '补正告知超过7个工作日', counts: '收到申请之日起7个工作日后才发出的补正通知（条例第三十条）' },
  appeal_corrected: { label: '行政复议、行政诉讼被纠错', counts: '考核年度内提起、结果为纠错的行政复议和行政诉讼（条例第五十一条）' },
  release_late: { label: '主动公开超过20个工作日', counts: '考核年度内首次发布、晚于形成或变更之日起20个工作日的主动公开信息（条例第二十六条）' },
  column_blank: { label: '公开栏目空白', counts: '没有任何已发布信息的公开栏目' },
  column_stale: { label: '公开栏目未按周期更新', counts: '最近一次发布距考核截止日超过该栏目更新周期的栏目' },
  report_missing: { label: '年度报告未公布', counts: '考核年度的上一年度政府信息公开工作年度报告至考核截止日仍未公布（条例第四十九条）' },
  report_late: { label: '年度报告逾期公布', counts: '晚于条例第四十九条规定期限公布的年度报告' },
  report_errors: { label: '年度报告数据错误', counts: '年度报告经校验发现的错误（表格不平衡、与上年结转不一致、文字与表格数字不符等）' },
  report_similar: { label: '年度报告雷同', counts: '与本机关上一年度报告或同级机关报告的文字高度相似（数字除外）' },
  privacy_leak: { label: '泄露个人隐私或不应公开的信息', counts: '政务公开办登记的泄密、泄露个人隐私问题' },
  supervision_overdue: { label: '督办事项逾期未办理', counts: '超过办理期限仍未答复的督办事项' },
};

export interface SchemeSection {
  key: string;
  label: string;
  /** The most this section can lose (its weight in the 100 points). */
  max: number;
}

export interface SchemeIndicator {
  key: IndicatorKey;
  section: string;
  /** 'per_occurrence': points × count; 'once': points when there is at least one occurrence. */
  mode: 'per_occurrence' | 'once';
  points: number;
  /** Most this indicator deducts (none: the section's maximum applies). */
  cap?: number;
}

export interface AssessmentScheme {
  name: string;
  /** Where the figures come from (shown in the 通报). */
  basis: string;
  total: number;
  sections: SchemeSection[];
  indicators: SchemeIndicator[];
  /** Update cycle of a column in calendar days: per column code, else the default. */
  columnCycles: { defaultDays: number; byColumn: Record<string, number> };
  /** Text containment (0–1) above which a report counts as copied (雷同). */
  similarityThreshold: number;
}

export const DEFAULT_SCHEME: AssessmentScheme = {
  name: '政务公开工作考核评分细则（默认）',
  basis:
    '参照泉州市鲤城区2020年政务公开指数绩效考评标准表、玉环市政务公开工作考核细则和金华市金东区2021年政务公开工作考核评分细则，按本系统台账可以准确计算的指标设置',
  total: 100,
  sections: [
    { key: 'requests', label: '依申请公开', max: 30 },
    { key: 'proactive', label: '主动公开', max: 30 },
    { key: 'report', label: '年度报告', max: 20 },
    { key: 'security', label: '保密审查', max: 10 },
    { key: 'supervision', label: '督办落实', max: 10 },
  ],
  indicators: [
    { key: 'overdue_reply', section: 'requests', mode: 'per_occurrence', points: 3, cap: 18 },
    { key: 'correction_late', section: 'requests', mode: 'per_occurrence', points: 1, cap: 4 },
    { key: 'appeal_corrected', section: 'requests', mode: 'per_occurrence', points: 3, cap: 12 },
    { key: 'release_late', section: 'proactive', mode: 'per_occurrence', points: 2, cap: 16 },
    { key: 'column_blank', section: 'proactive', mode: 'per_occurrence', points: 2, cap: 10 },
    { key: 'column_stale', section: 'proactive', mode: 'per_occurrence', points: 1, cap: 6 },
    { key: 'report_missing', section: 'report', mode: 'once', points: 20 },
    { key: 'report_late', section: 'report', mode: 'once', points: 5 },
    { key: 'report_errors', section: 'report', mode: 'per_occurrence', points: 1, cap: 5 },
    { key: 'report_similar', section: 'report', mode: 'once', points: 5 },
    { key: 'privacy_leak', section: 'security', mode: 'per_occurrence', points: 5, cap: 10 },
    { key: 'supervision_overdue', section: 'supervision', mode: 'per_occurrence', points: 2, cap: 10 },
  ],
  columnCycles: { defaultDays: 180, byColumn: { tzgg: 14 } },
  similarityThreshold: 0.8,
};

/** Points have at most one decimal place (as in the published 细则). */
const tenths = (n: number) => Math.round(n * 10);
const oneDecimal = (n: number) => Number.isFinite(n) && Math.abs(tenths(n) - n * 10) < 1e-6;

/**
 * Checks an edited scheme; returns the problems as sentences (empty when it is usable). A scheme with
 * problems is refused whole.
 */
export function schemeProblems(s: AssessmentScheme): string[] {
  const out: string[] = [];
  if (!s.name?.trim()) out.push('请填写考核方案名称。');
  if (!oneDecimal(s.total) || s.total <= 0 || s.total > 1000) out.push('总分应为大于0、不超过1000的数，最多一位小数。');
  const sections = new Set<string>();
  let sectionSum = 0;
  for (const sec of s.sections) {
    if (!sec.key?.trim() || !sec.label?.trim()) out.push('每个考核项目都要有代码和名称。');
    if (sections.has(sec.key)) out.push(`考核项目“${sec.label}”重复。`);
    sections.add(sec.key);
    if (!oneDecimal(sec.max) || sec.max < 0) out.push(`考核项目“${sec.label}”的分值应为不小于0的数，最多一位小数。`);
    sectionSum += tenths(sec.max);
  }
  if (sectionSum > tenths(s.total)) out.push(`各考核项目分值之和（${sectionSum / 10}分）超过了总分（${s.total}分）。`);
  const seen = new Set<string>();
  for (const ind of s.indicators) {
    const name = INDICATOR_LABELS[ind.key]?.label;
    if (!name) {
      out.push(`没有“${ind.key}”这个考核指标。`);
      continue;
    }
    if (seen.has(ind.key)) out.push(`考核指标“${name}”重复。`);
    seen.add(ind.key);
    if (!sections.has(ind.section)) out.push(`考核指标“${name}”所属的考核项目不存在。`);
    if (ind.mode !== 'per_occurrence' && ind.mode !== 'once') out.push(`考核指标“${name}”的扣分方式应为“每次扣分”或“出现即扣分”。`);
    if (!oneDecimal(ind.points) || ind.points < 0) out.push(`考核指标“${name}”的扣分应为不小于0的数，最多一位小数。`);
    if (ind.cap !== undefined && (!oneDecimal(ind.cap) || ind.cap < 0)) out.push(`考核指标“${name}”的扣分上限应为不小于0的数，最多一位小数。`);
  }
  if (!Number.isInteger(s.columnCycles?.defaultDays) || s.columnCycles.defaultDays < 1 || s.columnCycles.defaultDays > 3660)
    out.push('栏目默认更新周期应为1至3660天的整数。');
  for (const [code, days] of Object.entries(s.columnCycles?.byColumn ?? {})) {
    if (!Number.isInteger(days) || days < 1 || days > 3660) out.push(`栏目“${code}”的更新周期应为1至3660天的整数。`);
  }
  if (!(s.similarityThreshold > 0 && s.similarityThreshold <= 1)) out.push('雷同判定阈值应在0到1之间（如0.8表示八成文字相同）。');
  return out;
}

/** The update cycle of a column, in calendar days. */
export function columnCycleDays(s: AssessmentScheme, columnCode: string): number {
  return s.columnCycles.byColumn[columnCode] ?? s.columnCycles.defaultDays;
}
