import { enqueueStaffMessage, type StaffRecipient } from '../platform/auth/staff-contacts.js';
import type { AppContext } from '../platform/context.js';
import type { DbOrTx } from '../platform/db/index.js';
import { cite, spanText } from '../rules/citations.js';

/**
 * What staff are told by e-mail or SMS: one message per entry of their inbox (待我处理), in Chinese, naming the
 * tracking code or the item's title and the date that matters, with a link to the console page — never the
 * applicant's name, contacts, ID number or the content of the request. The key is per recipient, event and
 * day: the daily reminder job and the moment of the event itself (same transaction) write the same key, so a
 * person hears of an event once a day at most, however often either runs.
 */

export type StaffNoticeKind =
  | 'overdue'
  | 'due_soon'
  | 'correction_window'
  | 'extension_to_approve'
  | 'letter_to_sign'
  | 'letter_returned'
  | 'review_waiting'
  | 'art26_near'
  | 'order_to_answer'
  | 'report_due';

export interface StaffNotice {
  kind: StaffNoticeKind;
  caseId?: string;
  letterId?: string;
  itemId?: string;
  orderId?: string;
  reportId?: string | null;
  trackingCode?: string;
  /** A publishing item's title, a letter's kind name, the 督办's subject, the report's name. */
  title: string;
  /** The date that matters (due date, deadline), YYYY-MM-DD, or null. */
  when: string | null;
}

const LABELS: Record<StaffNoticeKind, string> = {
  overdue: '申请已逾期',
  due_soon: '申请即将到期',
  correction_window: '补正告知期限将届满',
  extension_to_approve: '延期答复待审批',
  letter_to_sign: '告知书待签发',
  letter_returned: '告知书被退回',
  review_waiting: '公开信息待审核',
  art26_near: '主动公开时限将届满',
  order_to_answer: '收到督办事项',
  report_due: '年度报告待公布',
};

/** Where the console opens the entry (hash routes of the admin console). */
export function consoleLink(ctx: AppContext, n: StaffNotice): string {
  const base = `${ctx.config.publicUrl ?? ''}/admin/#`;
  if (n.kind === 'order_to_answer' || n.kind === 'extension_to_approve' || n.kind === 'letter_to_sign') return `${base}/inbox`;
  if (n.caseId) return `${base}/cases/${n.caseId}`;
  if (n.itemId) return `${base}/publishing/items/${n.itemId}`;
  if (n.kind === 'report_due') return n.reportId ? `${base}/reports/${n.reportId}` : `${base}/reports`;
  return `${base}/inbox`;
}

/** The sentence of each kind; `days` is the recipient's reminder setting (due_soon). */
function sentence(n: StaffNotice, days: number): string {
  const code = n.trackingCode ? `受理编号 ${n.trackingCode} 的政府信息公开申请` : '';
  const w = n.when ?? '—';
  switch (n.kind) {
    case 'overdue':
      return `${code}已超过答复期限（${w}），请尽快办理。`;
    case 'due_soon':
      return `${code}答复期限为 ${w}，已不足 ${days} 个工作日，请按期答复（条例第三十三条）。`;
    case 'correction_window':
      return `${code}如需补正，应在 ${w} 前一次性告知申请人（条例第三十条）。`;
    case 'extension_to_approve':
      return `${code}经办人提请延期答复，待您审批并签发延期答复告知书（现答复期限 ${w}）。`;
    case 'letter_to_sign':
      return `${code}的《${n.title}》已起草，待您审核签发。`;
    case 'letter_returned':
      return `您起草的${code}的《${n.title}》被退回修改，请查看修改意见后重新起草。`;
    case 'review_waiting':
      return `公开信息「${n.title}」待您审核。`;
    case 'art26_near':
      return `拟主动公开的信息「${n.title}」应于 ${w} 前公开（${cite('art26')}：形成或者变更之日起${spanText('proactive')}内），请抓紧审核发布。`;
    case 'order_to_answer':
      return `上级政务公开工作主管部门督办「${n.title}」，办理期限 ${w}，请在待我处理中答复。`;
    case 'report_due':
      return `《${n.title}》应于 ${w} 前向社会公布（条例第四十九条），目前尚未发布。`;
  }
}

const entityOf = (n: StaffNotice) => n.letterId ?? n.itemId ?? n.orderId ?? n.reportId ?? n.caseId ?? n.title;

/** The message for one recipient, with its key for `day` (the Beijing date). */
export function staffMessage(ctx: AppContext, to: StaffRecipient, n: StaffNotice, day: string, agencyName: string) {
  const label = LABELS[n.kind];
  const what = sentence(n, to.remindDays);
  const link = consoleLink(ctx, n);
  const short = n.trackingCode ?? (n.title.length > 20 ? `${n.title.slice(0, 20)}…` : n.title);
  return {
    template: `staff.${n.kind}`,
    key: `staff:${to.principal.userId}:${n.kind}:${entityOf(n)}:${day}`,
    subject: `【待我处理】${label}：${short}`,
    text: `${to.principal.displayName}：\n\n${what}\n\n请登录政务公开管理平台处理：${link}\n\n${agencyName}\n（本邮件由系统自动发送，请勿直接回复。如不需要邮件提醒，可在“个人设置”中更改通知方式。）`,
    sms: `【政务公开】${label}：${what}详见 ${link}`,
    smsParams: [label, short, n.when ?? ''],
  };
}

/** Enqueues the notice for each recipient in the caller's transaction; returns how many were new. */
export async function notifyStaff(
  ctx: AppContext,
  tx: DbOrTx,
  recipients: StaffRecipient[],
  n: StaffNotice,
  agency: { id: string; name: string },
): Promise<number> {
  const day = ctx.clock.today();
  let added = 0;
  for (const to of recipients) {
    const m = staffMessage(ctx, to, n, day, agency.name);
    if (await enqueueStaffMessage(ctx, tx, to, { ...m, agencyId: agency.id })) added++;
  }
  return added;
}
