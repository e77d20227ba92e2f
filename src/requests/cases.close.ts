import { actorOf } from '../platform/auth/accounts.service.js';
import type { Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { badRequest, conflict } from '../platform/errors.js';
import { formatForYear, isOutcomeKey, outcome, type OutcomeKey, reportRow } from '../rules/outcomes.js';
import type { ApplicantData, ValidApplication } from './application.js';
import { act, assertDate, notFuture, requireState, today } from './cases.core.js';
import { createCase } from './cases.intake.js';
import * as store from './cases.store.js';

/**
 * Closes with exactly one leaf outcome (the report row). Reasons are required where the reply must give
 * them (不予公开, 部分公开, …). The 2019 format counts the three other_* as one `other` row.
 */
export function closeCase(ctx: AppContext, p: Principal, id: string, input: { version: number; outcome?: string; reason?: string; date?: string }) {
  return act(ctx, p, id, input.version, 'cases.write', (c) => {
    if (!input.outcome) throw badRequest('办结须选择一个办理结果（年度报告表三中的一项）。');
    if (!isOutcomeKey(input.outcome)) throw badRequest('办理结果不正确，请从列表中选择。');
    const key: OutcomeKey = input.outcome;
    requireState(c, ['received', 'in_progress', 'extended', 'consulting', 'replied', 'awaiting_correction', 'awaiting_fee'], '该申请不能办结');
    const def = outcome(key);
    const reason = String(input.reason ?? '').trim();
    if (def.needsReason && reason.length < 4) throw badRequest(`「${def.short}」须写明理由和法律依据（条例第三十六条第（三）项、第三十七条）。`);
    if (c.proj.consultations.some((x) => !x.answered) && key === 'disclosed') {
      const open = c.proj.consultations.find((x) => !x.answered)!;
      if (today() <= open.limit) throw conflict(`征求${open.party}的意见尚未答复（期限 ${open.limit}），请记录答复或待期限届满后再决定公开。`);
    }
    if (key === 'other_no_correction' && c.proj.state !== 'awaiting_correction') throw badRequest('「逾期不补正」只适用于要求补正后申请人逾期未补正的申请。');
    if (key === 'other_fee_unpaid' && !c.proj.feeNotified) throw badRequest('「逾期未缴费」只适用于已发出收费通知的申请。');
    if (key === 'unable_unclear_after_correction' && !c.proj.corrected) throw badRequest('「补正后申请内容仍不明确」只适用于申请人已补正的申请。');
    if (c.proj.state === 'awaiting_correction' && key !== 'other_no_correction' && key !== 'not_processed_petition') {
      throw conflict('申请正在等待补正：请先记录补正，或在补正期限届满后按「逾期不补正」办结。');
    }
    const date = notFuture(input.date ? assertDate(input.date, '办结日期') : today(), '办结日期');
    if (c.proj.receivedDate && date < c.proj.receivedDate) throw badRequest('办结日期不能早于收到申请之日。');
    const row = reportRow(key, formatForYear(Number(date.slice(0, 4))));
    return { events: [{ type: 'closed', date, outcome: key, reason: reason.slice(0, 4000) }], action: 'case.closed', detail: { outcome: key, reportRow: row } };
  });
}

/**
 * Transfers to another agency in the system. The new agency gets a new case waiting for its own receipt
 * confirmation; this one ends as `transferred` (counted as 本机关不掌握, 条例第三十六条第（五）项, when it had
 * already been received here, so that this agency's report still balances).
 */
export async function transferCase(ctx: AppContext, p: Principal, id: string, input: { version: number; toAgencyId: string; reason: string }) {
  let newCaseId = '';
  const res = await act(ctx, p, id, input.version, 'cases.write', async (c, tx) => {
    requireState(c, ['submitted', 'received', 'in_progress'], '当前状态不能转交');
    if (input.toAgencyId === c.row.agency_id) throw badRequest('不能转交给本机关。');
    const target = await store.findAgency(tx, input.toAgencyId);
    if (!target) throw badRequest('接收机关不存在。');
    const from = await store.getAgency(tx, c.row.agency_id);
    const reason = String(input.reason ?? '').trim();
    if (reason.length < 2) throw badRequest('请写明转交理由。');
    const applicant = JSON.parse(ctx.cipher.decrypt(c.row.applicant_enc)) as ApplicantData;
    const app: ValidApplication = {
      applicant,
      applicantType: c.row.applicant_type,
      description: c.row.description,
      docNumber: c.row.doc_number_requested,
      form: c.row.form as ValidApplication['form'],
      delivery: c.row.delivery as ValidApplication['delivery'],
    };
    const created = await createCase(
      ctx,
      tx,
      actorOf(p),
      {
        agencyId: target.id,
        channel: c.row.channel,
        app,
        token: null,
        receivedDate: null,
        submittedDate: today(),
        transferredFrom: { caseId: c.row.id, agencyName: from.name },
      },
      c.calendar,
    );
    newCaseId = created.id;
    return {
      events: [{ type: 'transferred', date: today(), toAgencyId: target.id, toAgencyName: target.name, newCaseId: created.id, reason: reason.slice(0, 2000) }],
      action: 'case.transferred',
      detail: { to: target.id, newCaseId: created.id },
    };
  });
  return { ...res, newCaseId };
}
