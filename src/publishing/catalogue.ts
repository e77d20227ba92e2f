import type { Section } from './publishing.tables.js';

/**
 * The catalogue (政府信息公开目录) of an agency's disclosure column: the four sections of 国办公开办函〔2019〕61号
 * and the statutory sub-columns under 法定主动公开内容 (条例第二十条). Every agency starts with these and may
 * rename, hide, reorder or add columns.
 */

export interface ColumnDef {
  code: string;
  name: string;
  section: Section;
  art20: string | null;
  description: string;
}

export const DEFAULT_COLUMNS: ColumnDef[] = [
  { code: 'zd', name: '政府信息公开制度', section: 'rules', art20: null, description: '主动公开、依申请公开、保密审查、责任追究等工作制度。' },
  { code: 'jgzn', name: '机构职能', section: 'statutory', art20: '二', description: '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名。' },
  { code: 'zcwj', name: '政策文件', section: 'statutory', art20: '一', description: '规章、行政规范性文件和其他政策文件，标注有效性。' },
  { code: 'zcjd', name: '政策解读', section: 'statutory', art20: '一', description: '与政策文件同步发布的解读材料。' },
  { code: 'ghjh', name: '规划计划', section: 'statutory', art20: '三', description: '发展规划、专项规划、年度计划、工作要点和工作总结。' },
  { code: 'tjxx', name: '统计信息', section: 'statutory', art20: '四', description: '业务统计数据和统计分析。' },
  { code: 'czyjs', name: '财政预决算', section: 'statutory', art20: '七', description: '部门预算、部门决算及“三公”经费情况说明。' },
  { code: 'xzxk', name: '行政许可', section: 'statutory', art20: '五', description: '行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果。' },
  { code: 'xzzf', name: '行政执法', section: 'statutory', art20: '六', description: '行政处罚、行政强制的依据、条件、程序以及处理决定。' },
  { code: 'sf', name: '行政事业性收费', section: 'statutory', art20: '八', description: '收费项目及其依据、标准。' },
  { code: 'cg', name: '政府采购', section: 'statutory', art20: '九', description: '政府集中采购项目的目录、标准及实施情况。' },
  { code: 'rsxx', name: '人事信息', section: 'statutory', art20: '十四', description: '人事任免、公务员和事业单位招考录用。' },
  { code: 'jyta', name: '建议提案办理', section: 'statutory', art20: null, description: '人大代表建议、政协提案办理复文和办理结果。' },
  { code: 'hygk', name: '会议公开', section: 'statutory', art20: null, description: '重要会议的议题、决定事项和解读。' },
  { code: 'jcygk', name: '决策预公开', section: 'statutory', art20: null, description: '重大决策草案公开征求意见及意见采纳情况反馈。' },
  { code: 'tzgg', name: '通知公告', section: 'statutory', art20: null, description: '通知、公告和工作动态。' },
];

export const SECTION_LABELS: Record<Section, string> = {
  guide: '政府信息公开指南',
  rules: '政府信息公开制度',
  statutory: '法定主动公开内容',
  reports: '政府信息公开年报',
};

export const DEFAULT_INDEX_PATTERN = '{agencyCode}-{columnCode}-{year}-{seq:4}';
export const DEFAULT_REVIEW_LEVELS = ['office_head', 'deputy_leader', 'principal'] as const;

const SEGMENT = /\{(agencyCode|columnCode|year|seq)(?::(\d))?\}/g;

/** Checks an index-number pattern: known segments only, and a {seq} so numbers are unique. */
export function validateIndexPattern(pattern: string): string | null {
  if (!pattern || pattern.length > 80) return '索引号格式不能为空，且不超过 80 个字符。';
  if (!pattern.includes('{seq')) return '索引号格式须包含顺序号 {seq}。';
  if (!pattern.includes('{year}')) return '索引号格式须包含年份 {year}。';
  const rest = pattern.replace(SEGMENT, '');
  if (/[{}]/.test(rest)) return '索引号格式含有无法识别的段，可用的段为 {agencyCode}、{columnCode}、{year}、{seq:N}。';
  return null;
}

/** Whether sequence numbers run per column (when the pattern has the column) or per agency and year. */
export const seqPerColumn = (pattern: string) => pattern.includes('{columnCode}');

/** Formats an index number (索引号) from the pattern's segments. */
export function formatIndexNo(pattern: string, v: { agencyCode: string; columnCode: string; year: number; seq: number }): string {
  return pattern.replace(SEGMENT, (_m, name: string, width?: string) => {
    if (name === 'seq') return String(v.seq).padStart(Number(width ?? 1), '0');
    if (name === 'year') return String(v.year);
    return name === 'agencyCode' ? v.agencyCode : v.columnCode;
  });
}
