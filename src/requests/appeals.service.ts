import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, visibleAgency, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { isIsoDate, nowIso, todayInChina } from '../platform/time.js';
import { builtinCalendar, type Calendar } from '../rules/calendar/index.js';
import { isOutcomeKey } from '../rules/outcomes.js';
import { appealAnswerDeadline, directLitigationRefusal } from '../rules/remedies.js';
import { loadCalendar } from './calendar.service.js';
import * as store from './cases.store.js';
import type { AppealTable } from './requests.tables.js';

/**
 * Administrative reconsideration and litigation about a case (年度报告表四): linked to the case, counted in
 * the agency's report by filing date and result.
 */

export const APPEAL_KINDS = { reconsideration: '行政复议', litigation_direct: '未经复议直接起诉', litigation_after_reconsideration: '复议后起诉' } as const;
export const APPEAL_RESULTS = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' } as const;

export interface AppealInput {
  kind?: string;
  filedDate?: string;
  result?: string;
  decidedDate?: string | null;
  body?: string;
  note?: string;
  /** The day the agency received the 复议机关's copy of the application (答复通知书, 行政复议法第四十八条). */
  answerNoticeDate?: string | null;
  /** The 复议机关 applies the simplified procedure (第五十三条): answer within 5 working days (第五十四条). */
  simplified?: boolean;
  /** The day the agency sent its written answer. */
  answeredDate?: string | null;
}

function check(input: AppealInput, partial: boolean) {
  if (!partial || input.kind !== undefined)
    if (!input.kind || !(input.kind in APPEAL_KINDS)) throw badRequest('类型应为行政复议、未经复议直接起诉或复议后起诉。');
  if (!partial || input.filedDate !== undefined) {
    if (!isIsoDate(input.filedDate)) throw badRequest('请填写申请复议或起诉的日期（YYYY-MM-DD）。');
    if (input.filedDate! > todayInChina()) throw badRequest('申请复议或起诉的日期不能晚于今天。');
  }
  if (input.result !== undefined && !(input.result in APPEAL_RESULTS)) throw badRequest('结果应为维持、纠正、其他或尚未审结。');
  if (input.decidedDate != null && !isIsoDate(input.decidedDate)) throw badRequest('审结日期格式不正确。');
  if ((input.body ?? '').length > 200 || (input.note ?? '').length > 2000) throw badRequest('内容过长。');
  if (input.answerNoticeDate != null && !isIsoDate(input.answerNoticeDate)) throw badRequest('收到答复通知书的日期格式不正确（YYYY-MM-DD）。');
  if (input.answeredDate != null && !isIsoDate(input.answeredDate)) throw badRequest('提出书面答复的日期格式不正确（YYYY-MM-DD）。');
}

/** The stored facts of an appeal must hang together (the order of dates, the kind against the reply). */
function checkRow(a: AppealTable, caseOutcome: string | null, caseClosed: string | null): void {
  if (a.result !== 'pending' && !a.decided_date) throw badRequest('已审结的案件请填写审结日期。');
  if (a.decided_date && a.decided_date < a.filed_date) throw badRequest('审结日期不能早于申请复议或起诉的日期。');
  if (a.kind !== 'reconsideration' && (a.answer_notice_date || a.answered_date || a.simplified)) {
    throw badRequest('答复通知书、简易程序和书面答复只适用于行政复议。');
  }
  if (a.answer_notice_date && a.answer_notice_date < a.filed_date) throw badRequest('收到答复通知书的日期不能早于申请复议的日期。');
  if (a.answered_date && !a.answer_notice_date) throw badRequest('请先登记收到行政复议答复通知书的日期。');
  if (a.answered_date && a.answer_notice_date && a.answered_date < a.answer_notice_date) throw badRequest('提出书面答复的日期不能早于收到答复通知书的日期。');
  if (a.kind === 'litigation_direct' && caseOutcome && isOutcomeKey(caseOutcome)) {
    const why = directLitigationRefusal(caseOutcome, caseClosed ?? undefined);
    if (why) throw badRequest(why);
  }
}

/** The answer deadline of a 复议 case (行政复议法第四十八条、第五十四条), when the notice is recorded. */
function answerDue(a: AppealTable, calendar: Calendar): string | null {
  return a.kind === 'reconsideration' && a.answer_notice_date ? appealAnswerDeadline(a.answer_notice_date, a.simplified === 1, calendar) : null;
}

function view(a: AppealTable, calendar: Calendar = builtinCalendar()) {
  return {
    answerNoticeDate: a.answer_notice_date,
    simplified: a.simplified === 1,
    answeredDate: a.answered_date,
    answerDue: answerDue(a, calendar),
    id: a.id,
    caseId: a.case_id,
    agencyId: a.agency_id,
    kind: a.kind,
    kindLabel: APPEAL_KINDS[a.kind],
    filedDate: a.filed_date,
    result: a.result,
    resultLabel: APPEAL_RESULTS[a.result],
    decidedDate: a.decided_date,
    body: a.body,
    note: a.note,
    version: a.version,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  };
}

export async function listAppeals(ctx: AppContext, p: Principal, f: { caseId?: string; year?: number } = {}) {
  assertCan(p, 'cases.read');
  let q = ctx.db
    .selectFrom('appeals')
    .selectAll()
    .where((eb) => visibleAgency(eb, 'appeals.agency_id', p));
  if (f.caseId) q = q.where('case_id', '=', f.caseId);
  if (f.year) q = q.where('filed_date', '>=', `${f.year}-01-01`).where('filed_date', '<=', `${f.year}-12-31`);
  const calendar = await loadCalendar(ctx.db);
  return (await q.orderBy('filed_date', 'desc').limit(500).execute()).map((a) => view(a, calendar));
}

/**
 * 复议 answers the agency still owes (行政复议法第四十八条: 10 working days; 第五十四条: 5 under the simplified
 * procedure): the notice is recorded, the answer is not; soonest first. For the workbench's reminders.
 */
export async function pendingAppealAnswers(ctx: AppContext, p: Principal, calendar: Calendar, limit = 50) {
  assertCan(p, 'cases.read');
  const rows = await ctx.db
    .selectFrom('appeals')
    .innerJoin('cases', 'cases.id', 'appeals.case_id')
    .selectAll('appeals')
    .select(['cases.tracking_code as tracking_code'])
    .where('appeals.kind', '=', 'reconsideration')
    .where('appeals.answer_notice_date', 'is not', null)
    .where('appeals.answered_date', 'is', null)
    .where((eb) => visibleAgency(eb, 'appeals.agency_id', p))
    .orderBy('appeals.answer_notice_date')
    .limit(limit)
    .execute();
  return rows
    .map((a) => ({
      id: a.id,
      caseId: a.case_id,
      trackingCode: a.tracking_code,
      body: a.body,
      simplified: a.simplified === 1,
      answerNoticeDate: a.answer_notice_date!,
      answerDue: answerDue(a, calendar)!,
    }))
    .sort((x, y) => x.answerDue.localeCompare(y.answerDue));
}

export async function createAppeal(ctx: AppContext, p: Principal, caseId: string, input: AppealInput) {
  assertCan(p, 'cases.read');
  const c = await store.findVisibleCase(ctx.db, p, caseId);
  if (!c) throw notFound('未找到该申请，或您无权查看。');
  assertCan(p, 'cases.write', '您没有登记复议、诉讼的权限。');
  check(input, false);
  const now = nowIso();
  const row: AppealTable = {
    id: newId(),
    agency_id: c.agency_id,
    case_id: c.id,
    kind: input.kind as AppealTable['kind'],
    filed_date: input.filedDate!,
    result: (input.result ?? 'pending') as AppealTable['result'],
    decided_date: input.decidedDate ?? null,
    body: (input.body ?? '').trim(),
    note: (input.note ?? '').trim(),
    answer_notice_date: input.answerNoticeDate ?? null,
    simplified: input.simplified ? 1 : 0,
    answered_date: input.answeredDate ?? null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  checkRow(row, c.outcome, c.closed_date);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('appeals').values(row).execute();
    await recordAudit(tx, actorOf(p), {
      action: 'appeal.created',
      entityType: 'appeal',
      entityId: row.id,
      agencyId: c.agency_id,
      after: row,
      detail: { caseId },
    });
  });
  return view(row, await loadCalendar(ctx.db));
}

export async function updateAppeal(ctx: AppContext, p: Principal, id: string, input: AppealInput & { version: number }) {
  assertCan(p, 'cases.read');
  const a = await ctx.db
    .selectFrom('appeals')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => visibleAgency(eb, 'appeals.agency_id', p))
    .executeTakeFirst();
  if (!a) throw notFound('未找到该复议或诉讼记录。');
  assertCan(p, 'cases.write', '您没有修改复议、诉讼记录的权限。');
  check(input, true);
  if (a.version !== input.version) throw conflict('该记录已被他人修改，请刷新后再操作。');
  const next: AppealTable = {
    ...a,
    kind: (input.kind ?? a.kind) as AppealTable['kind'],
    filed_date: input.filedDate ?? a.filed_date,
    result: (input.result ?? a.result) as AppealTable['result'],
    decided_date: input.decidedDate === undefined ? a.decided_date : input.decidedDate,
    body: input.body?.trim() ?? a.body,
    note: input.note?.trim() ?? a.note,
    answer_notice_date: input.answerNoticeDate === undefined ? a.answer_notice_date : input.answerNoticeDate,
    simplified: input.simplified === undefined ? a.simplified : input.simplified ? 1 : 0,
    answered_date: input.answeredDate === undefined ? a.answered_date : input.answeredDate,
    version: a.version + 1,
    updated_at: nowIso(),
  };
  const c = await ctx.db.selectFrom('cases').select(['outcome', 'closed_date']).where('id', '=', a.case_id).executeTakeFirst();
  checkRow(next, c?.outcome ?? null, c?.closed_date ?? null);
  await ctx.db.transaction().execute(async (tx) => {
    const res = await tx.updateTable('appeals').set(next).where('id', '=', id).where('version', '=', input.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('该记录已被他人修改，请刷新后再操作。');
    await recordAudit(tx, actorOf(p), { action: 'appeal.updated', entityType: 'appeal', entityId: id, agencyId: a.agency_id, before: a, after: next });
  });
  return view(next, await loadCalendar(ctx.db));
}

export async function deleteAppeal(ctx: AppContext, p: Principal, id: string, version: number) {
  assertCan(p, 'cases.read');
  const a = await ctx.db
    .selectFrom('appeals')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => visibleAgency(eb, 'appeals.agency_id', p))
    .executeTakeFirst();
  if (!a) throw notFound('未找到该复议或诉讼记录。');
  assertCan(p, 'cases.write', '您没有删除复议、诉讼记录的权限。');
  if (a.version !== version) throw conflict('该记录已被他人修改，请刷新后再操作。');
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('appeals').where('id', '=', id).where('version', '=', version).execute();
    await recordAudit(tx, actorOf(p), { action: 'appeal.deleted', entityType: 'appeal', entityId: id, agencyId: a.agency_id, before: a });
  });
}
