import { staffRecipients } from '../platform/auth/staff-contacts.js';
import { notifyStaff } from '../inbox/staff-messages.js';
import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, seesSubtree, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import type { DbOrTx } from '../platform/db/index.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { isIsoDate, nowIso, todayInChina } from '../platform/time.js';
import { caseTrackingCodeForOversight } from '../requests/oversight.js';
import type { AnswerOrderBody, IssueOrderBody, OrdersQuery, OrderView } from './supervision.api.js';
import { assertSupervisor, visibleAgencyOrThrow } from './supervision.core.js';
import * as store from './supervision.store.js';

/** 督办: the office issues one to an agency of its subtree, the agency answers it once, both list them. */

function orderView(r: store.OrderRow & { agency_name?: string }, today: string): OrderView {
  const answeredOn = r.answered_at ? todayInChina(new Date(r.answered_at)) : null;
  return {
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name ?? '',
    issuerName: r.issuer_name,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    subjectLabel: r.subject_label,
    figure: r.figure,
    what: r.what,
    dueDate: r.due_date,
    status: r.status,
    overdue: r.status === 'open' && r.due_date < today,
    answer: r.answer,
    answeredAt: r.answered_at,
    answeredByName: r.answered_by_name,
    answeredLate: !!answeredOn && answeredOn > r.due_date,
    version: r.version,
    createdAt: r.created_at,
  };
}

/** Issues a 督办 to an agency of the subtree: what to do and by when. */
export async function issueOrder(ctx: AppContext, p: Principal, input: IssueOrderBody, today = todayInChina()): Promise<OrderView> {
  assertSupervisor(p);
  const agency = await visibleAgencyOrThrow(ctx.db, p, input.agencyId);
  if (agency.id === p.agencyId) throw badRequest('督办对象应为所辖机关，不能督办本机关。');
  const what = input.what?.trim() ?? '';
  if (what.length < 4) throw badRequest('请写明督办事项（至少4个字）。');
  if (what.length > 2000) throw badRequest('督办事项不能超过2000字。');
  if (!isIsoDate(input.dueDate)) throw badRequest('办理期限的日期格式应为“2026-12-31”。');
  if (input.dueDate < today) throw badRequest('办理期限不能早于今天。');
  let label = input.subjectLabel?.trim() || agency.name;
  if (input.subjectKind === 'case') {
    if (!input.subjectId) throw badRequest('请指明督办的申请。');
    const code = await caseTrackingCodeForOversight(ctx.db, p, agency.id, input.subjectId);
    if (!code) throw notFound('未找到该申请，或它不属于该机关。');
    label = `申请${code}`;
  }
  if (input.subjectKind === 'report') {
    // A report is named by its agency and year (`agencyId:year`): the 督办 shows on that report's page.
    const m = /^(.+):(\d{4})$/.exec(input.subjectId ?? '');
    if (!m || m[1] !== agency.id) throw badRequest('请指明督办的年度报告（机关与年度）。');
    label = `${m[2]}年度报告`;
  }
  const now = nowIso();
  const row = {
    id: newId(),
    agency_id: agency.id,
    issuer_agency_id: p.agencyId,
    issuer_id: p.userId,
    issuer_name: p.displayName,
    subject_kind: input.subjectKind,
    subject_id: input.subjectId ?? null,
    subject_label: label.slice(0, 200),
    figure: input.figure ?? null,
    what,
    due_date: input.dueDate,
    status: 'open' as const,
    answer: null,
    answered_at: null,
    answered_by_id: null,
    answered_by_name: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await store.insertOrder(tx, row);
    await recordAudit(tx, actorOf(p), {
      action: 'supervision.order_issued',
      entityType: 'supervision_order',
      entityId: row.id,
      agencyId: agency.id,
      after: row,
    });
    // 督办 lands in the agency's inbox (supervision/inbox.ts) and, now, with the staff who answer it (issue 12).
    const answerers = await staffRecipients(tx, ctx.cipher, { agencyId: agency.id, permission: 'supervision.answer' });
    await notifyStaff(
      ctx,
      tx,
      answerers,
      {
        kind: 'order_to_answer',
        orderId: row.id,
        ...(row.subject_kind === 'case' && row.subject_id ? { caseId: row.subject_id } : {}),
        title: row.subject_label,
        when: row.due_date,
      },
      { id: agency.id, name: agency.name },
    );
  });
  return orderView({ ...row, agency_name: agency.name }, today);
}

/** The agency's answer to a 督办 (its clerk or office head): recorded once; a second answer is refused. */
export async function answerOrder(ctx: AppContext, p: Principal, id: string, input: AnswerOrderBody, today = todayInChina()): Promise<OrderView> {
  assertCan(p, 'supervision.answer');
  const text = input.answer?.trim() ?? '';
  if (text.length < 2) throw badRequest('请填写办理情况。');
  if (text.length > 5000) throw badRequest('办理情况不能超过5000字。');
  return ctx.db.transaction().execute(async (tx) => {
    const o = await store.findOrder(tx, p, id);
    if (!o || o.agency_id !== p.agencyId) throw notFound('未找到该督办事项。');
    if (o.status === 'answered') throw conflict('该督办事项已经答复过了。');
    const now = nowIso();
    const changes = { status: 'answered' as const, answer: text, answered_at: now, answered_by_id: p.userId, answered_by_name: p.displayName, updated_at: now };
    if (!(await store.answerOrder(tx, id, input.version, changes))) throw conflict('该督办事项已被他人修改，请刷新后再操作。');
    await recordAudit(tx, actorOf(p), {
      action: 'supervision.order_answered',
      entityType: 'supervision_order',
      entityId: id,
      agencyId: o.agency_id,
      before: o,
      after: { ...o, ...changes },
    });
    return orderView({ ...o, ...changes, version: o.version + 1 }, today);
  });
}

/** 督办 visible to the principal: the office sees its subtree's, an agency its own. */
export async function listOrders(db: DbOrTx, p: Principal, f: OrdersQuery = {}, today = todayInChina()): Promise<OrderView[]> {
  if (!seesSubtree(p)) assertCan(p, 'cases.read');
  const rows = await store.listOrders(db, p, { ...f, limit: 500 });
  return rows.map((r) => orderView(r, today));
}
