import type { Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { loadCalendar } from './calendar.service.js';
import { insertDraftLetter } from './letters.service.js';
import { cite, spanText } from '../rules/citations.js';
import { checkUpload } from './uploads.js';
import { act, APPLICANT_ACTOR, assertDate, commit, load, type Loaded, notFuture, requireState, type Step, today } from './cases.core.js';
import { saveFile } from './cases.files.js';
import { authenticateLookup } from './cases.lookup.js';
import * as store from './cases.store.js';

/** One-time correction request within 7 working days of receipt (条例第三十条), with the agency's deadline. */
export function requestCorrection(ctx: AppContext, p: Principal, id: string, input: { version: number; items: string; deadline: string; date?: string }) {
  return act(ctx, p, id, input.version, 'cases.write', (c) => {
    if (c.proj.correctionRequested) throw conflict('补正只能要求一次，并应一次性告知需要补正的全部事项（条例第三十条）。');
    requireState(c, ['received', 'in_progress'], '当前状态不能要求补正');
    const items = String(input.items ?? '').trim();
    if (items.length < 4) throw badRequest('请写明需要补正的事项（应一次性告知）。');
    if (items.length > 4000) throw badRequest('补正事项不能超过 4000 个字。');
    const date = notFuture(input.date ? assertDate(input.date, '告知日期') : today(), '告知日期');
    const deadline = assertDate(input.deadline, '补正期限');
    if (deadline <= date) throw badRequest('补正期限应晚于告知日期，并给申请人留出合理的时间。');
    const by = c.proj.correctionNoticeBy;
    if (by && date > by)
      throw conflict(`补正告知期限已于 ${by} 届满（收到申请之日起${spanText('correctionRequest')}内，${cite('art30')}），不能再要求补正，请依法作出答复。`);
    // The 补正告知书 is drafted with the request (same transaction); the applicant is told when the office head releases it.
    const letterId = newId();
    return {
      events: [{ type: 'correction_requested', date, deadline, items, letterId }],
      action: 'case.correction_requested',
      detail: { letterId },
      after: async (tx) => {
        await insertDraftLetter(ctx, tx, p, c.row, 'correction_notice', c.calendar, { id: letterId, date });
      },
    };
  });
}

/** Staff record the corrected application (arrived by post, in person…): the clock restarts from its date. */
export function recordCorrection(ctx: AppContext, p: Principal, id: string, input: { version: number; date?: string; text?: string }) {
  return act(ctx, p, id, input.version, 'cases.write', (c) => correctionStep(c, input.date ? assertDate(input.date, '收到补正日期') : today(), input.text));
}

export function correctionStep(c: Loaded, date: string, text?: string): Step {
  requireState(c, ['awaiting_correction'], '该申请不在等待补正状态');
  notFuture(date, '收到补正日期');
  const sent = c.events.find((e) => e.data.type === 'correction_requested')?.data as { date: string; deadline: string } | undefined;
  if (sent && date < sent.date) throw badRequest('收到补正的日期不能早于补正告知日期。');
  const body = String(text ?? '')
    .trim()
    .slice(0, 4000);
  return { events: [{ type: 'corrected', date, ...(body ? { text: body } : {}) }], action: 'case.corrected' };
}

/** The applicant corrects on the lookup page (tracking code + secret); the day it arrives restarts the clock. */
export async function submitCorrectionByApplicant(
  ctx: AppContext,
  code: string,
  secret: string,
  input: { text: string; file?: { bytes: Buffer; filename: string } },
) {
  const row = await authenticateLookup(ctx, code, secret);
  const text = String(input.text ?? '').trim();
  if (text.length < 4) throw badRequest('请填写补正内容。');
  if (text.length > 4000) throw badRequest('补正内容不能超过 4000 个字。');
  if (input.file?.bytes.length) checkUpload(input.file.bytes, input.file.filename, '补正材料');
  const calendar = await loadCalendar(ctx.db);
  return ctx.db.transaction().execute(async (tx) => {
    const fresh = await store.findCaseById(tx, row.id);
    if (!fresh) throw notFound();
    const c = await load(tx, fresh, calendar);
    const t = today();
    if (c.proj.partyDeadline && t > c.proj.partyDeadline) throw conflict(`补正期限已于 ${c.proj.partyDeadline} 届满。如有正当理由，请与办理机关联系。`);
    const step = correctionStep(c, t, text);
    if (input.file?.bytes.length) await saveFile(ctx, tx, fresh, { ...input.file, kind: 'correction' });
    return commit(tx, c, step, APPLICANT_ACTOR, fresh.version);
  });
}
