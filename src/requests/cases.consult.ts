import type { Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { ConsultationKind } from './projection.js';
import { act, assertDate, notFuture, requireState, today, WORKING } from './cases.core.js';

export function startConsultation(ctx: AppContext, p: Principal, id: string, input: { version: number; kind: ConsultationKind; party: string; date?: string }) {
  return act(ctx, p, id, input.version, 'cases.write', (c) => {
    requireState(c, [...WORKING], '当前状态不能征求意见');
    if (input.kind !== 'third_party' && input.kind !== 'agency') throw badRequest('征求意见的对象应为第三方或其他机关。');
    const party = String(input.party ?? '').trim();
    if (!party) throw badRequest('请填写被征求意见的第三方或机关名称。');
    if (party.length > 200) throw badRequest('名称过长。');
    const date = notFuture(input.date ? assertDate(input.date, '发函日期') : today(), '发函日期');
    if (c.proj.receivedDate && date < c.proj.receivedDate) throw badRequest('发函日期不能早于收到申请之日。');
    return { events: [{ type: 'consultation_started', consultationId: newId(), kind: input.kind, party, date }], action: 'case.consultation_started' };
  });
}

export function answerConsultation(
  ctx: AppContext,
  p: Principal,
  id: string,
  input: { version: number; consultationId: string; opinion: string; date?: string },
) {
  return act(ctx, p, id, input.version, 'cases.write', (c) => {
    const k = c.proj.consultations.find((x) => x.id === input.consultationId);
    if (!k) throw notFound('未找到该征求意见记录。');
    if (k.answered) throw conflict('该征求意见已记录答复。');
    const date = notFuture(input.date ? assertDate(input.date, '收到答复日期') : today(), '收到答复日期');
    if (date < k.sent) throw badRequest('收到答复的日期不能早于发函日期。');
    const opinion = String(input.opinion ?? '')
      .trim()
      .slice(0, 4000);
    if (!opinion) throw badRequest('请填写答复意见（如：同意公开、不同意公开及理由）。');
    return { events: [{ type: 'consultation_answered', consultationId: k.id, date, opinion }], action: 'case.consultation_answered' };
  });
}
