/** The kinds of things that wait in 待我处理, their names and their order: pure data, shared with the admin console. */

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

/** Every kind, in the order the inbox lists them. */
export const INBOX_KINDS: InboxKind[] = [
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
