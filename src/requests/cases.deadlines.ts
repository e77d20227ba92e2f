import type { Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { badRequest, conflict } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { insertDraftLetter, releaseLetterInTx } from './letters.service.js';
import type { CaseState } from './requests.tables.js';
import { PHRASES } from '../rules/citations.js';
import { act, assertDate, notFuture, requireState, today, WORKING } from './cases.core.js';
import * as store from './cases.store.js';

export const EXTENDABLE: CaseState[] = ['received', 'in_progress', 'consulting', 'awaiting_fee'];

/**
 * A clerk asks the office head for the extension (条例第三十三条第二款): the request and its 延期答复告知书 are
 * written together; the head's approval releases the notice with the extension.
 */
export function requestExtension(ctx: AppContext, p: Principal, id: string, input: { version: number; reason: string }) {
  return act(ctx, p, id, input.version, 'cases.write', (c) => {
    if (c.proj.extended) throw conflict(`${PHRASES.extensionOnce}。`);
    if (c.proj.extensionRequest) throw conflict('已提请延期，正在等待政府信息公开工作机构负责人批准。');
    requireState(c, EXTENDABLE, '当前状态不能提请延期');
    const reason = String(input.reason ?? '').trim();
    if (reason.length < 2) throw badRequest('请填写延期理由。');
    const date = today();
    if (c.proj.dueDate && date > c.proj.dueDate) throw conflict(`答复期限已于 ${c.proj.dueDate} 届满，不能再延期。`);
    const letterId = newId();
    return {
      events: [{ type: 'extension_requested', date, reason: reason.slice(0, 2000), requestedBy: p.displayName, letterId }],
      action: 'case.extension_requested',
      detail: { letterId },
      after: async (tx) => {
        await insertDraftLetter(ctx, tx, p, c.row, 'extension_notice', c.calendar, { id: letterId, date });
      },
    };
  });
}

/**
 * Extension by 20 working days, once, approved by the head of the disclosure office, who releases the
 * 延期答复告知书 with it (条例第三十三条第二款: 经…负责人同意并告知申请人): the clerk's drafted notice when one was
 * asked for (or `letterId`, a notice drafted by hand), else one drafted now. The extension and the release are one
 * transaction: no extension without its notice.
 */
export function extendCase(ctx: AppContext, p: Principal, id: string, input: { version: number; reason?: string; date?: string; letterId?: string }) {
  return act(ctx, p, id, input.version, 'cases.approve', async (c, tx) => {
    if (c.proj.extended) throw conflict(`${PHRASES.extensionOnce}。`);
    requireState(c, EXTENDABLE, '当前状态不能延期');
    const asked = c.proj.extensionRequest;
    const reason = String(input.reason ?? '').trim() || asked?.reason || '';
    if (reason.length < 2) throw badRequest('请填写延期理由。');
    const date = notFuture(input.date ? assertDate(input.date, '批准日期') : today(), '批准日期');
    if (c.proj.dueDate && date > c.proj.dueDate) throw conflict(`答复期限已于 ${c.proj.dueDate} 届满，不能再延期。`);
    let letterId = input.letterId ?? asked?.letterId ?? null;
    if (letterId) {
      const l = await store.findCaseLetter(tx, c.row.id, letterId);
      if (!l || l.kind !== 'extension_notice') throw badRequest('未找到该申请的延期答复告知书。');
      if (l.status !== 'draft') letterId = null;
    }
    const drafted = letterId;
    const noticeId = letterId ?? newId();
    return {
      events: [{ type: 'extended', date, approvedBy: p.displayName, reason: reason.slice(0, 2000), letterId: noticeId }],
      action: 'case.extended',
      detail: { letterId: noticeId },
      after: async (tx2) => {
        if (!drafted) await insertDraftLetter(ctx, tx2, p, c.row, 'extension_notice', c.calendar, { id: noticeId });
        const letter = await tx2.selectFrom('case_letters').selectAll().where('id', '=', noticeId).executeTakeFirstOrThrow();
        const row = (await store.findCaseById(tx2, c.row.id))!;
        await releaseLetterInTx(ctx, tx2, p, letter, row, c.calendar);
      },
    };
  });
}

/** A later deadline under Art. 35 (applications clearly beyond a reasonable number or frequency). */
export function setLaterDeadline(ctx: AppContext, p: Principal, id: string, input: { version: number; deadline: string; reason: string }) {
  return act(ctx, p, id, input.version, 'cases.approve', (c) => {
    requireState(c, [...WORKING], '当前状态不能确定延迟答复期限');
    const deadline = assertDate(input.deadline, '延迟答复期限');
    if (c.proj.dueDate && deadline <= c.proj.dueDate) throw badRequest(`依条例第三十五条确定的期限应晚于现行答复期限 ${c.proj.dueDate}。`);
    const reason = String(input.reason ?? '').trim();
    if (reason.length < 2) throw badRequest('请写明申请数量、频次明显超过合理范围的情况。');
    return { events: [{ type: 'later_deadline', date: today(), deadline, reason: reason.slice(0, 2000) }], action: 'case.later_deadline' };
  });
}
