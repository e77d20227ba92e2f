import { type Actor, recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/index.js';
import { AppError, badRequest } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import type { Calendar } from '../rules/calendar/index.js';
import { maskName } from '../rules/identity.js';
import { type ApplicationInput, identityKeyOf, type ValidApplication, validateApplication } from './application.js';
import { loadCalendar } from './calendar.service.js';
import { type CaseEventData, projectCase } from './projection.js';
import type { NewCaseResult } from './requests.api.js';
import type { CaseTable, Channel } from './requests.tables.js';
import { notifyApplicant } from './notifications.js';
import { isLikelyRepeat } from './repeats.js';
import { checkUpload } from './uploads.js';
import { APPLICANT_ACTOR, assertDate, hashSecret, newTrackingCode, notFuture, publicRow, randomCode, today } from './cases.core.js';
import { saveFile } from './cases.files.js';
import * as store from './cases.store.js';

// ------------------------------------------------------------------------------------------ intake

export type { NewCaseResult };

interface IntakeInput {
  agencyId: string;
  channel: Channel;
  app: ValidApplication;
  token: string | null;
  /** The received date when the channel fixes it at intake (in person: handed in; signed-for post: signed). */
  receivedDate: string | null;
  submittedDate: string;
  file?: { bytes: Buffer; filename: string; kind: string };
  transferredFrom?: { caseId: string; agencyName: string };
}

/** Derives the tracking secret from the idempotency key, so a retried submission shows the same secret. */
function secretFor(ctx: AppContext, token: string | null): string {
  if (!token) return randomCode(10);
  const mac = ctx.cipher.mac('case-secret', token);
  return randomCode(10, Buffer.from(mac, 'base64url').toString('latin1'));
}

export async function createCase(ctx: AppContext, tx: Tx, actor: Actor, input: IntakeInput, calendar: Calendar): Promise<NewCaseResult> {
  const id = newId();
  const secret = secretFor(ctx, input.token);
  const a = input.app.applicant;
  const now = nowIso();
  let trackingCode = newTrackingCode(input.submittedDate);
  while (await store.findCaseByTrackingCode(tx, trackingCode)) trackingCode = newTrackingCode(input.submittedDate);
  const events: CaseEventData[] = [{ type: 'submitted', channel: input.channel, date: input.submittedDate }];
  if (input.transferredFrom)
    events.push({ type: 'transferred_in', fromAgencyName: input.transferredFrom.agencyName, fromCaseId: input.transferredFrom.caseId });
  if (input.receivedDate) events.push({ type: 'received', date: input.receivedDate, how: input.channel === 'in_person' ? 'handed_in' : 'signed_for' });
  const ledger = events.map((data, i) => ({ seq: i + 1, at: now, actor: actor.name, data }));
  const proj = projectCase(ledger, calendar);
  const applicantKey = ctx.cipher.blindIndex(identityKeyOf(a));
  const nameKey = ctx.cipher.blindIndex(a.name);
  const earlier = await store.earlierCasesOf(tx, input.agencyId, applicantKey, nameKey, id);
  const likely = earlier.filter((e) =>
    isLikelyRepeat({ description: input.app.description, docNumber: input.app.docNumber }, { description: e.description, docNumber: e.doc_number_requested }),
  );
  const flags = likely.length ? [{ type: 'likely_repeat', caseIds: likely.slice(0, 10).map((e) => e.id) }] : [];
  const row: CaseTable = {
    id,
    agency_id: input.agencyId,
    tracking_code: trackingCode,
    secret_hash: hashSecret(secret),
    channel: input.channel,
    applicant_type: input.app.applicantType,
    ...store.projectionColumns(proj),
    assignee_id: null,
    version: 1,
    created_at: now,
    updated_at: now,
    submitted_at: now,
    applicant_enc: ctx.cipher.encrypt(JSON.stringify(a)),
    applicant_masked: a.kind === 'person' ? maskName(a.name) : a.name,
    applicant_key: applicantKey,
    applicant_name_key: nameKey,
    description: input.app.description,
    doc_number_requested: input.app.docNumber,
    form: input.app.form,
    delivery: input.app.delivery,
    form_token: input.token,
    transferred_from_id: input.transferredFrom?.caseId ?? null,
    flags: JSON.stringify(flags),
  };
  await store.insertCase(tx, row);
  await store.appendEvents(tx, row, 0, actor, events, now);
  await notifyApplicant(ctx, tx, row, events, proj.dueDate);
  if (input.file) await saveFile(ctx, tx, row, input.file);
  await recordAudit(tx, actor, {
    action: 'case.registered',
    entityType: 'case',
    entityId: id,
    agencyId: input.agencyId,
    after: publicRow(row),
    detail: { channel: input.channel },
  });
  return { id, trackingCode, secret, duplicate: false, version: 1 };
}

export class ApplicationInvalid extends AppError {
  constructor(public readonly fields: Record<string, string>) {
    super(400, `申请信息有误：${Object.values(fields)[0]}`, 'invalid_application', { fields });
  }
}

/**
 * An online application from the portal. The form token makes it idempotent: the same token returns the
 * case created the first time (with the same secret), never a second case.
 */
export async function submitOnline(
  ctx: AppContext,
  input: { agencyId: string; application: ApplicationInput; formToken: string; identityProof?: { bytes: Buffer; filename: string } },
): Promise<NewCaseResult> {
  const token = String(input.formToken ?? '');
  if (!/^[A-Za-z0-9_-]{16,100}$/.test(token)) throw badRequest('表单已失效，请刷新页面后重新提交。');
  const existing = await store.findCaseByFormToken(ctx.db, `web:${token}`);
  if (existing)
    return { id: existing.id, trackingCode: existing.tracking_code, secret: secretFor(ctx, `web:${token}`), duplicate: true, version: existing.version };
  const t = today();
  const { value, errors } = validateApplication(input.application, t);
  if (!value) throw new ApplicationInvalid(errors);
  if (input.identityProof && input.identityProof.bytes.length) checkUpload(input.identityProof.bytes, input.identityProof.filename, '身份证明文件');
  const agency = await store.findAgency(ctx.db, input.agencyId);
  if (!agency) throw badRequest('请选择受理申请的机关。');
  const calendar = await loadCalendar(ctx.db);
  try {
    return await ctx.db.transaction().execute((tx) =>
      createCase(
        ctx,
        tx,
        APPLICANT_ACTOR,
        {
          agencyId: agency.id,
          channel: 'online',
          app: value,
          token: `web:${token}`,
          receivedDate: null,
          submittedDate: t,
          ...(input.identityProof?.bytes.length ? { file: { ...input.identityProof, kind: 'identity_proof' } } : {}),
        },
        calendar,
      ),
    );
  } catch (err) {
    // Two identical requests racing: the unique form_token lets one win; the other returns the winner's case.
    const again = await store.findCaseByFormToken(ctx.db, `web:${token}`);
    if (again) return { id: again.id, trackingCode: again.tracking_code, secret: secretFor(ctx, `web:${token}`), duplicate: true, version: again.version };
    throw err;
  }
}

/**
 * Staff register an application that came in person, by post or by fax (with a scan). In person and
 * signed-for post fix the received date at once (条例第三十一条); ordinary post and fax wait for the
 * confirmation with the applicant (`confirmReceipt`).
 */
export async function registerApplication(
  ctx: AppContext,
  p: Principal,
  input: { channel: Channel; application: ApplicationInput; date?: string; idempotencyKey?: string; scan?: { bytes: Buffer; filename: string } },
): Promise<NewCaseResult> {
  assertCan(p, 'cases.write', '您没有登记申请的权限。');
  if (!['in_person', 'post_signed', 'post_ordinary', 'fax'].includes(input.channel))
    throw badRequest('工作人员登记的申请渠道应为当面、邮寄（需签收/平常信函）或传真；网络申请由申请人在门户网站提交。');
  const t = today();
  const date = notFuture(input.date ? assertDate(input.date, '收到日期') : t, '收到日期', t);
  const key = input.idempotencyKey ? `staff:${p.agencyId}:${input.idempotencyKey}` : null;
  if (key) {
    const existing = await store.findCaseByFormToken(ctx.db, key);
    if (existing) return { id: existing.id, trackingCode: existing.tracking_code, secret: secretFor(ctx, key), duplicate: true, version: existing.version };
  }
  const { value, errors } = validateApplication(input.application, t);
  if (!value) throw new ApplicationInvalid(errors);
  if (input.scan) checkUpload(input.scan.bytes, input.scan.filename, '扫描件');
  const fixed = input.channel === 'in_person' || input.channel === 'post_signed';
  const calendar = await loadCalendar(ctx.db);
  return ctx.db.transaction().execute((tx) =>
    createCase(
      ctx,
      tx,
      actorOf(p),
      {
        agencyId: p.agencyId,
        channel: input.channel,
        app: value,
        token: key,
        receivedDate: fixed ? date : null,
        submittedDate: date,
        ...(input.scan ? { file: { ...input.scan, kind: 'scan' } } : {}),
      },
      calendar,
    ),
  );
}
