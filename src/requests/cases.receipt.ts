import type { Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { badRequest } from '../platform/errors.js';
import { act, assertDate, notFuture, requireState, today } from './cases.core.js';
import { ASSIGNABLE_ROLES } from './cases.assign.js';

// ------------------------------------------------------------------------------------------ actions

/** Confirms receipt with the applicant (online, fax, ordinary post): the confirmation day is the received date. */
export function confirmReceipt(ctx: AppContext, p: Principal, id: string, input: { version: number; date?: string }) {
  return act(ctx, p, id, input.version, 'cases.write', (c) => {
    requireState(c, ['submitted'], '该申请已确认收到');
    const date = notFuture(input.date ? assertDate(input.date, '确认日期') : today(), '确认日期');
    const submitted = c.events.find((e) => e.data.type === 'submitted')?.data as { date: string } | undefined;
    if (submitted && date < submitted.date) throw badRequest('确认日期不能早于申请提交日期。');
    return { events: [{ type: 'received', date, how: 'confirmed' }], action: 'case.receipt_confirmed' };
  });
}

/** Accepts the case; a case nobody holds yet becomes the accepting clerk's (经办人). */
export function acceptCase(ctx: AppContext, p: Principal, id: string, input: { version: number }) {
  return act(ctx, p, id, input.version, 'cases.write', (c) => {
    requireState(c, ['received'], '只有已收到、尚未受理的申请可以受理');
    const take = !c.row.assignee_id && p.agencyId === c.row.agency_id && ASSIGNABLE_ROLES.includes(p.role);
    if (!take) return { events: [{ type: 'accepted' }], action: 'case.accepted' };
    return {
      events: [{ type: 'accepted' }, { type: 'assigned', assigneeId: p.userId, assigneeName: p.displayName }],
      changes: { assignee_id: p.userId },
      action: 'case.accepted',
      detail: { assigneeId: p.userId },
    };
  });
}
