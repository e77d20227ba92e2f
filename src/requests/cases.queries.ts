import { assertCan, can, masksApplicantOf, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import { missingScheduleYears } from '../rules/calendar/index.js';
import { CORRECTION_REQUEST_WORKING_DAYS, cite, spanText, WARNING_WORKING_DAYS_BEFORE } from '../rules/citations.js';
import { type ClockWarning, correctionDeadlineWarning } from '../rules/clock.js';
import { maskIdNumber, maskName, maskPhone } from '../rules/identity.js';
import { outcome } from '../rules/outcomes.js';
import type { ApplicantData } from './application.js';
import { loadCalendar } from './calendar.service.js';
import { pendingAppealAnswers } from './appeals.service.js';
import type { CaseProjection } from './projection.js';
import type { CaseAction, CaseDetail, CaseList, Workbench } from './requests.api.js';
import { isLikelyRepeat } from './repeats.js';
import { load, today, WORKING } from './cases.core.js';
import { CHANNEL_LABELS, STATE_LABELS } from './cases.labels.js';
import { suggestPublished } from './cases.suggest.js';
import { EXTENDABLE } from './cases.deadlines.js';
import * as store from './cases.store.js';

// ------------------------------------------------------------------------------------------ queries

/** Working day `n` after today, for "due within 3 working days". */
async function soonUntil(ctx: AppContext, t: string, n = 3): Promise<string> {
  return (await loadCalendar(ctx.db)).addWorkingDays(t, n);
}

export async function workbench(ctx: AppContext, p: Principal, opts: { assigneeId?: string; limit?: number; dueWithinDays?: number } = {}): Promise<Workbench> {
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
  const shape = (rows: Awaited<ReturnType<typeof store.workbenchLists>>['overdue']) =>
    rows.map((r) => ({
      id: r.id,
      trackingCode: r.tracking_code,
      applicant: r.applicant_masked,
      applicantType: r.applicant_type,
      description: r.description.slice(0, 80),
      state: r.state,
      stateLabel: STATE_LABELS[r.state],
      receivedDate: r.received_date,
      dueDate: r.due_date,
      dueProvisional: r.due_provisional === 1,
      partyDeadline: r.party_deadline,
      assigneeId: r.assignee_id,
      version: r.version,
      channel: r.channel,
    }));
  return {
    today: t,
    dueSoonUntil: until,
    overdue: shape(lists.overdue),
    dueSoon: shape(lists.dueSoon),
    awaitingCorrection: shape(lists.correction),
    consulting: shape(lists.consulting),
    awaitingFee: shape(lists.fee),
    awaitingReceipt: shape(lists.receipt),
    correctionWindowClosing: shape(window).map((r) => ({
      ...r,
      correctionNoticeBy: r.receivedDate ? cal.addWorkingDays(r.receivedDate, CORRECTION_REQUEST_WORKING_DAYS) : null,
    })),
    // 复议 answers owed, with the working days left (negative: late), and the holiday schedules to import.
    appealAnswers: appealAnswers.map((a) => ({ ...a, overdue: a.answerDue < t, dueSoon: a.answerDue >= t && a.answerDue <= until })),
    missingSchedules: missingScheduleYears(t, cal.publishedYears).map((year) => ({ year, estimated: cal.isEstimatedYear(year) })),
    counts,
  };
}

export async function listCasesFor(ctx: AppContext, p: Principal, f: Partial<store.CaseListFilter> & { page?: number; pageSize?: number }): Promise<CaseList> {
  assertCan(p, 'cases.read');
  const pageSize = Math.min(Math.max(f.pageSize ?? 20, 1), 100);
  const page = Math.max(f.page ?? 1, 1);
  const { total, rows } = await store.listCases(ctx.db, p, { ...f, limit: pageSize, offset: (page - 1) * pageSize });
  return {
    total,
    page,
    pageSize,
    items: rows.map((r) => ({
      id: r.id,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      trackingCode: r.tracking_code,
      channel: r.channel,
      channelLabel: CHANNEL_LABELS[r.channel],
      applicantType: r.applicant_type,
      applicant: r.applicant_masked,
      description: r.description.slice(0, 120),
      receivedDate: r.received_date,
      closedDate: r.closed_date,
      outcome: r.outcome,
      state: r.state,
      stateLabel: STATE_LABELS[r.state],
      dueDate: r.due_date,
      dueProvisional: r.due_provisional === 1,
      partyDeadline: r.party_deadline,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
      version: r.version,
      createdAt: r.created_at,
      likelyRepeat: (JSON.parse(r.flags) as unknown[]).length > 0,
    })),
  };
}

export type { CaseAction };

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
export async function getCaseDetail(ctx: AppContext, p: Principal, id: string): Promise<CaseDetail> {
  assertCan(p, 'cases.read');
  const row = await store.findVisibleCase(ctx.db, p, id);
  if (!row) throw notFound('未找到该申请，或您无权查看。');
  const calendar = await loadCalendar(ctx.db);
  const t = today();
  const c = await load(ctx.db, row, calendar, t);
  const full = JSON.parse(ctx.cipher.decrypt(row.applicant_enc)) as ApplicantData;
  // The supervising office and administrators oversee; they do not need the applicant's personal data.
  const applicant: ApplicantData = masksApplicantOf(p, row.agency_id) ? maskApplicant(full) : full;
  const agency = await store.getAgency(ctx.db, row.agency_id);
  const files = await store.caseFileList(ctx.db, id);
  const earlier = await store.earlierCasesOf(ctx.db, row.agency_id, row.applicant_key, row.applicant_name_key, row.id);
  const assignee = row.assignee_id ? await store.findUser(ctx.db, row.assignee_id) : undefined;
  const warnings: ClockWarning[] = [...(c.proj.clock?.warnings ?? [])];
  if (
    c.proj.receivedDate &&
    !c.proj.correctionRequested &&
    ['received', 'in_progress'].includes(c.proj.state) &&
    !warnings.some((w) => w.code.startsWith('correction_deadline'))
  ) {
    const w = correctionDeadlineWarning(c.proj.receivedDate, t, calendar);
    if (w) warnings.push(w);
  }
  const repeats = earlier.map((e) => ({
    e,
    likely: isLikelyRepeat(
      { description: row.description, docNumber: row.doc_number_requested },
      { description: e.description, docNumber: e.doc_number_requested },
    ),
  }));
  const likelyCount = repeats.filter((r) => r.likely).length;
  if (likelyCount)
    warnings.push({
      code: 'likely_repeat',
      message: `同一申请人此前向本机关提出过 ${likelyCount} 件内容相同或相近的申请，请核对是否属于重复申请（条例第三十六条第（六）项）；已作答复的，可告知不予重复处理。`,
    });
  // The correction is told by its notice (条例第三十条): the 7 working days count to the notice's release.
  if (c.proj.state === 'awaiting_correction' && c.proj.correctionLetterId && !c.proj.correctionNotice && c.proj.receivedDate) {
    const by = c.proj.clock?.correctionRequestDeadline ?? calendar.addWorkingDays(c.proj.receivedDate, CORRECTION_REQUEST_WORKING_DAYS);
    warnings.push({
      code: 'correction_notice_unreleased',
      message: `补正告知书尚未签发，申请人尚未被告知补正；应于${by}前由政府信息公开工作机构负责人签发（收到申请之日起${spanText('correctionRequest')}内，${cite('art30')}）。`,
    });
  }
  if (row.channel !== 'online' && !row.received_date && c.proj.state === 'submitted') {
    warnings.push({ code: 'confirm_receipt', message: '以平常信函或传真提交的申请，应当日与申请人确认，确认之日为收到申请之日（条例第三十一条）。' });
  }
  return {
    id: row.id,
    agencyId: row.agency_id,
    agencyName: agency.name,
    trackingCode: row.tracking_code,
    channel: row.channel,
    channelLabel: CHANNEL_LABELS[row.channel],
    applicantType: row.applicant_type,
    applicant,
    description: row.description,
    docNumberRequested: row.doc_number_requested,
    form: row.form,
    delivery: row.delivery,
    state: c.proj.state,
    stateLabel: STATE_LABELS[c.proj.state],
    receivedDate: c.proj.receivedDate,
    dueDate: c.proj.dueDate,
    dueProvisional: c.proj.dueProvisional,
    partyDeadline: c.proj.partyDeadline,
    correctionNoticeBy: c.proj.correctionNoticeBy,
    closedDate: c.proj.closedDate,
    outcome: c.proj.outcome,
    outcomeLabel: c.proj.outcome ? outcome(c.proj.outcome).short : null,
    extended: c.proj.extended,
    consultations: c.proj.consultations,
    extensionRequest: c.proj.extensionRequest,
    correctionNotice: c.proj.correctionNotice,
    extensionNotice: c.proj.extensionNotice,
    assigneeId: row.assignee_id,
    assigneeName: assignee?.display_name ?? null,
    version: row.version,
    createdAt: row.created_at,
    clock: c.proj.clock
      ? {
          due: c.proj.clock.due,
          firstDue: c.proj.clock.firstDue,
          provisional: c.proj.clock.provisional,
          workingDaysLeft: c.proj.clock.workingDaysLeft ?? null,
          overdue: c.proj.clock.overdue ?? false,
          pausedWorkingDays: c.proj.clock.pausedWorkingDays,
        }
      : null,
    trace: c.proj.trace,
    warnings,
    timeline: c.events.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, type: e.data.type, data: e.data })),
    files: files.map((f) => ({ id: f.id, kind: f.kind, filename: f.filename, mediaType: f.media_type, size: Number(f.size), createdAt: f.created_at })),
    publishedSuggestions: await suggestPublished(ctx, row.agency_id, row.description, row.doc_number_requested),
    possibleRepeats: repeats.map(({ e, likely }) => ({
      id: e.id,
      trackingCode: e.tracking_code,
      description: e.description.slice(0, 120),
      docNumber: e.doc_number_requested,
      state: e.state,
      outcome: e.outcome,
      receivedDate: e.received_date,
      closedDate: e.closed_date,
      likely,
    })),
    allowedActions: allowedActions(p, c.proj),
  };
}

function maskApplicant(a: ApplicantData): ApplicantData {
  const hide = (v: string | undefined) => (v ? '（已隐去）' : '');
  return {
    ...a,
    name: a.kind === 'person' ? maskName(a.name) : a.name,
    ...(a.idNumber ? { idNumber: maskIdNumber(a.idNumber) } : {}),
    phone: maskPhone(a.phone),
    email: hide(a.email),
    address: hide(a.address),
    postcode: '',
    ...(a.contactName ? { contactName: maskName(a.contactName) } : {}),
  };
}
