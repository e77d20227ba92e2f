import { OUTCOMES, OUTCOME_GROUP_LABELS, type OutcomeDef, type OutcomeGroup } from '../../../../../src/rules/outcomes.js';
import { builtinCalendar } from '../../../../../src/rules/calendar/builtin.js';
import { ID_TYPE_LABELS } from '../../../../../src/rules/identity.js';
import { APPLICANT_TYPE_LABELS, DELIVERIES, FORMS } from '../../../../../src/requests/application.js';
import { CHANNEL_LABELS, STATE_LABELS } from '../../../../../src/requests/cases.labels.js';
import type { CaseState, Channel } from './cases-api.js';

/**
 * Labels and small rules the case pages share. The outcome list, the working-day calendar, the identity
 * labels and the application's labels are imported from the server's pure modules (src/rules, the
 * application rules), so the console can never drift from the law the server applies.
 */

export { ID_TYPE_LABELS, APPLICANT_TYPE_LABELS, FORMS, DELIVERIES, CHANNEL_LABELS, STATE_LABELS };

/** Channels staff register (online applications come in through the portal). */
export const STAFF_CHANNELS: Channel[] = ['in_person', 'post_signed', 'post_ordinary', 'fax'];

export const ORG_TYPE_LABELS: Record<string, string> = {
  business: '商业企业',
  research: '科研机构',
  nonprofit: '社会公益组织',
  legal_service: '法律服务机构',
  other: '其他组织',
};

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export function stateTagType(s: CaseState): TagType {
  switch (s) {
    case 'submitted':
      return 'warning';
    case 'awaiting_correction':
    case 'awaiting_fee':
    case 'consulting':
      return 'warning';
    case 'closed':
    case 'replied':
      return 'success';
    case 'transferred':
      return 'info';
    default:
      return 'primary';
  }
}

export interface OutcomeOptionGroup {
  group: OutcomeGroup;
  label: string;
  options: OutcomeDef[];
}

/** The outcomes grouped as table 3 of the annual report groups them, with the official labels. */
export const OUTCOME_GROUPS: OutcomeOptionGroup[] = (Object.keys(OUTCOME_GROUP_LABELS) as OutcomeGroup[]).map((g) => ({
  group: g,
  label: OUTCOME_GROUP_LABELS[g],
  options: OUTCOMES.filter((o) => o.group === g),
}));

/**
 * An outcome's label inside its group of the 办结 dialog: the group heading already says "（一）予以公开", so a
 * group's only option is its short name, and the items of a larger group are numbered within it ("1. 属于国家秘密").
 */
export function outcomeOptionLabel(o: OutcomeDef): string {
  const group = OUTCOMES.filter((x) => x.group === o.group);
  if (group.length === 1) return o.short;
  const item = o.number.replace(/^（[一二三四五六七八九十]+）/, '');
  return item ? `${item}. ${o.label}` : o.label;
}

/** The 办结 dialog's text box for an outcome: its label, placeholder and whether the law requires it. */
export function reasonFieldFor(outcomeKey: string | null | undefined): { label: string; placeholder: string; required: boolean } {
  const o = outcomeDef(outcomeKey);
  if (!o) return { label: '理由和依据', placeholder: '请先选择办理结果', required: false };
  // Required exactly where the outcome table says the reply must give reasons (条例第三十六条、第三十七条).
  const text: Record<OutcomeGroup, [string, string]> = {
    disclosed: ['说明', '可写明提供信息的方式和时间；已主动公开的，写明获取的途径（条例第三十六条第（一）（二）项）'],
    partly_disclosed: ['不予公开部分的理由和依据', '写明哪些内容不予公开、理由和法律依据，以及可以公开的部分如何提供（条例第三十七条）'],
    withheld: ['不予公开的理由和依据', '写明不予公开的理由和法律依据（条例第三十六条第（三）项）'],
    unable: ['无法提供的理由', '写明无法提供的原因，如本机关不掌握相关信息（能够确定负责公开的机关的，告知其名称和联系方式）、没有现成信息需要另行制作等'],
    not_processed: ['不予处理的理由和依据', '写明不予处理的理由和依据（条例第三十五条、第三十六条、第三十九条）'],
    other: ['处理情况说明', '写明处理情况和依据'],
  };
  const [label, placeholder] = text[o.group];
  return { label: o.needsReason ? label : `${label}（可选）`, placeholder, required: o.needsReason };
}

export function outcomeDef(key: string | null | undefined): OutcomeDef | undefined {
  return OUTCOMES.find((o) => o.key === key);
}

export const CONSULTATION_KIND_LABELS = { third_party: '第三方（条例第三十二条）', agency: '其他机关（条例第三十四条）' } as const;

export const APPEAL_KIND_LABELS = {
  reconsideration: '行政复议',
  litigation_direct: '行政诉讼（未经复议）',
  litigation_after_reconsideration: '行政诉讼（复议后起诉）',
} as const;
export const APPEAL_RESULT_LABELS = { upheld: '维持', corrected: '纠正', other: '其他结果', pending: '尚未审结' } as const;

export const FILE_KIND_LABELS: Record<string, string> = { identity_proof: '身份证明', scan: '申请书扫描件', correction: '补正材料' };

export const TRACE_KIND_LABELS: Record<string, string> = {
  received: '收到申请',
  correction: '补正',
  start: '起算',
  holiday: '节假日',
  makeup_workday: '调休上班',
  pause: '暂停计算',
  provisional: '暂定',
  extension: '延期',
  art35: '另行确定期限',
  due: '答复期限',
};

/** What each ledger event means, in a sentence for the timeline. */
export function eventText(type: string, d: Record<string, unknown>): string {
  const s = (k: string) => (d[k] === undefined || d[k] === null ? '' : String(d[k]));
  switch (type) {
    case 'submitted':
      return `提交申请（${CHANNEL_LABELS[s('channel') as Channel] ?? s('channel')}），${s('date')}`;
    case 'received':
      return `收到申请：${s('date')}（${{ handed_in: '当面递交', signed_for: '邮件签收', confirmed: '与申请人确认' }[s('how')] ?? s('how')}）`;
    case 'accepted':
      return '受理申请';
    case 'correction_requested':
      return `要求补正（同时起草补正告知书，签发后告知申请人），补正期限至 ${s('deadline')}。补正事项：${s('items')}`;
    case 'corrected':
      return `收到补正：${s('date')}${s('text') ? `。${s('text')}` : ''}`;
    case 'consultation_started':
      return `征求${d.kind === 'agency' ? '其他机关' : '第三方'}意见：${s('party')}（发函 ${s('date')}）`;
    case 'consultation_answered':
      return `收到意见（${s('date')}）：${s('opinion')}`;
    case 'fee_notified':
      return `发出收费通知：${s('amount')} 元。${s('detail')}`;
    case 'fee_paid':
      return `申请人缴费：${s('date')}`;
    case 'extension_requested':
      return `提请延期答复（同时起草延期答复告知书，待负责人批准签发）：${s('reason')}`;
    case 'extension_refused':
      return `延期申请未获批准${s('reason') ? `：${s('reason')}` : ''}`;
    case 'extended':
      return `延期答复（批准人：${s('approvedBy')}）：${s('reason')}`;
    case 'later_deadline':
      return `另行确定答复期限至 ${s('deadline')}：${s('reason')}`;
    case 'assigned':
      return (
        (d.assigneeId ? `${d.fromName ? `由 ${s('fromName')} 改派给` : '分派给'} ${s('assigneeName')}` : '取消分派') +
        (d.reason ? `（理由：${s('reason')}）` : '')
      );
    case 'note':
      return `备注：${s('text')}`;
    case 'closed':
      return `办结（${s('date')}）：${outcomeDef(s('outcome'))?.short ?? s('outcome')}${s('reason') ? `。理由：${s('reason')}` : ''}${d.auto ? '（系统自动办结）' : ''}`;
    case 'transferred':
      return `转交 ${s('toAgencyName')}：${s('reason')}`;
    case 'transferred_in':
      return `由 ${s('fromAgencyName')} 转来`;
    case 'letter_released':
      return `签发并送达文书 ${s('docNumber')}`;
    default:
      return type;
  }
}

/** The built-in working-day calendar (2019–2026 schedules); later years count weekends only (provisional). */
export const calendar = Object.assign(builtinCalendar(), {
  previousDay: (d: string) => new Date((parseDn(d) - 1) * 86_400_000).toISOString().slice(0, 10),
});

/**
 * Working days from today to the due date, as the clock counts them: positive = days left (the due day
 * included), 0 = due today, negative = working days overdue. Years without a published schedule count
 * weekends only (the due date is then marked provisional by the server).
 */
export function workingDaysLeft(due: string, today: string): number {
  if (due === today) return 0;
  if (due > today) return calendar.countWorkingDays(nextDay(today), due);
  return -calendar.countWorkingDays(nextDay(due), today);
}

function parseDn(d: string): number {
  return Math.round(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000);
}

function nextDay(d: string): string {
  return new Date((parseDn(d) + 1) * 86_400_000).toISOString().slice(0, 10);
}

export interface DueBadge {
  text: string;
  type: TagType;
  /** Spoken by screen readers with the date. */
  level: 'overdue' | 'soon' | 'ok';
}

/** 剩余 N 个工作日 / 今日到期 / 逾期 N 个工作日, red when overdue or due within 3 working days, amber within 5. */
export function dueBadge(due: string | null, today: string): DueBadge | null {
  if (!due) return null;
  const n = workingDaysLeft(due, today);
  if (n < 0) return { text: `逾期 ${-n} 个工作日`, type: 'danger', level: 'overdue' };
  if (n === 0) return { text: '今日到期', type: 'danger', level: 'soon' };
  if (n <= 3) return { text: `剩 ${n} 个工作日`, type: 'danger', level: 'soon' };
  if (n <= 5) return { text: `剩 ${n} 个工作日`, type: 'warning', level: 'soon' };
  return { text: `剩 ${n} 个工作日`, type: 'info', level: 'ok' };
}

/** Today in Beijing as YYYY-MM-DD. */
export function beijingToday(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** 2026-11-25 → 2026年11月25日 */
export function cnDate(d: string | null | undefined): string {
  if (!d) return '—';
  return `${+d.slice(0, 4)}年${+d.slice(5, 7)}月${+d.slice(8, 10)}日`;
}

export function fileSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
