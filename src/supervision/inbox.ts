import { can, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { todayInChina } from '../platform/time.js';
import * as store from './supervision.store.js';

/**
 * What the supervising office puts in an agency's inbox (待我处理), asked by the inbox capability through this
 * function: the 督办 it received and has not answered yet, soonest due first, for the people who answer them.
 */
export interface SupervisionInboxItem {
  kind: 'order_to_answer';
  orderId: string;
  caseId?: string;
  title: string;
  detail: string;
  when: string;
  version: number;
}

export async function supervisionInbox(ctx: AppContext, p: Principal, limit = 100): Promise<SupervisionInboxItem[]> {
  if (!can(p, 'supervision.answer')) return [];
  const today = todayInChina();
  const rows = await store.listOrders(ctx.db, p, { agencyId: p.agencyId, status: 'open', limit });
  return rows.map((o) => ({
    kind: 'order_to_answer' as const,
    orderId: o.id,
    ...(o.subject_kind === 'case' && o.subject_id ? { caseId: o.subject_id } : {}),
    title: o.subject_label,
    detail: `${o.issuer_name}督办：${o.what}（办理期限 ${o.due_date}${o.due_date < today ? '，已逾期' : ''}）`,
    when: o.due_date,
    version: o.version,
  }));
}
