import { assertCan, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { publishingInbox } from '../publishing/inbox.js';
import { reportsInbox } from '../reports/inbox.js';
import { requestsInbox } from '../requests/inbox.js';
import { supervisionInbox } from '../supervision/inbox.js';

/**
 * 待我处理: one list per person across capabilities. The inbox owns no table: it asks each capability through
 * the small query function that capability exports (requests/inbox.ts, publishing/inbox.ts, supervision/inbox.ts).
 */

export type InboxKind =
  | 'order_to_answer'
  | 'extension_to_approve'
  | 'letter_to_sign'
  | 'review_waiting'
  | 'letter_returned'
  | 'correction_window'
  | 'due_soon'
  | 'overdue'
  | 'art26_near'
  | 'report_due';

export const INBOX_KIND_LABELS: Record<InboxKind, string> = {
  order_to_answer: '待答复的督办',
  extension_to_approve: '待批准延期',
  letter_to_sign: '待签发告知书',
  review_waiting: '待审核公开信息',
  letter_returned: '被退回的告知书',
  correction_window: '补正告知期限将届满',
  due_soon: '3个工作日内到期',
  overdue: '已逾期',
  art26_near: '主动公开时限将届满',
  report_due: '年度报告待公布',
};

export interface InboxEntry {
  kind: InboxKind;
  /** Where the console opens it: a case, a letter of a case, a publishing item. */
  caseId?: string;
  letterId?: string;
  /** Extension requests: the case's current draft reply (null: none yet). */
  replyLetterId?: string | null;
  itemId?: string;
  orderId?: string;
  reportId?: string;
  trackingCode?: string;
  title: string;
  detail: string;
  when: string | null;
  version?: number;
  /** Deadline kinds of cases: the 经办人 (null: unassigned). */
  assigneeId?: string | null;
}

const ORDER: InboxKind[] = [
  'overdue',
  'order_to_answer',
  'extension_to_approve',
  'letter_to_sign',
  'letter_returned',
  'review_waiting',
  'correction_window',
  'due_soon',
  'art26_near',
  'report_due',
];

/** `dueWithinDays`: the window of "due soon" (the page: 3 working days; a person's reminders: their own setting). */
export async function inboxOf(ctx: AppContext, p: Principal, opts: { dueWithinDays?: number } = {}) {
  assertCan(p, 'cases.read');
  const [req, pub, sup, rep] = await Promise.all([requestsInbox(ctx, p, 100, opts), publishingInbox(ctx, p), supervisionInbox(ctx, p), reportsInbox(ctx, p)]);
  const items: InboxEntry[] = [
    ...req.map((r) => ({
      kind: r.kind,
      caseId: r.caseId,
      ...(r.letterId ? { letterId: r.letterId } : {}),
      ...(r.replyLetterId !== undefined ? { replyLetterId: r.replyLetterId } : {}),
      trackingCode: r.trackingCode,
      title: r.title,
      detail: r.detail,
      when: r.when,
      ...(r.version ? { version: r.version } : {}),
      ...(r.assigneeId !== undefined ? { assigneeId: r.assigneeId } : {}),
    })),
    ...pub.map((r) => ({ kind: r.kind, itemId: r.itemId, title: r.title, detail: r.detail, when: r.when })),
    ...sup.map((r) => ({
      kind: r.kind,
      orderId: r.orderId,
      ...(r.caseId ? { caseId: r.caseId } : {}),
      title: r.title,
      detail: r.detail,
      when: r.when,
      version: r.version,
    })),
    ...rep.map((r) => ({ kind: r.kind, ...(r.reportId ? { reportId: r.reportId } : {}), title: r.title, detail: r.detail, when: r.when })),
  ];
  items.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || String(a.when ?? '').localeCompare(String(b.when ?? '')));
  const counts = Object.fromEntries(ORDER.map((k) => [k, items.filter((i) => i.kind === k).length])) as Record<InboxKind, number>;
  return { items, counts, total: items.length, labels: INBOX_KIND_LABELS };
}
