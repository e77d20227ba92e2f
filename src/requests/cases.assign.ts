import { assertCan, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { AppError, badRequest, conflict } from '../platform/errors.js';
import { act } from './cases.core.js';
import * as store from './cases.store.js';

export const ASSIGNABLE_ROLES: string[] = ['clerk', 'office_head'];

/**
 * Sets the case's 经办人. Taking an unassigned case needs no reason; moving a case away from the clerk who
 * holds it (or unassigning it) needs one, kept in the timeline and the audit record.
 */
export function assignCase(ctx: AppContext, p: Principal, id: string, input: { version: number; assigneeId: string | null; reason?: string }) {
  return act(ctx, p, id, input.version, 'cases.write', async (c, tx) => {
    let name = '未分配';
    if (input.assigneeId) {
      const u = await store.findUser(tx, input.assigneeId);
      if (!u || u.agency_id !== c.row.agency_id || u.disabled) throw badRequest('只能分配给本机关在职的工作人员。');
      if (!ASSIGNABLE_ROLES.includes(u.role)) throw badRequest('只能分配给经办人或公开工作机构负责人。');
      name = u.display_name;
    }
    if ((input.assigneeId ?? null) === c.row.assignee_id) throw conflict(input.assigneeId ? `该申请的经办人已是${name}。` : '该申请尚未分配经办人。');
    const reason = String(input.reason ?? '')
      .trim()
      .slice(0, 500);
    const reassign = c.row.assignee_id !== null;
    if (reassign && reason.length < 2) throw badRequest('改派经办人须写明理由。');
    const from = reassign ? ((await store.findUser(tx, c.row.assignee_id!))?.display_name ?? '（已删除的用户）') : null;
    return {
      events: [{ type: 'assigned', assigneeId: input.assigneeId, assigneeName: name, ...(reason ? { reason } : {}), ...(from ? { fromName: from } : {}) }],
      changes: { assignee_id: input.assigneeId },
      action: reassign ? 'case.reassigned' : 'case.assigned',
      detail: { from: c.row.assignee_id, to: input.assigneeId, ...(reason ? { reason } : {}) },
    };
  });
}

/** The staff of the user's agency a case may be assigned to. */
export async function listAssignees(ctx: AppContext, p: Principal) {
  assertCan(p, 'cases.read');
  const rows = await store.activeStaffIn(ctx.db, p.agencyId, ASSIGNABLE_ROLES);
  return rows.map((r) => ({ id: r.id, name: r.display_name, role: r.role, me: r.id === p.userId }));
}

/**
 * Assigns several cases from the list at once. Each case is its own transaction (a stale or closed case
 * does not hold back the others); the answer says, per case, what happened.
 */
export async function batchAssign(
  ctx: AppContext,
  p: Principal,
  input: { cases: { id: string; version: number }[]; assigneeId: string | null; reason?: string },
) {
  assertCan(p, 'cases.write', '您没有分配经办人的权限。');
  if (!input.cases.length) throw badRequest('请选择要分配的申请。');
  if (input.cases.length > 200) throw badRequest('一次最多分配 200 件申请。');
  const results: { id: string; ok: boolean; version?: number; error?: string }[] = [];
  for (const c of input.cases) {
    try {
      const r = await assignCase(ctx, p, c.id, { version: c.version, assigneeId: input.assigneeId, ...(input.reason ? { reason: input.reason } : {}) });
      results.push({ id: c.id, ok: true, version: r.version });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id: c.id, ok: false, error: err.message });
    }
  }
  return { assigned: results.filter((r) => r.ok).length, results };
}

export function addNote(ctx: AppContext, p: Principal, id: string, input: { version: number; text: string }) {
  return act(ctx, p, id, input.version, 'cases.write', () => {
    const text = String(input.text ?? '').trim();
    if (!text) throw badRequest('备注不能为空。');
    if (text.length > 4000) throw badRequest('备注不能超过 4000 个字。');
    return { events: [{ type: 'note', text }], action: 'case.note_added' };
  });
}
