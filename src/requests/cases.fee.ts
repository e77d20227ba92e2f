import type { Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { badRequest, conflict } from '../platform/errors.js';
import { type FeeMethod, quoteFee } from './fee-notice.js';
import { act, assertDate, notFuture, requireState, today } from './cases.core.js';
import * as store from './cases.store.js';

/**
 * A fee notice (国办函〔2020〕109号). Per application, the ordinal counts the applicant's applications to this
 * agency in the calendar month of this one's received date (blind index of the identity number).
 */
export function notifyFee(ctx: AppContext, p: Principal, id: string, input: { version: number; method: FeeMethod; pages?: number; date?: string }) {
  return act(ctx, p, id, input.version, 'cases.write', async (c, tx) => {
    if (c.proj.feeNotified) throw conflict('该申请已发出过收费通知；每件申请只能选择一种计收方式，不能重复收费。');
    requireState(c, ['received', 'in_progress', 'extended'], '当前状态不能发出收费通知');
    const date = notFuture(input.date ? assertDate(input.date, '通知日期') : today(), '通知日期');
    if (c.proj.dueDate && date > c.proj.dueDate) throw conflict('收费通知应在答复期限内发出（国办函〔2020〕109号）。');
    const received = c.proj.receivedDate!;
    let quote: ReturnType<typeof quoteFee>;
    if (input.method === 'per_application') {
      const ordinal = await store.applicantOrdinalInMonth(tx, { ...c.row, received_date: received });
      quote = quoteFee('per_application', { ordinalInMonth: Math.max(1, ordinal), month: received.slice(0, 7) });
    } else if (input.method === 'per_page') {
      if (!Number.isInteger(input.pages) || (input.pages ?? -1) < 0 || (input.pages ?? 0) > 1_000_000) throw badRequest('按量计收须填写页数（非负整数）。');
      quote = quoteFee('per_page', { pages: input.pages! });
    } else throw badRequest('计收方式应为按件或按量。');
    if (quote.amount === 0) throw conflict(`按所选方式计算，本申请无需收费（${quote.detail}）。`);
    return {
      events: [{ type: 'fee_notified', date, amount: quote.amount, method: quote.method, detail: quote.detail }],
      action: 'case.fee_notified',
      detail: { amount: quote.amount },
    };
  });
}

export function recordFeePaid(ctx: AppContext, p: Principal, id: string, input: { version: number; date?: string }) {
  return act(ctx, p, id, input.version, 'cases.write', (c) => {
    requireState(c, ['awaiting_fee', 'consulting'], '该申请没有待缴的费用');
    if (!c.proj.feeNotified || c.proj.feePaid) throw conflict('该申请没有待缴的费用。');
    const date = notFuture(input.date ? assertDate(input.date, '缴费日期') : today(), '缴费日期');
    const notice = c.events.find((e) => e.data.type === 'fee_notified')?.data as { date: string } | undefined;
    if (notice && date < notice.date) throw badRequest('缴费日期不能早于收费通知日期。');
    return { events: [{ type: 'fee_paid', date }], action: 'case.fee_paid' };
  });
}
