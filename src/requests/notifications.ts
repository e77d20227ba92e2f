import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/index.js';
import { smsSendableAt } from '../rules/quiet-hours.js';
import type { ApplicantData } from './application.js';
import type { CaseEventData } from './projection.js';

/**
 * What the applicant is told, by e-mail and SMS, written to the outbox in the transaction of the event it
 * announces (no message for a change that rolled back; one per recipient and event, by idempotency key).
 * The texts name the agency, the tracking code, dates and the lookup link — nothing the applicant did not
 * give or receive already (no names, ID numbers or the content of the request).
 */

export type ApplicantTemplate = 'case.received' | 'case.correction_requested' | 'case.extended' | 'case.replied';

interface Facts {
  agency: string;
  code: string;
  link: string;
  due: string | null;
  date?: string;
  deadline?: string;
}

/** Subject, e-mail text and SMS text of each applicant event (Chinese, with the tracking code and the link). */
export const APPLICANT_TEMPLATES: Record<ApplicantTemplate, (f: Facts) => { subject: string; text: string; sms: string; smsParams: string[] }> = {
  'case.received': (f) => ({
    subject: `【${f.agency}】政府信息公开申请已收到（查询码 ${f.code}）`,
    text: `您好：\n\n您向${f.agency}提出的政府信息公开申请已于 ${f.date ?? ''} 收到，查询码 ${f.code}。${f.due ? `本机关将在 ${f.due} 前答复（《中华人民共和国政府信息公开条例》第三十三条）。` : ''}\n\n请凭查询码和提交申请时获得的查询密码在 ${f.link} 查看办理进度。\n\n${f.agency}\n（本邮件由系统自动发送，请勿直接回复。）`,
    sms: `【${f.agency}】您的政府信息公开申请已收到，查询码${f.code}${f.due ? `，答复期限${f.due}` : ''}。查询：${f.link}`,
    smsParams: [f.code, f.due ?? ''],
  }),
  'case.correction_requested': (f) => ({
    subject: `【${f.agency}】请补正政府信息公开申请（查询码 ${f.code}）`,
    text: `您好：\n\n您的政府信息公开申请（查询码 ${f.code}）需要补正，补正事项见本机关出具的补正告知书，也可在 ${f.link} 查看。请于 ${f.deadline ?? ''} 前补正；逾期未补正的，视为放弃申请（条例第三十条）。\n\n${f.agency}\n（本邮件由系统自动发送，请勿直接回复。）`,
    sms: `【${f.agency}】您的申请（查询码${f.code}）需要补正，请于${f.deadline ?? ''}前补正，事项请登录${f.link}查看。`,
    smsParams: [f.code, f.deadline ?? ''],
  }),
  'case.extended': (f) => ({
    subject: `【${f.agency}】政府信息公开申请延期答复（查询码 ${f.code}）`,
    text: `您好：\n\n经本机关政府信息公开工作机构负责人同意，您的政府信息公开申请（查询码 ${f.code}）延期答复，答复期限延长至 ${f.due ?? ''}（条例第三十三条第二款）。详情请在 ${f.link} 查看。\n\n${f.agency}\n（本邮件由系统自动发送，请勿直接回复。）`,
    sms: `【${f.agency}】您的申请（查询码${f.code}）延期答复，答复期限延长至${f.due ?? ''}。查询：${f.link}`,
    smsParams: [f.code, f.due ?? ''],
  }),
  'case.replied': (f) => ({
    subject: `【${f.agency}】政府信息公开申请已答复（查询码 ${f.code}）`,
    text: `您好：\n\n本机关已对您的政府信息公开申请（查询码 ${f.code}）作出答复。请凭查询码和查询密码在 ${f.link} 查看并下载答复书。\n\n${f.agency}\n（本邮件由系统自动发送，请勿直接回复。）`,
    sms: `【${f.agency}】您的申请（查询码${f.code}）已答复，请登录${f.link}查看答复书。`,
    smsParams: [f.code],
  }),
};

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;

/** The applicant events among `events` and the idempotency key of each. */
function applicantEvents(caseId: string, events: CaseEventData[]): { template: ApplicantTemplate; key: string; data: CaseEventData }[] {
  const out: { template: ApplicantTemplate; key: string; data: CaseEventData }[] = [];
  for (const e of events) {
    if (e.type === 'received') out.push({ template: 'case.received', key: `case:${caseId}:received`, data: e });
    if (e.type === 'correction_requested') out.push({ template: 'case.correction_requested', key: `case:${caseId}:correction_requested`, data: e });
    if (e.type === 'extended') out.push({ template: 'case.extended', key: `case:${caseId}:extended`, data: e });
    if (e.type === 'letter_released' && /^reply/.test(String((e as { kind?: string }).kind ?? '')))
      out.push({ template: 'case.replied', key: `case:${caseId}:replied:${(e as { letterId: string }).letterId}`, data: e });
  }
  return out;
}

/**
 * Enqueues the applicant's e-mail and SMS for the events just written to a case (same transaction). SMS
 * falling in the quiet hours is written to wait until 08:00 Beijing time.
 */
export async function notifyApplicant(
  ctx: AppContext,
  tx: Tx,
  row: { id: string; agency_id: string; tracking_code: string; applicant_enc: string },
  events: CaseEventData[],
  dueDate: string | null,
): Promise<number> {
  const todo = applicantEvents(row.id, events);
  if (!todo.length) return 0;
  const a = JSON.parse(ctx.cipher.decrypt(row.applicant_enc)) as ApplicantData;
  const email = a.email?.trim();
  const phone = a.phone?.replace(/[\s-]/g, '');
  if (!email && !(phone && MOBILE.test(phone))) return 0;
  const agency = (await tx.selectFrom('agencies').select('name').where('id', '=', row.agency_id).executeTakeFirst())?.name ?? '';
  const link = `${ctx.config.publicUrl ?? ''}/lookup`;
  let n = 0;
  for (const t of todo) {
    const d = t.data as { date?: string; deadline?: string };
    const f: Facts = {
      agency,
      code: row.tracking_code,
      link,
      due: dueDate,
      ...(d.date ? { date: d.date } : {}),
      ...(d.deadline ? { deadline: d.deadline } : {}),
    };
    const m = APPLICANT_TEMPLATES[t.template](f);
    if (email) {
      await ctx.outbox.enqueue(tx, {
        channel: 'email',
        recipient: email,
        template: t.template,
        params: { subject: m.subject, text: m.text, trackingCode: row.tracking_code },
        idempotencyKey: t.key,
        agencyId: row.agency_id,
      });
      n++;
    }
    if (phone && MOBILE.test(phone)) {
      await ctx.outbox.enqueue(tx, {
        channel: 'sms',
        recipient: phone,
        template: t.template,
        params: { text: m.sms, smsParams: m.smsParams, trackingCode: row.tracking_code },
        idempotencyKey: t.key,
        agencyId: row.agency_id,
        notBefore: smsSendableAt(ctx.clock.now()).toISOString(),
      });
      n++;
    }
  }
  return n;
}
