import { createHash, timingSafeEqual } from 'node:crypto';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, can, canSeeAgency, masksApplicantOf, visibleAgency, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import type { JobDefinition } from '../platform/jobs/jobs.js';
import type { DbOrTx, Tx } from '../platform/db/index.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../platform/errors.js';
import { newId, randomToken } from '../platform/ids.js';
import { nowIso, todayInChina } from '../platform/time.js';
import { formatDate, parseDate, type Calendar } from '../rules/calendar/index.js';
import { CORRECTION_REQUEST_WORKING_DAYS, PHRASES, WARNING_WORKING_DAYS_BEFORE, cite, spanText } from '../rules/citations.js';
import { correctionDeadlineWarning, type ClockWarning } from '../rules/clock.js';
import { maskIdNumber, maskName, maskPhone } from '../rules/identity.js';
import { formatForYear, isOutcomeKey, outcome, reportRow, type OutcomeKey } from '../rules/outcomes.js';
import { identityKeyOf, validateApplication, type ApplicantData, type ApplicationInput, type ValidApplication } from './application.js';
import { loadCalendar } from './calendar.service.js';
import { pendingAppealAnswers } from './appeals.service.js';
import { missingScheduleYears } from '../rules/calendar/index.js';
import { insertDraftLetter, releaseLetterInTx } from './letters.service.js';
import * as store from './cases.store.js';
import { quoteFee, type FeeMethod } from './fee-notice.js';
import { projectCase, toLedger, type CaseEventData, type CaseProjection, type ConsultationKind } from './projection.js';
import type { CaseState, CaseTable, Channel } from './requests.schema.js';
import { notifyApplicant } from './notifications.js';
import { notifyStaffOfCaseEvents } from './staff-notices.js';
import { isLikelyRepeat } from './repeats.js';
import { checkUpload } from './uploads.js';

/**
 * Use cases of 依申请公开: register, confirm, accept, correct, consult, charge, extend, close, transfer,
 * assign, note. Every write is one transaction: the version-checked update of the case (optimistic lock),
 * the appended events, the audit record. A stale `version` is a 409 and nothing is written.
 *
 * Lapsed applicant deadlines (补正 not received, fee not paid) are closed by the daily job `closeLapsedJob`
 * (`requests.close-lapsed`, 00:05 Beijing time; reads never write): it closes each lapsed case with `other_no_correction` /
 * `other_fee_unpaid`, dated the day after the deadline, as the system actor (audited).
 */

export const STALE = '该申请已被他人修改，请刷新后再操作。';
export const APPLICANT_ACTOR: Actor = { id: null, name: '申请人' };

export const CHANNEL_LABELS: Record<Channel, string> = {
  online: '网络', in_person: '当面', post_signed: '邮寄（需签收）', post_ordinary: '邮寄（平常信函）', fax: '传真',
};
export const STATE_LABELS: Record<CaseState, string> = {
  submitted: '待确认收到', received: '已收到', awaiting_correction: '待申请人补正', in_progress: '办理中', consulting: '征求意见中',
  awaiting_fee: '待缴费', extended: '已延期', replied: '已答复', closed: '已办结', transferred: '已转交其他机关',
};

const today = () => todayInChina();
const hashSecret = (s: string) => createHash('sha256').update(`gk-case:${s}`).digest('hex');
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function randomCode(len: number, bytes = randomToken(len * 2)): string {
  let out = '';
  for (let i = 0; i < len; i++) out += CODE_ALPHABET[bytes.charCodeAt(i) % CODE_ALPHABET.length];
  return out;
}

/** 查询码: year + 8 characters, e.g. 2026-7KQ4-M2XD. */
function newTrackingCode(date: string): string {
  const r = randomCode(8);
  return `${date.slice(0, 4)}-${r.slice(0, 4)}-${r.slice(4)}`;
}

function assertDate(v: unknown, label: string): string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw badRequest(`${label}应为 YYYY-MM-DD 格式的日期。`);
  try {
    return formatDate(parseDate(v, label));
  } catch {
    throw badRequest(`${label}「${v}」不是有效日期。`);
  }
}

function notFuture(d: string, label: string, t = today()): string {
  if (d > t) throw badRequest(`${label}不能晚于今天。`);
  return d;
}

const nextDay = (d: string) => formatDate(parseDate(d) + 1);

// ------------------------------------------------------------------------------------------ reading

export interface Loaded {
  row: store.CaseRow;
  events: ReturnType<typeof toLedger>;
  proj: CaseProjection;
  calendar: Calendar;
}

async function load(tx: DbOrTx, row: store.CaseRow, calendar: Calendar, t?: string): Promise<Loaded> {
  const events = toLedger(await store.loadEvents(tx, row.id));
  return { row, events, proj: projectCase(events, calendar, t), calendar };
}

// ------------------------------------------------------------------------------------------ the write helper

interface Step {
  events: CaseEventData[];
  changes?: Partial<CaseTable>;
  action: string;
  detail?: Record<string, unknown>;
  /** Runs in the same transaction after the events are written (the step's own notice is drafted or released here). */
  after?: (tx: Tx) => Promise<void>;
}

export interface ActResult {
  id: string;
  version: number;
  state: CaseState;
  dueDate: string | null;
}

/** Loads the visible case, checks the version, lets `decide` produce events, writes everything or nothing. */
async function act(
  ctx: AppContext,
  p: Principal,
  id: string,
  version: number,
  permission: 'cases.write' | 'cases.approve',
  decide: (c: Loaded, tx: Tx) => Promise<Step> | Step,
): Promise<ActResult> {
  assertCan(p, 'cases.read');
  const calendar = await loadCalendar(ctx.db);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await store.findVisibleCase(tx, p, id);
    if (!row) throw notFound('未找到该申请，或您无权查看。');
    assertCan(p, permission, permission === 'cases.approve' ? '此操作须由政府信息公开工作机构负责人批准（条例第三十三条）。' : '您没有办理依申请公开的权限。');
    if (!Number.isInteger(version) || row.version !== version) throw conflict(STALE, { currentVersion: row.version });
    const loaded = await load(tx, row, calendar);
    const step = await decide(loaded, tx);
    const res = await commit(tx, loaded, step, actorOf(p), version);
    await notifyApplicant(ctx, tx, row, step.events, res.dueDate);
    await notifyStaffOfCaseEvents(ctx, tx, row, step.events, res.dueDate);
    if (!step.after) return res;
    await step.after(tx);
    // The notice's release bumps the case again: answer with the version the caller must send next.
    const now = (await store.findCaseById(tx, id))!;
    return { ...res, version: now.version, state: now.state as CaseState, dueDate: now.due_date };
  });
}

async function commit(tx: Tx, c: Loaded, step: Step, actor: Actor, version: number): Promise<ActResult> {
  const lastSeq = c.events.length ? c.events[c.events.length - 1].seq : 0;
  const at = nowIso();
  const next = [...c.events, ...step.events.map((data, i) => ({ seq: lastSeq + i + 1, at, actor: actor.name, data }))];
  const proj = projectCase(next, c.calendar);
  const changes = { ...store.projectionColumns(proj), ...(step.changes ?? {}) };
  if (!(await store.updateCaseLocked(tx, c.row.id, version, changes))) throw conflict(STALE);
  await store.appendEvents(tx, c.row, lastSeq, actor, step.events, at);
  await recordAudit(tx, actor, {
    action: step.action, entityType: 'case', entityId: c.row.id, agencyId: c.row.agency_id,
    before: publicRow(c.row), after: publicRow({ ...c.row, ...changes, version: version + 1 }),
    detail: { events: step.events.map((e) => e.type), ...(step.detail ?? {}) },
  });
  return { id: c.row.id, version: version + 1, state: proj.state, dueDate: proj.dueDate };
}

/** The row without personal data, for audit digests. */
function publicRow(r: Partial<store.CaseRow>) {
  const { applicant_enc: _a, applicant_key: _k, applicant_name_key: _n, secret_hash: _s, ...rest } = r as store.CaseRow;
  return rest;
}

function requireState(c: Loaded, allowed: CaseState[], message: string): void {
  if (!allowed.includes(c.proj.state)) throw conflict(`${message}（当前状态：${STATE_LABELS[c.proj.state]}）`);
}

const WORKING: CaseState[] = ['received', 'in_progress', 'extended', 'consulting', 'awaiting_fee'];

// ------------------------------------------------------------------------------------------ intake

export interface NewCaseResult {
  id: string;
  trackingCode: string;
  /** Shown once; only its hash is stored. Null when a retried submission found the existing case. */
  secret: string;
  duplicate: boolean;
  version: number;
}

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

async function createCase(ctx: AppContext, tx: Tx, actor: Actor, input: IntakeInput, calendar: Calendar): Promise<NewCaseResult> {
  const id = newId();
  const secret = secretFor(ctx, input.token);
  const a = input.app.applicant;
  const now = nowIso();
  let trackingCode = newTrackingCode(input.submittedDate);
  while (await store.findCaseByTrackingCode(tx, trackingCode)) trackingCode = newTrackingCode(input.submittedDate);
  const events: CaseEventData[] = [{ type: 'submitted', channel: input.channel, date: input.submittedDate }];
  if (input.transferredFrom) events.push({ type: 'transferred_in', fromAgencyName: input.transferredFrom.agencyName, fromCaseId: input.transferredFrom.caseId });
  if (input.receivedDate) events.push({ type: 'received', date: input.receivedDate, how: input.channel === 'in_person' ? 'handed_in' : 'signed_for' });
  const ledger = events.map((data, i) => ({ seq: i + 1, at: now, actor: actor.name, data }));
  const proj = projectCase(ledger, calendar);
  const applicantKey = ctx.cipher.blindIndex(identityKeyOf(a));
  const nameKey = ctx.cipher.blindIndex(a.name);
  const earlier = await store.earlierCasesOf(tx, input.agencyId, applicantKey, nameKey, id);
  const likely = earlier.filter((e) => isLikelyRepeat({ description: input.app.description, docNumber: input.app.docNumber }, { description: e.description, docNumber: e.doc_number_requested }));
  const flags = likely.length ? [{ type: 'likely_repeat', caseIds: likely.slice(0, 10).map((e) => e.id) }] : [];
  const row: CaseTable = {
    id, agency_id: input.agencyId, tracking_code: trackingCode, secret_hash: hashSecret(secret), channel: input.channel,
    applicant_type: input.app.applicantType, ...store.projectionColumns(proj), assignee_id: null, version: 1, created_at: now, updated_at: now,
    submitted_at: now, applicant_enc: ctx.cipher.encrypt(JSON.stringify(a)), applicant_masked: a.kind === 'person' ? maskName(a.name) : a.name,
    applicant_key: applicantKey, applicant_name_key: nameKey, description: input.app.description, doc_number_requested: input.app.docNumber,
    form: input.app.form, delivery: input.app.delivery, form_token: input.token, transferred_from_id: input.transferredFrom?.caseId ?? null,
    flags: JSON.stringify(flags),
  };
  await store.insertCase(tx, row);
  await store.appendEvents(tx, row, 0, actor, events, now);
  await notifyApplicant(ctx, tx, row, events, proj.dueDate);
  if (input.file) await saveFile(ctx, tx, row, input.file);
  await recordAudit(tx, actor, { action: 'case.registered', entityType: 'case', entityId: id, agencyId: input.agencyId, after: publicRow(row), detail: { channel: input.channel } });
  return { id, trackingCode, secret, duplicate: false, version: 1 };
}

async function saveFile(ctx: AppContext, tx: DbOrTx, c: { id: string; agency_id: string }, f: { bytes: Buffer; filename: string; kind: string }) {
  const checked = checkUpload(f.bytes, f.filename, f.kind === 'identity_proof' ? '身份证明文件' : '扫描件');
  await tx.insertInto('case_files').values({
    id: newId(), case_id: c.id, agency_id: c.agency_id, kind: f.kind, filename: checked.filename, media_type: checked.mediaType, size: checked.bytes.length,
    sha256: createHash('sha256').update(checked.bytes).digest('hex'), content_enc: ctx.cipher.encrypt(checked.bytes.toString('base64')), created_at: nowIso(),
  }).execute();
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
  if (existing) return { id: existing.id, trackingCode: existing.tracking_code, secret: secretFor(ctx, `web:${token}`), duplicate: true, version: existing.version };
  const t = today();
  const { value, errors } = validateApplication(input.application, t);
  if (!value) throw new ApplicationInvalid(errors);
  if (input.identityProof && input.identityProof.bytes.length) checkUpload(input.identityProof.bytes, input.identityProof.filename, '身份证明文件');
  const agency = await ctx.db.selectFrom('agencies').select(['id']).where('id', '=', input.agencyId).executeTakeFirst();
  if (!agency) throw badRequest('请选择受理申请的机关。');
  const calendar = await loadCalendar(ctx.db);
  try {
    return await ctx.db.transaction().execute((tx) =>
      createCase(ctx, tx, APPLICANT_ACTOR, {
        agencyId: agency.id, channel: 'online', app: value, token: `web:${token}`, receivedDate: null, submittedDate: t,
        ...(input.identityProof?.bytes.length ? { file: { ...input.identityProof, kind: 'identity_proof' } } : {}),
      }, calendar),
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
  if (!['in_person', 'post_signed', 'post_ordinary', 'fax'].includes(input.channel)) throw badRequest('工作人员登记的申请渠道应为当面、邮寄（需签收/平常信函）或传真；网络申请由申请人在门户网站提交。');
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
    createCase(ctx, tx, actorOf(p), {
      agencyId: p.agencyId, channel: input.channel, app: value, token: key, receivedDate: fixed ? date : null, submittedDate: date,
      ...(input.scan ? { file: { ...input.scan, kind: 'scan' } } : {}),
    }, calendar),
  );
}

// ------------------------------------------------------------------------------------------ actions

/** Confirms receipt with the applicant (online, fax, ordinary post): the confirmation day is the received date. */
export function confirmReceipt(ctx: AppContext, p: Principal, id: string, input: { version: number; date?: string }) {
  return act(ctx, p, id, input.version, 'cases.write', (c) => {
    requireState(c, ['submitted'], '该申请已确认收到');
    const date = notFuture(input.date ? assertDate(input.date, '确认日期') : today(), '确认日期');
    const submitted = c.events.find((e) => e.data.type === 'submitted')?.data as { date: string } | undefined;
    if (submitted && date < submitted.date) throw badRequest('确认日期不能早于申请提交日期。');
    return { events: [{ type: 'received', date, how: 'confirmed' }], action: 'case.receipt_confirmed' };
  });
}

/** Accepts the case; a case nobody holds yet becomes the accepting clerk's (经办人). */
export function acceptCase(ctx: AppContext, p: Principal, id: string, input: { version: number }) {
  return act(ctx, p, id, input.version, 'cases.write', (c) => {
    requireState(c, ['received'], '只有已收到、尚未受理的申请可以受理');
    const take = !c.row.assignee_id && p.agencyId === c.row.agency_id && ASSIGNABLE_ROLES.includes(p.role);
    if (!take) return { events: [{ type: 'accepted' }], action: 'case.accepted' };
    return {
      events: [{ type: 'accepted' }, { type: 'assigned', assigneeId: p.userId, assigneeName: p.displayName }],
      changes: { assignee_id: p.userId }, action: 'case.accepted', detail: { assigneeId: p.userId },
    };
  });
}

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
    if (by && date > by) throw conflict(`补正告知期限已于 ${by} 届满（收到申请之日起${spanText('correctionRequest')}内，${cite('art30')}），不能再要求补正，请依法作出答复。`);
    // The 补正告知书 is drafted with the request (same transaction); the applicant is told when the office head releases it.
    const letterId = newId();
    return {
      events: [{ type: 'correction_requested', date, deadline, items, letterId }], action: 'case.correction_requested', detail: { letterId },
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

function correctionStep(c: Loaded, date: string, text?: string): Step {
  requireState(c, ['awaiting_correction'], '该申请不在等待补正状态');
  notFuture(date, '收到补正日期');
  const sent = c.events.find((e) => e.data.type === 'correction_requested')?.data as { date: string; deadline: string } | undefined;
  if (sent && date < sent.date) throw badRequest('收到补正的日期不能早于补正告知日期。');
  const body = String(text ?? '').trim().slice(0, 4000);
  return { events: [{ type: 'corrected', date, ...(body ? { text: body } : {}) }], action: 'case.corrected' };
}

/** The applicant corrects on the lookup page (tracking code + secret); the day it arrives restarts the clock. */
export async function submitCorrectionByApplicant(ctx: AppContext, code: string, secret: string, input: { text: string; file?: { bytes: Buffer; filename: string } }) {
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

export function answerConsultation(ctx: AppContext, p: Principal, id: string, input: { version: number; consultationId: string; opinion: string; date?: string }) {
  return act(ctx, p, id, input.version, 'cases.write', (c) => {
    const k = c.proj.consultations.find((x) => x.id === input.consultationId);
    if (!k) throw notFound('未找到该征求意见记录。');
    if (k.answered) throw conflict('该征求意见已记录答复。');
    const date = notFuture(input.date ? assertDate(input.date, '收到答复日期') : today(), '收到答复日期');
    if (date < k.sent) throw badRequest('收到答复的日期不能早于发函日期。');
    const opinion = String(input.opinion ?? '').trim().slice(0, 4000);
    if (!opinion) throw badRequest('请填写答复意见（如：同意公开、不同意公开及理由）。');
    return { events: [{ type: 'consultation_answered', consultationId: k.id, date, opinion }], action: 'case.consultation_answered' };
  });
}

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
    return { events: [{ type: 'fee_notified', date, amount: quote.amount, method: quote.method, detail: quote.detail }], action: 'case.fee_notified', detail: { amount: quote.amount } };
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

const EXTENDABLE: CaseState[] = ['received', 'in_progress', 'consulting', 'awaiting_fee'];

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
      action: 'case.extension_requested', detail: { letterId },
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
      const l = await tx.selectFrom('case_letters').select(['id', 'kind', 'status']).where('id', '=', letterId).where('case_id', '=', c.row.id).executeTakeFirst();
      if (!l || l.kind !== 'extension_notice') throw badRequest('未找到该申请的延期答复告知书。');
      if (l.status !== 'draft') letterId = null;
    }
    const drafted = letterId;
    const noticeId = letterId ?? newId();
    return {
      events: [{ type: 'extended', date, approvedBy: p.displayName, reason: reason.slice(0, 2000), letterId: noticeId }],
      action: 'case.extended', detail: { letterId: noticeId },
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
    const target = await tx.selectFrom('agencies').select(['id', 'name']).where('id', '=', input.toAgencyId).executeTakeFirst();
    if (!target) throw badRequest('接收机关不存在。');
    const from = await tx.selectFrom('agencies').select(['name']).where('id', '=', c.row.agency_id).executeTakeFirstOrThrow();
    const reason = String(input.reason ?? '').trim();
    if (reason.length < 2) throw badRequest('请写明转交理由。');
    const applicant = JSON.parse(ctx.cipher.decrypt(c.row.applicant_enc)) as ApplicantData;
    const app: ValidApplication = {
      applicant, applicantType: c.row.applicant_type, description: c.row.description, docNumber: c.row.doc_number_requested,
      form: c.row.form as ValidApplication['form'], delivery: c.row.delivery as ValidApplication['delivery'],
    };
    const created = await createCase(ctx, tx, actorOf(p), {
      agencyId: target.id, channel: c.row.channel, app, token: null, receivedDate: null, submittedDate: today(),
      transferredFrom: { caseId: c.row.id, agencyName: from.name },
    }, c.calendar);
    newCaseId = created.id;
    return {
      events: [{ type: 'transferred', date: today(), toAgencyId: target.id, toAgencyName: target.name, newCaseId: created.id, reason: reason.slice(0, 2000) }],
      action: 'case.transferred', detail: { to: target.id, newCaseId: created.id },
    };
  });
  return { ...res, newCaseId };
}

const ASSIGNABLE_ROLES: string[] = ['clerk', 'office_head'];

/**
 * Sets the case's 经办人. Taking an unassigned case needs no reason; moving a case away from the clerk who
 * holds it (or unassigning it) needs one, kept in the timeline and the audit record.
 */
export function assignCase(ctx: AppContext, p: Principal, id: string, input: { version: number; assigneeId: string | null; reason?: string }) {
  return act(ctx, p, id, input.version, 'cases.write', async (c, tx) => {
    let name = '未分配';
    if (input.assigneeId) {
      const u = await tx.selectFrom('users').select(['id', 'agency_id', 'display_name', 'role', 'disabled']).where('id', '=', input.assigneeId).executeTakeFirst();
      if (!u || u.agency_id !== c.row.agency_id || u.disabled) throw badRequest('只能分配给本机关在职的工作人员。');
      if (!ASSIGNABLE_ROLES.includes(u.role)) throw badRequest('只能分配给经办人或公开工作机构负责人。');
      name = u.display_name;
    }
    if ((input.assigneeId ?? null) === c.row.assignee_id) throw conflict(input.assigneeId ? `该申请的经办人已是${name}。` : '该申请尚未分配经办人。');
    const reason = String(input.reason ?? '').trim().slice(0, 500);
    const reassign = c.row.assignee_id !== null;
    if (reassign && reason.length < 2) throw badRequest('改派经办人须写明理由。');
    const from = reassign ? (await tx.selectFrom('users').select('display_name').where('id', '=', c.row.assignee_id!).executeTakeFirst())?.display_name ?? '（已删除的用户）' : null;
    return {
      events: [{ type: 'assigned', assigneeId: input.assigneeId, assigneeName: name, ...(reason ? { reason } : {}), ...(from ? { fromName: from } : {}) }],
      changes: { assignee_id: input.assigneeId }, action: reassign ? 'case.reassigned' : 'case.assigned',
      detail: { from: c.row.assignee_id, to: input.assigneeId, ...(reason ? { reason } : {}) },
    };
  });
}

/** The staff of the user's agency a case may be assigned to. */
export async function listAssignees(ctx: AppContext, p: Principal) {
  assertCan(p, 'cases.read');
  const rows = await ctx.db.selectFrom('users').select(['id', 'display_name', 'role']).where('agency_id', '=', p.agencyId).where('disabled', '=', 0)
    .where('role', 'in', ASSIGNABLE_ROLES as never[]).orderBy('display_name').execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, role: r.role, me: r.id === p.userId }));
}

/**
 * Assigns several cases from the list at once. Each case is its own transaction (a stale or closed case
 * does not hold back the others); the answer says, per case, what happened.
 */
export async function batchAssign(ctx: AppContext, p: Principal, input: { cases: { id: string; version: number }[]; assigneeId: string | null; reason?: string }) {
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

// ------------------------------------------------------------------------------------------ the sweep

/**
 * Closes cases whose applicant deadline lapsed: no correction by the deadline → `other_no_correction`
 * (条例第三十条); fee not paid within 20 working days → `other_fee_unpaid` (109号). Dated the day after the
 * deadline. Idempotent; run by the daily job `requests.close-lapsed` (and by tests).
 */
export async function sweepLapsed(ctx: AppContext, asOf = ctx.clock.today(), agencyIds?: string[]): Promise<number> {
  const lapsed = await store.lapsedCases(ctx.db, asOf, agencyIds);
  if (!lapsed.length) return 0;
  const calendar = await loadCalendar(ctx.db);
  let n = 0;
  for (const l of lapsed) {
    try {
      await ctx.db.transaction().execute(async (tx) => {
        const row = await store.findCaseById(tx, l.id);
        if (!row || row.version !== l.version) return;
        const c = await load(tx, row, calendar);
        const deadline = c.proj.partyDeadline;
        if (!deadline || deadline >= asOf) return;
        const key: OutcomeKey = c.proj.state === 'awaiting_correction' ? 'other_no_correction' : 'other_fee_unpaid';
        const reason = key === 'other_no_correction' ? `申请人无正当理由逾期（${deadline}）未补正，视为放弃申请（条例第三十条）。` : `申请人逾期（${deadline}）未缴纳信息处理费，视为放弃申请（国办函〔2020〕109号）。`;
        await commit(tx, c, { events: [{ type: 'closed', date: nextDay(deadline), outcome: key, reason, auto: true }], action: 'case.auto_closed', detail: { outcome: key } }, SYSTEM_ACTOR, row.version);
        n++;
      });
    } catch (err) {
      if (!(err instanceof AppError && err.status === 409)) throw err;
    }
  }
  return n;
}

/** The daily job that closes lapsed cases (GET requests never write; this job does it once, as the system). */
export const closeLapsedJob: JobDefinition = {
  name: 'requests.close-lapsed',
  title: '关闭申请人逾期未补正、逾期未缴纳信息处理费的申请（视为放弃申请）',
  schedule: { dailyAt: '00:05' },
  run: async (ctx) => {
    const n = await sweepLapsed(ctx, ctx.clock.today());
    return { changed: n, message: n ? `关闭了 ${n} 件逾期未补正或未缴费的申请。` : '没有逾期未补正或未缴费的申请。' };
  },
};

/** Recomputes the projection of every open case on a new calendar (after `calendar import`). */
export async function recomputeOpenCases(tx: DbOrTx, calendar: Calendar): Promise<number> {
  let n = 0;
  let after = '';
  for (;;) {
    const rows = await tx.selectFrom('cases').selectAll().where('state', 'in', store.OPEN_STATES).where('id', '>', after).orderBy('id').limit(500).execute();
    if (!rows.length) break;
    for (const row of rows) {
      const proj = projectCase(toLedger(await store.loadEvents(tx, row.id)), calendar);
      const cols = store.projectionColumns(proj);
      if (cols.due_date !== row.due_date || cols.due_provisional !== row.due_provisional || cols.party_deadline !== row.party_deadline) {
        await tx.updateTable('cases').set({ ...cols, updated_at: nowIso() }).where('id', '=', row.id).execute();
        n++;
      }
      after = row.id;
    }
  }
  return n;
}

/** The open cases the principal can see whose due date (or 暂定 flag) would differ under `calendar` (nothing written). */
export async function deadlineMoves(db: DbOrTx, p: Principal, calendar: Calendar): Promise<import('./calendar.service.js').DeadlineMove[]> {
  const moves: import('./calendar.service.js').DeadlineMove[] = [];
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('cases').innerJoin('agencies', 'agencies.id', 'cases.agency_id').selectAll('cases').select('agencies.name as agency_name')
      .where('cases.state', 'in', store.OPEN_STATES).where('cases.id', '>', after).where((eb) => visibleAgency(eb, 'cases.agency_id', p)).orderBy('cases.id').limit(500).execute();
    if (!rows.length) break;
    for (const row of rows) {
      const cols = store.projectionColumns(projectCase(toLedger(await store.loadEvents(db, row.id)), calendar));
      if (cols.due_date !== row.due_date || cols.due_provisional !== row.due_provisional) {
        moves.push({ id: row.id, trackingCode: row.tracking_code, agencyName: row.agency_name, dueBefore: row.due_date, dueAfter: cols.due_date ?? null, provisionalBefore: row.due_provisional === 1, provisionalAfter: cols.due_provisional === 1 });
      }
      after = row.id;
    }
  }
  return moves.sort((a, b) => (a.dueBefore ?? '').localeCompare(b.dueBefore ?? ''));
}

// ------------------------------------------------------------------------------------------ queries

/** Working day `n` after today, for "due within 3 working days". */
async function soonUntil(ctx: AppContext, t: string, n = 3): Promise<string> {
  return (await loadCalendar(ctx.db)).addWorkingDays(t, n);
}

export async function workbench(ctx: AppContext, p: Principal, opts: { assigneeId?: string; limit?: number; dueWithinDays?: number } = {}) {
  assertCan(p, 'cases.read');
  const t = today();
  const until = await soonUntil(ctx, t, opts.dueWithinDays);
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const cal = await loadCalendar(ctx.db);
  // Received on day R, the correction request is due by the 7th working day after R (条例第三十条): warn from
  // WARNING_WORKING_DAYS_BEFORE working days before, i.e. for R in [t − 7, t − (7 − 2)] working days.
  const windowFrom = cal.addWorkingDays(t, -CORRECTION_REQUEST_WORKING_DAYS);
  const windowTo = cal.addWorkingDays(t, -(CORRECTION_REQUEST_WORKING_DAYS - WARNING_WORKING_DAYS_BEFORE));
  const [lists, counts, window, appealAnswers] = await Promise.all([
    store.workbenchLists(ctx.db, p, t, until, limit, opts.assigneeId),
    store.workbenchCounts(ctx.db, p, t, until),
    store.correctionWindowClosing(ctx.db, p, windowFrom, windowTo, limit),
    pendingAppealAnswers(ctx, p, cal, limit),
  ]);
  const shape = (rows: Awaited<ReturnType<typeof store.workbenchLists>>['overdue']) => rows.map((r) => ({
    id: r.id, trackingCode: r.tracking_code, applicant: r.applicant_masked, applicantType: r.applicant_type, description: r.description.slice(0, 80),
    state: r.state, stateLabel: STATE_LABELS[r.state], receivedDate: r.received_date, dueDate: r.due_date, dueProvisional: r.due_provisional === 1,
    partyDeadline: r.party_deadline, assigneeId: r.assignee_id, version: r.version, channel: r.channel,
  }));
  return {
    today: t, dueSoonUntil: until,
    overdue: shape(lists.overdue), dueSoon: shape(lists.dueSoon), awaitingCorrection: shape(lists.correction), consulting: shape(lists.consulting),
    awaitingFee: shape(lists.fee), awaitingReceipt: shape(lists.receipt),
    correctionWindowClosing: shape(window).map((r) => ({ ...r, correctionNoticeBy: r.receivedDate ? cal.addWorkingDays(r.receivedDate, CORRECTION_REQUEST_WORKING_DAYS) : null })),
    // 复议 answers owed, with the working days left (negative: late), and the holiday schedules to import.
    appealAnswers: appealAnswers.map((a) => ({ ...a, overdue: a.answerDue < t, dueSoon: a.answerDue >= t && a.answerDue <= until })),
    missingSchedules: missingScheduleYears(t, cal.publishedYears).map((year) => ({ year, estimated: cal.isEstimatedYear(year) })),
    counts,
  };
}

export async function listCasesFor(ctx: AppContext, p: Principal, f: Partial<store.CaseListFilter> & { page?: number; pageSize?: number }) {
  assertCan(p, 'cases.read');
  const pageSize = Math.min(Math.max(f.pageSize ?? 20, 1), 100);
  const page = Math.max(f.page ?? 1, 1);
  const { total, rows } = await store.listCases(ctx.db, p, { ...f, limit: pageSize, offset: (page - 1) * pageSize });
  return {
    total, page, pageSize,
    items: rows.map((r) => ({
      id: r.id, agencyId: r.agency_id, agencyName: r.agency_name, trackingCode: r.tracking_code, channel: r.channel, channelLabel: CHANNEL_LABELS[r.channel],
      applicantType: r.applicant_type, applicant: r.applicant_masked, description: r.description.slice(0, 120), receivedDate: r.received_date,
      closedDate: r.closed_date, outcome: r.outcome, state: r.state, stateLabel: STATE_LABELS[r.state], dueDate: r.due_date,
      dueProvisional: r.due_provisional === 1, partyDeadline: r.party_deadline, assigneeId: r.assignee_id, assigneeName: r.assignee_name,
      version: r.version, createdAt: r.created_at, likelyRepeat: (JSON.parse(r.flags) as unknown[]).length > 0,
    })),
  };
}

export type CaseAction =
  | 'confirm' | 'accept' | 'request_correction' | 'record_correction' | 'consult' | 'answer_consultation' | 'notify_fee' | 'fee_paid'
  | 'extend' | 'request_extension' | 'later_deadline' | 'close' | 'transfer' | 'assign' | 'note' | 'draft_letter' | 'release_letter' | 'appeal';

/** What this user may do now, given the state (the console shows only these buttons). */
export function allowedActions(p: Principal, proj: CaseProjection): CaseAction[] {
  if (!can(p, 'cases.write')) return [];
  const s = proj.state;
  const out: CaseAction[] = ['note', 'assign'];
  if (s === 'submitted') out.push('confirm', 'transfer');
  if (s === 'received') out.push('accept', 'transfer');
  if (s === 'in_progress') out.push('transfer');
  if ((s === 'received' || s === 'in_progress') && !proj.correctionRequested) out.push('request_correction');
  if (s === 'awaiting_correction') out.push('record_correction');
  if (WORKING.includes(s)) out.push('consult', 'close', 'draft_letter');
  if (proj.consultations.some((c) => !c.answered)) out.push('answer_consultation');
  if (['received', 'in_progress', 'extended'].includes(s) && !proj.feeNotified) out.push('notify_fee');
  if (proj.feeNotified && !proj.feePaid && s !== 'closed') out.push('fee_paid');
  if (can(p, 'cases.approve') && EXTENDABLE.includes(s) && !proj.extended) out.push('extend');
  if (!can(p, 'cases.approve') && EXTENDABLE.includes(s) && !proj.extended && !proj.extensionRequest) out.push('request_extension');
  if (can(p, 'cases.approve') && WORKING.includes(s)) out.push('later_deadline', 'release_letter');
  // The 补正告知书 drafted with the request is signed while the case waits for the correction.
  if (can(p, 'cases.approve') && s === 'awaiting_correction') out.push('release_letter');
  if (s === 'closed' || s === 'transferred') out.push('draft_letter', 'appeal');
  if (can(p, 'cases.approve') && (s === 'closed' || s === 'transferred')) out.push('release_letter');
  return [...new Set(out)];
}

/** The case page: applicant (in full: staff of the agency need it), timeline, clock trace, warnings, actions. */
export async function getCaseDetail(ctx: AppContext, p: Principal, id: string) {
  assertCan(p, 'cases.read');
  const row = await store.findVisibleCase(ctx.db, p, id);
  if (!row) throw notFound('未找到该申请，或您无权查看。');
  const calendar = await loadCalendar(ctx.db);
  const t = today();
  const c = await load(ctx.db, row, calendar, t);
  const full = JSON.parse(ctx.cipher.decrypt(row.applicant_enc)) as ApplicantData;
  // The supervising office and administrators oversee; they do not need the applicant's personal data.
  const applicant: ApplicantData = masksApplicantOf(p, row.agency_id) ? maskApplicant(full) : full;
  const agency = await ctx.db.selectFrom('agencies').select(['id', 'name']).where('id', '=', row.agency_id).executeTakeFirstOrThrow();
  const files = await ctx.db.selectFrom('case_files').select(['id', 'kind', 'filename', 'media_type', 'size', 'created_at']).where('case_id', '=', id).orderBy('created_at').execute();
  const earlier = await store.earlierCasesOf(ctx.db, row.agency_id, row.applicant_key, row.applicant_name_key, row.id);
  const assignee = row.assignee_id ? await ctx.db.selectFrom('users').select(['display_name']).where('id', '=', row.assignee_id).executeTakeFirst() : undefined;
  const warnings: ClockWarning[] = [...(c.proj.clock?.warnings ?? [])];
  if (c.proj.receivedDate && !c.proj.correctionRequested && ['received', 'in_progress'].includes(c.proj.state) && !warnings.some((w) => w.code.startsWith('correction_deadline'))) {
    const w = correctionDeadlineWarning(c.proj.receivedDate, t, calendar);
    if (w) warnings.push(w);
  }
  const repeats = earlier.map((e) => ({ e, likely: isLikelyRepeat({ description: row.description, docNumber: row.doc_number_requested }, { description: e.description, docNumber: e.doc_number_requested }) }));
  const likelyCount = repeats.filter((r) => r.likely).length;
  if (likelyCount) warnings.push({ code: 'likely_repeat', message: `同一申请人此前向本机关提出过 ${likelyCount} 件内容相同或相近的申请，请核对是否属于重复申请（条例第三十六条第（六）项）；已作答复的，可告知不予重复处理。` });
  // The correction is told by its notice (条例第三十条): the 7 working days count to the notice's release.
  if (c.proj.state === 'awaiting_correction' && c.proj.correctionLetterId && !c.proj.correctionNotice && c.proj.receivedDate) {
    const by = c.proj.clock?.correctionRequestDeadline ?? calendar.addWorkingDays(c.proj.receivedDate, CORRECTION_REQUEST_WORKING_DAYS);
    warnings.push({ code: 'correction_notice_unreleased', message: `补正告知书尚未签发，申请人尚未被告知补正；应于${by}前由政府信息公开工作机构负责人签发（收到申请之日起${spanText('correctionRequest')}内，${cite('art30')}）。` });
  }
  if (row.channel !== 'online' && !row.received_date && c.proj.state === 'submitted') {
    warnings.push({ code: 'confirm_receipt', message: '以平常信函或传真提交的申请，应当日与申请人确认，确认之日为收到申请之日（条例第三十一条）。' });
  }
  return {
    id: row.id, agencyId: row.agency_id, agencyName: agency.name, trackingCode: row.tracking_code, channel: row.channel, channelLabel: CHANNEL_LABELS[row.channel],
    applicantType: row.applicant_type, applicant, description: row.description, docNumberRequested: row.doc_number_requested, form: row.form, delivery: row.delivery,
    state: c.proj.state, stateLabel: STATE_LABELS[c.proj.state], receivedDate: c.proj.receivedDate, dueDate: c.proj.dueDate, dueProvisional: c.proj.dueProvisional,
    partyDeadline: c.proj.partyDeadline, correctionNoticeBy: c.proj.correctionNoticeBy, closedDate: c.proj.closedDate, outcome: c.proj.outcome,
    outcomeLabel: c.proj.outcome ? outcome(c.proj.outcome).short : null, extended: c.proj.extended, consultations: c.proj.consultations,
    extensionRequest: c.proj.extensionRequest, correctionNotice: c.proj.correctionNotice, extensionNotice: c.proj.extensionNotice,
    assigneeId: row.assignee_id, assigneeName: assignee?.display_name ?? null, version: row.version, createdAt: row.created_at,
    clock: c.proj.clock ? { due: c.proj.clock.due, firstDue: c.proj.clock.firstDue, provisional: c.proj.clock.provisional, workingDaysLeft: c.proj.clock.workingDaysLeft ?? null, overdue: c.proj.clock.overdue ?? false, pausedWorkingDays: c.proj.clock.pausedWorkingDays } : null,
    trace: c.proj.trace, warnings,
    timeline: c.events.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, type: e.data.type, data: e.data })),
    files: files.map((f) => ({ id: f.id, kind: f.kind, filename: f.filename, mediaType: f.media_type, size: Number(f.size), createdAt: f.created_at })),
    publishedSuggestions: await suggestPublished(ctx, row.agency_id, row.description, row.doc_number_requested),
    possibleRepeats: repeats.map(({ e, likely }) => ({ id: e.id, trackingCode: e.tracking_code, description: e.description.slice(0, 120), docNumber: e.doc_number_requested, state: e.state, outcome: e.outcome, receivedDate: e.received_date, closedDate: e.closed_date, likely })),
    allowedActions: allowedActions(p, c.proj),
  };
}

function maskApplicant(a: ApplicantData): ApplicantData {
  const hide = (v: string | undefined) => (v ? '（已隐去）' : '');
  return {
    ...a, name: a.kind === 'person' ? maskName(a.name) : a.name, ...(a.idNumber ? { idNumber: maskIdNumber(a.idNumber) } : {}),
    phone: maskPhone(a.phone), email: hide(a.email), address: hide(a.address), postcode: '',
    ...(a.contactName ? { contactName: maskName(a.contactName) } : {}),
  };
}

/** An uploaded file of a visible case (decrypted); identity proofs only for the agency's own staff. */
export async function getCaseFile(ctx: AppContext, p: Principal, caseId: string, fileId: string) {
  assertCan(p, 'cases.read');
  const row = await store.findVisibleCase(ctx.db, p, caseId);
  if (!row) throw notFound('未找到该申请，或您无权查看。');
  if (masksApplicantOf(p, row.agency_id)) throw forbidden('申请材料含有申请人的个人信息，只有办理机关的工作人员可以查看。');
  const f = await ctx.db.selectFrom('case_files').selectAll().where('id', '=', fileId).where('case_id', '=', caseId).executeTakeFirst();
  if (!f) throw notFound('未找到该文件。');
  return { filename: f.filename, mediaType: f.media_type, bytes: Buffer.from(ctx.cipher.decrypt(f.content_enc), 'base64') };
}

// ------------------------------------------------------------------------------------------ the applicant's lookup

/** Checks tracking code + secret in constant time; the same refusal for an unknown code and a wrong secret. */
export async function authenticateLookup(ctx: AppContext, code: string, secret: string): Promise<store.CaseRow> {
  const refusal = new AppError(403, '查询码或查询密码不正确。请核对回执上的查询码和查询密码（区分大小写）。', 'lookup_refused');
  const c = String(code ?? '').trim().toUpperCase();
  const s = String(secret ?? '').trim().toUpperCase();
  if (!/^\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(c) || !/^[A-Z0-9]{6,20}$/.test(s)) throw refusal;
  const row = await store.findCaseByTrackingCode(ctx.db, c);
  const given = Buffer.from(hashSecret(s), 'hex');
  const expected = Buffer.from(row?.secret_hash ?? hashSecret('-'), 'hex');
  if (!row || !timingSafeEqual(given, expected)) throw refusal;
  return row;
}

/** What the applicant sees: state, due date and how it was computed, what is asked of them, released letters. */
export async function lookupCase(ctx: AppContext, code: string, secret: string) {
  const row = await authenticateLookup(ctx, code, secret);
  const fresh = row;
  const calendar = await loadCalendar(ctx.db);
  const c = await load(ctx.db, fresh, calendar);
  const agency = await ctx.db.selectFrom('agencies').selectAll().where('id', '=', fresh.agency_id).executeTakeFirstOrThrow();
  const letters = await ctx.db.selectFrom('case_letters').select(['id', 'kind', 'doc_number', 'released_at']).where('case_id', '=', fresh.id).where('status', '=', 'released').orderBy('released_at').execute();
  // What to correct is shown once the 补正告知书 is released (the applicant is told by the notice, dated its release).
  const asked = c.proj.state === 'awaiting_correction' ? (c.events.find((e) => e.data.type === 'correction_requested')?.data as { items: string; deadline: string; date: string; letterId?: string }) : null;
  const notice = c.proj.correctionNotice ?? (asked && !asked.letterId ? { date: asked.date, docNumber: '' } : null);
  const correction = asked && notice ? { ...asked, date: notice.date, docNumber: notice.docNumber } : null;
  const fee = c.proj.state === 'awaiting_fee' ? (c.events.find((e) => e.data.type === 'fee_notified')?.data as { amount: number; detail: string; date: string }) : null;
  const transferred = c.events.find((e) => e.data.type === 'transferred')?.data as { toAgencyName: string } | undefined;
  return {
    id: fresh.id, trackingCode: fresh.tracking_code, agencyName: agency.name, agencyPhone: agency.office_phone, agencyOffice: agency.office_name,
    state: c.proj.state, stateLabel: STATE_LABELS[c.proj.state], submittedAt: fresh.submitted_at, receivedDate: c.proj.receivedDate,
    dueDate: c.proj.dueDate, dueProvisional: c.proj.dueProvisional, closedDate: c.proj.closedDate,
    outcomeLabel: c.proj.outcome ? outcome(c.proj.outcome).short : null, trace: c.proj.trace, description: fresh.description,
    correction: correction ? { items: correction.items, deadline: correction.deadline, date: correction.date, docNumber: correction.docNumber } : null,
    correctionPending: !!asked && !correction,
    fee: fee ? { amount: fee.amount, detail: fee.detail, date: fee.date, payBy: c.proj.partyDeadline } : null,
    transferredTo: transferred?.toAgencyName ?? null,
    letters: letters.map((l) => ({ id: l.id, kind: l.kind, docNumber: l.doc_number, releasedAt: l.released_at })),
  };
}


/** Attaches a scan or identity proof to a visible case (staff). */
export async function attachFile(ctx: AppContext, p: Principal, caseId: string, input: { kind: string; bytes: Buffer; filename: string }) {
  assertCan(p, 'cases.read');
  const row = await store.findVisibleCase(ctx.db, p, caseId);
  if (!row) throw notFound('未找到该申请，或您无权查看。');
  assertCan(p, 'cases.write', '您没有上传材料的权限。');
  if (!['scan', 'identity_proof', 'correction'].includes(input.kind)) throw badRequest('材料类型应为扫描件、身份证明或补正材料。');
  await ctx.db.transaction().execute(async (tx) => {
    await saveFile(ctx, tx, row, input);
    await recordAudit(tx, actorOf(p), { action: 'case.file_attached', entityType: 'case', entityId: row.id, agencyId: row.agency_id, detail: { kind: input.kind, size: input.bytes.length } });
  });
}

/**
 * Published documents that may already answer an application (条例第三十六条第（一）项): a full-text search of
 * the agency's proactively disclosed documents by the document number, else the description. Never fails
 * the caller: no suggestions when the search finds nothing or is unavailable.
 */
export async function suggestPublished(ctx: AppContext, agencyId: string, description: string, docNumber: string | null) {
  const { search } = await import('../platform/search/index.js');
  // The applicant's words, without the request phrasing that published documents never contain.
  const cleaned = description.replace(/^(本人|我)?(特)?(请求?|申请|要求|希望)?(贵(局|单位|机关))?(依法)?(公开|提供|获取|查阅)?/, '').replace(/(全文|的?相关(信息|材料|文件)|的?有关(信息|材料)|等信息)$/g, '').trim();
  const clauses = cleaned.split(/[，,。；;、\s]+/).filter((c) => c.length >= 4).sort((a, b) => b.length - a.length);
  const tries = [docNumber, cleaned.slice(0, 60), clauses[0]].filter((x): x is string => !!x && x.trim().length >= 2);
  for (const q of tries) {
    try {
      const res = await search(ctx.db, { q, agencyIds: [agencyId], limit: 5 });
      if (res.hits.length) return res.hits.map((h) => ({ title: h.title, url: h.url, docNumber: h.docNumber, publishedAt: h.publishedAt }));
    } catch {
      return [];
    }
  }
  return [];
}
