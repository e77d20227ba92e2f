/**
 * The reply clock of a disclosure application (依申请公开的答复期限), as a pure function of the case's dates.
 *
 * Semantics (decided for Gongkai; regulations.md §1.3–§1.7 and §2.5):
 *
 * 1. Received date (收到申请之日, 条例第三十一条), by channel:
 *    - `in_person` (当面提交): the day the application is handed in;
 *    - `post_signed` (挂号信、EMS等需签收的邮件): the day the agency signs for it;
 *    - `post_ordinary` (平常信函), `online` (互联网渠道), `fax` (传真): the day receipt is confirmed with the
 *      applicant (a distinct confirmation date; the submission timestamp alone is not enough).
 * 2. Counting starts the day after the received date (the start day is not counted: 民法典第二百零一条);
 *    the reply is due on the 20th working day after it (条例第三十三条第二款). Working days follow the
 *    calendar (`./calendar/`): Monday–Friday minus public holidays plus make-up working days.
 * 3. Correction (补正, 条例第三十条): the correction request must go out within 7 working days of receipt
 *    (`correctionRequestDeadline` = the 7th working day after the received date); a warning is raised
 *    when today is within 2 working days of it or past it. When the corrected application arrives on
 *    day C the 20 working days start again: due = 20th working day after C, whatever happened before.
 *    The applicant's own correction deadline is set by the agency (the Regulation gives no number);
 *    missing it closes the case as `other_no_correction` — that is the case service's business.
 * 4. Consultations (征求第三方意见 条例第三十二条, 征求其他机关意见 条例第三十四条; 条例第三十三条第三款:
 *    the time needed is not counted): a pause covers the working days from the day the letter goes out
 *    through the day the answer arrives, both included. Without an answer the pause ends at its limit,
 *    the 15th working day after dispatch; an answer later than that limit does not extend the pause
 *    (for another agency silence means consent, 条例第三十四条; for a third party the agency decides
 *    itself, 条例第三十二条). Pauses push the due date back by the working days they cover inside the
 *    running period; overlapping pauses count once. A pause that starts after the period has run out
 *    changes nothing.
 * 5. Fee notice (收费通知, 国办函〔2020〕109号): the applicant pays within 20 working days, counted from the
 *    day after the notice day. DECISION (the law is silent, regulations.md §2.5 [U]): the time from the
 *    notice through payment is paused like a consultation, capped at the payment deadline. Not paid in
 *    time → the application is deemed withdrawn, closed as `other_fee_unpaid`.
 * 6. Extension (延期答复, 条例第三十三条第二款): at most once, with the consent of the head of the disclosure
 *    office, applicant informed; it adds exactly 20 working days after the first due date (pauses during
 *    the extension still push it back).
 * 7. Art. 35 (条例第三十五条): a later deadline set by the agency for unreasonably many or frequent
 *    applications replaces the computed one; the trace says so.
 * 8. `provisional`: some date the computation had to classify (from the received date through the due
 *    date) lies in a year whose holiday schedule is not published; those years count Monday–Friday.
 *
 * Every note in the trace is Chinese and short: it is shown to staff and to applicants (lookup page).
 * Pause kind `other` (not in the Regulation's list) is a plain interval of time not counted, taken as
 * given, without a statutory limit: the `gongkai deadline --pause FROM..TO` calculator uses it.
 */

import {
  type Calendar,
  RuleInputError,
  builtinCalendar,
  formatChineseDate,
  formatChineseDateWithWeekday,
  formatChineseSpan,
  mergeIntervals,
  parseDate,
  tryParseDate,
  weekdayName,
  yearStart,
  type DayInterval,
  type IsoDate,
} from './calendar/index.js';
import {
  CONSULTATION_WORKING_DAYS,
  CORRECTION_REQUEST_WORKING_DAYS,
  EXTENSION_WORKING_DAYS,
  FEE_PAYMENT_WORKING_DAYS,
  REPLY_WORKING_DAYS,
  WARNING_WORKING_DAYS_BEFORE,
  cite,
  spanText,
} from './citations.js';

// The periods come from the one table of the law's periods (./citations.ts).
export {
  REPLY_WORKING_DAYS,
  EXTENSION_WORKING_DAYS,
  CORRECTION_REQUEST_WORKING_DAYS,
  CONSULTATION_WORKING_DAYS,
  FEE_PAYMENT_WORKING_DAYS,
} from './citations.js';
/** Warn this many working days before a deadline (correction request). */
export const WARNING_WORKING_DAYS = WARNING_WORKING_DAYS_BEFORE;

// ------------------------------------------------------------------------------------- received date

/** How the application came in (条例第三十一条). */
export type ReceiptChannel = 'in_person' | 'post_signed' | 'post_ordinary' | 'online' | 'fax';

export const RECEIPT_CHANNELS: readonly ReceiptChannel[] = ['in_person', 'post_signed', 'post_ordinary', 'online', 'fax'];

export interface ReceiptDates {
  /** Day the application was handed in or submitted. */
  submittedDate?: IsoDate;
  /** Day the agency signed for a registered letter / EMS. */
  signedDate?: IsoDate;
  /** Day receipt was confirmed with the applicant (ordinary letter, online, fax). */
  confirmedDate?: IsoDate;
}

const CHANNEL_RULE: Record<ReceiptChannel, { field: keyof ReceiptDates; label: string; rule: string }> = {
  in_person: { field: 'submittedDate', label: '当面提交日期', rule: '当面提交申请的，以提交之日为收到申请之日' },
  post_signed: { field: 'signedDate', label: '签收日期', rule: '以需签收的邮件提交申请的，以签收之日为收到申请之日' },
  post_ordinary: { field: 'confirmedDate', label: '与申请人确认收到的日期', rule: '以平常信函提交申请的，以与申请人确认之日为收到申请之日' },
  online: { field: 'confirmedDate', label: '双方确认日期', rule: '通过互联网提交申请的，以双方确认之日为收到申请之日' },
  fax: { field: 'confirmedDate', label: '双方确认日期', rule: '通过传真提交申请的，以双方确认之日为收到申请之日' },
};

/** The legal received date of an application (条例第三十一条); Chinese error when the needed date is missing. */
export function receivedDate(channel: ReceiptChannel, dates: ReceiptDates): IsoDate {
  const rule = Object.hasOwn(CHANNEL_RULE, channel) ? CHANNEL_RULE[channel] : undefined;
  if (rule === undefined) throw new RuleInputError('invalid_channel', `无法识别的申请渠道「${String(channel)}」`);
  const value = dates[rule.field];
  if (value === undefined || value === '') {
    throw new RuleInputError('missing_received_date', `缺少${rule.label}：${rule.rule}（条例第三十一条）`);
  }
  parseDate(value, rule.label);
  return value;
}

// ------------------------------------------------------------------------------------- small helpers

function cal(calendar: Calendar | undefined): Calendar {
  return calendar ?? builtinCalendar();
}

/** The day is a working day (工作日). */
export function isWorkingDay(date: IsoDate, calendar?: Calendar): boolean {
  return cal(calendar).isWorkingDayNumber(parseDate(date));
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate, calendar?: Calendar): IsoDate {
  const c = cal(calendar);
  return c.format(c.nextWorkingDayN(parseDate(date)));
}

/** The n-th working day after `date` (the day itself not counted). */
export function addWorkingDays(date: IsoDate, n: number, calendar?: Calendar): IsoDate {
  const c = cal(calendar);
  return c.format(c.addWorkingDaysN(parseDate(date), n));
}

/**
 * Working days after `from` up to and including `to`: workingDaysBetween(received, due) = 20 for an
 * ordinary case. Negative (minus the working days in (to, from]) when `to` is before `from`.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar?: Calendar): number {
  const c = cal(calendar);
  const a = parseDate(from);
  const b = parseDate(to);
  return b >= a ? c.countWorkingDaysN(a + 1, b) : -c.countWorkingDaysN(b + 1, a);
}

/** Last day to send the correction request: the 7th working day after the received date (条例第三十条). */
export function correctionRequestDeadline(received: IsoDate, calendar?: Calendar): IsoDate {
  return addWorkingDays(received, CORRECTION_REQUEST_WORKING_DAYS, calendar);
}

/** Limit of a consultation: the 15th working day after the letter went out (条例第三十二条、第三十四条). */
export function consultationLimit(dispatched: IsoDate, calendar?: Calendar): IsoDate {
  return addWorkingDays(dispatched, CONSULTATION_WORKING_DAYS, calendar);
}

/** Payment deadline of a fee notice: the 20th working day after the notice day (国办函〔2020〕109号). */
export function feePaymentDeadline(noticeDate: IsoDate, calendar?: Calendar): IsoDate {
  return addWorkingDays(noticeDate, FEE_PAYMENT_WORKING_DAYS, calendar);
}

export interface ClockWarning {
  /** Stable English code, e.g. `correction_deadline_near`. */
  code: string;
  /** Chinese text for staff. */
  message: string;
}

/**
 * Warning about the correction-request deadline (条例第三十条) when `today` is within 2 working days of
 * it or past it; null otherwise. Meant for cases still waiting for a decision on correction.
 */
export function correctionDeadlineWarning(received: IsoDate, today: IsoDate, calendar?: Calendar): ClockWarning | null {
  const c = cal(calendar);
  const deadline = c.addWorkingDaysN(parseDate(received, '收到申请日期'), CORRECTION_REQUEST_WORKING_DAYS);
  const t = parseDate(today, '当前日期');
  const when = formatChineseDateWithWeekday(deadline);
  if (t > deadline) {
    return {
      code: 'correction_deadline_passed',
      message: `补正告知期限已于${when}届满（收到申请后${spanText('correctionRequest')}内，${cite('art30')}），不宜再要求申请人补正`,
    };
  }
  const left = c.countWorkingDaysN(t + 1, deadline);
  if (left > WARNING_WORKING_DAYS) return null;
  const rest = t === deadline ? '今天是最后一天' : `还剩${left}个工作日`;
  return {
    code: 'correction_deadline_near',
    message: `补正告知期限为${when}，${rest}；如需补正，应一次性告知申请人需要补正的事项和合理的补正期限（${cite('art30')}）`,
  };
}

// ------------------------------------------------------------------------------------- the deadline

/** Why the clock is paused. */
export type PauseKind = 'third_party' | 'agency' | 'fee' | 'other';

export const PAUSE_KINDS: readonly PauseKind[] = ['third_party', 'agency', 'fee', 'other'];

export interface PauseInput {
  /** Day the consultation letter / fee notice went out (counted as paused). */
  from: IsoDate;
  /** Day the answer arrived / the fee was paid (counted as paused); absent while waiting. */
  to?: IsoDate;
  kind: PauseKind;
  /** An answer (or the payment) came on `to`. Defaults to "`to` is given". */
  answered?: boolean;
}

export interface DeadlineInput {
  /** 收到申请之日 (see `receivedDate`). */
  received: IsoDate;
  /** Only used to explain the received date in the trace. */
  channel?: ReceiptChannel;
  /** Day the latest corrected application arrived (条例第三十条): the 20 days restart from it. */
  corrected?: IsoDate;
  /** Day the correction request went out, if one was sent (checked against the 7-working-day limit). */
  correctionRequested?: IsoDate;
  pauses?: readonly PauseInput[];
  /** The one extension of 条例第三十三条第二款 was approved. */
  extended?: boolean;
  /**
   * The 延期答复告知书 that told the applicant of the extension, once released. Without it the trace says the
   * extension was approved and does not claim the applicant was told.
   */
  extensionNotice?: { date: IsoDate; docNumber?: string };
  /** A later deadline set under 条例第三十五条. */
  art35Due?: IsoDate;
  /** For `workingDaysLeft`, `overdue` and the warnings. */
  today?: IsoDate;
}

export type TraceKind = 'received' | 'correction' | 'start' | 'holiday' | 'makeup_workday' | 'pause' | 'provisional' | 'extension' | 'art35' | 'due';

export interface TraceStep {
  date: IsoDate;
  kind: TraceKind;
  /** Chinese, short, for staff and applicants. */
  note: string;
}

/** A pause as the computation used it. */
export interface ResolvedPause {
  kind: PauseKind;
  from: IsoDate;
  /** Last paused day actually used (the answer day, or the limit). */
  to: IsoDate;
  /** Statutory limit (15th / 20th working day after `from`); absent for `other`. */
  limit?: IsoDate;
  answered: boolean;
  /** Still waiting on `today` (the pause is assumed to run to its limit). */
  open: boolean;
  /** The answer came after the limit, so the pause was cut at the limit. */
  capped: boolean;
  /** Working days of this pause that pushed the due date back (overlaps with earlier pauses excluded). */
  workingDaysNotCounted: number;
}

export interface DeadlineResult {
  received: IsoDate;
  corrected?: IsoDate;
  /** First day counted (the day after the received / corrected date). */
  start: IsoDate;
  /** End of the first 20-working-day period (with pauses). */
  firstDue: IsoDate;
  /** The due date in force (after extension, or the Art. 35 deadline). */
  due: IsoDate;
  /** The due date by 条例第三十三条 (equals `due` unless an Art. 35 deadline replaced it). */
  statutoryDue: IsoDate;
  extended: boolean;
  provisional: boolean;
  /** Years in the computed range whose holiday schedule is not published. */
  unpublishedYears: number[];
  correctionRequestDeadline: IsoDate;
  pauses: ResolvedPause[];
  /** Working days not counted because of pauses. */
  pausedWorkingDays: number;
  trace: TraceStep[];
  warnings: ClockWarning[];
  /** Working days after `today` through `due` (pauses excluded); negative = working days overdue. */
  workingDaysLeft?: number;
  overdue?: boolean;
}

const TRACE_ORDER: Record<TraceKind, number> = {
  received: 0,
  correction: 1,
  start: 2,
  holiday: 3,
  makeup_workday: 4,
  pause: 5,
  provisional: 6,
  extension: 7,
  art35: 8,
  due: 9,
};

const NO_PAUSES: readonly DayInterval[] = Object.freeze([]);
const NO_ORDER: readonly number[] = Object.freeze([]);
const ONE_PAUSE_ORDER: readonly number[] = Object.freeze([0]);

// Sort keys of the trace being built (day number × 16 + TRACE_ORDER of the kind), beside its steps: one buffer for
// every trace (a trace is built synchronously, start to end), grown when a trace is longer than any before.
let traceKeys = new Float64Array(32);

/**
 * Adds a step to a trace kept in date order (same day: TRACE_ORDER), by insertion from the end: stable (a step
 * goes after the steps with the same key), and a trace is a handful of steps added nearly in order.
 */
function addStep(trace: TraceStep[], c: Calendar, dn: number, kind: TraceKind, rank: number, note: string): void {
  const key = dn * 16 + rank;
  let j = trace.length;
  if (j === traceKeys.length) {
    const grown = new Float64Array(j * 2);
    grown.set(traceKeys);
    traceKeys = grown;
  }
  while (j > 0 && traceKeys[j - 1] > key) {
    traceKeys[j] = traceKeys[j - 1];
    trace[j] = trace[j - 1];
    j--;
  }
  traceKeys[j] = key;
  trace[j] = { date: c.format(dn), kind, note };
}

interface WorkPause {
  kind: PauseKind;
  from: number;
  to: number;
  /** Absent (undefined) for `other`; always present as a field, so that every pause has one shape. */
  limit: number | undefined;
  answered: boolean;
  open: boolean;
  capped: boolean;
}

/** 「第1个暂停期间」: only written for an error message. */
function pauseLabel(index: number): string {
  return `第${index + 1}个暂停期间`;
}

function resolvePause(p: PauseInput, index: number, received: number, today: number | undefined, c: Calendar): WorkPause {
  const kind = p.kind;
  // The statutory limit of the kind in working days: undefined for `other` (no limit), null for an unknown kind.
  const limitDays =
    kind === 'third_party' || kind === 'agency' ? CONSULTATION_WORKING_DAYS : kind === 'fee' ? FEE_PAYMENT_WORKING_DAYS : kind === 'other' ? undefined : null;
  if (limitDays === null) throw new RuleInputError('invalid_pause_kind', `${pauseLabel(index)}的类型「${String(p.kind)}」无法识别`);
  const from = tryParseDate(p.from) ?? parseDate(p.from, `${pauseLabel(index)}起始日期`);
  if (from < received) {
    throw new RuleInputError('pause_before_received', `${pauseLabel(index)}的起始日期${p.from}早于收到申请之日`);
  }
  const to = p.to === undefined ? undefined : (tryParseDate(p.to) ?? parseDate(p.to, `${pauseLabel(index)}结束日期`));
  if (to !== undefined && to < from) {
    throw new RuleInputError('interval_reversed', `${pauseLabel(index)}的起始日期${p.from}晚于结束日期${p.to}`);
  }
  const answered = p.answered ?? to !== undefined;
  if (limitDays === undefined) {
    if (to === undefined) throw new RuleInputError('pause_without_end', `${pauseLabel(index)}缺少结束日期`);
    return { kind: p.kind, from, to, limit: undefined, answered, open: false, capped: false };
  }
  const limit = c.addWorkingDaysN(from, limitDays);
  const open = to === undefined && today !== undefined && today < limit;
  const capped = to !== undefined && to > limit;
  return { kind: p.kind, from, to: to === undefined || capped ? limit : to, limit, answered: answered && !capped, open, capped };
}

/** The extension step: says the applicant was told only when the 延期答复告知书 was released. */
function extensionNoteText(notice: DeadlineInput['extensionNotice']): string {
  const basis = `延长${EXTENSION_WORKING_DAYS}个工作日（${cite('art33.2')}）`;
  if (!notice) return `原答复期限届满日。经政府信息公开工作机构负责人同意，${basis}`;
  const no = notice.docNumber ? `（${notice.docNumber}）` : '';
  return `原答复期限届满日。经政府信息公开工作机构负责人同意，${basis}；${formatChineseDate(parseDate(notice.date, '延期答复告知书日期'))}以延期答复告知书${no}告知申请人`;
}

const ART33_3_WHY = `（${cite('art33.3')}）`;

// A pause's note depends only on its last day, its limit, its kind and flags and the working days it counts, so
// cases paused alike share it: written once, looked up by a number packing them all (bounded: cleared when full).
const PAUSE_NOTES = new Map<number, string>();
const PAUSE_KIND_BITS: Record<PauseKind, number> = { third_party: 0, agency: 1, fee: 2, other: 3 };
const DAY_LIMIT = 131_072; // 2^17 days after 1970: year 2328

function pauseNote(p: WorkPause, notCounted: number, coveredInWindow: number, inWindow: boolean): string {
  const limit = p.limit === undefined ? 0 : p.limit;
  if (p.to < 0 || p.to >= DAY_LIMIT || limit < 0 || limit >= DAY_LIMIT || notCounted < 0 || notCounted >= 512) {
    return writePauseNote(p, notCounted, coveredInWindow, inWindow);
  }
  const flags =
    PAUSE_KIND_BITS[p.kind] |
    (p.limit === undefined ? 4 : 0) |
    (p.open ? 8 : 0) |
    (p.answered ? 16 : 0) |
    (p.capped ? 32 : 0) |
    (inWindow ? 64 : 0) |
    (notCounted < coveredInWindow ? 128 : 0);
  const key = ((p.to * DAY_LIMIT + limit) * 256 + flags) * 512 + notCounted;
  let note = PAUSE_NOTES.get(key);
  if (note === undefined) {
    note = writePauseNote(p, notCounted, coveredInWindow, inWindow);
    if (PAUSE_NOTES.size >= 10_000) PAUSE_NOTES.clear();
    PAUSE_NOTES.set(key, note);
  }
  return note;
}

function writePauseNote(p: WorkPause, notCounted: number, coveredInWindow: number, inWindow: boolean): string {
  const end = formatChineseDate(p.to);
  const limit = p.limit === undefined ? '' : formatChineseDate(p.limit);
  let text: string;
  switch (p.kind) {
    case 'third_party':
      text = '发出征求第三方意见书（条例第三十二条）';
      if (p.open) text += `，尚未收到答复，暂按答复期限${limit}计算`;
      else if (p.answered) text += `，${end}收到答复`;
      else if (!p.capped && p.to !== p.limit) text += `，${end}结束暂停（未收到答复）`;
      else text += `，至${limit}（${spanText('thirdPartyConsultation')}）第三方未提出意见，由本机关依照条例决定`;
      break;
    case 'agency':
      text = '发出征求其他机关意见函（条例第三十四条）';
      if (p.open) text += `，尚未收到答复，暂按答复期限${limit}计算`;
      else if (p.answered) text += `，${end}收到答复`;
      else if (!p.capped && p.to !== p.limit) text += `，${end}结束暂停（未收到答复）`;
      else text += `，至${limit}（${spanText('agencyConsultation')}）未答复，视为同意公开（${cite('art34')}）`;
      break;
    case 'fee':
      text = '发出信息处理费收费通知（国办函〔2020〕109号）';
      if (p.open) text += `，尚未缴费，缴费期限为${limit}`;
      else if (p.answered) text += `，${end}缴费`;
      else if (!p.capped && p.to !== p.limit) text += `，${end}结束暂停（未缴费）`;
      else text += `，至${limit}（${spanText('feePayment')}）未缴费，视为放弃申请`;
      break;
    default:
      text = `暂停计算至${end}（征求意见等不计入答复期限的期间）`;
  }
  if (p.capped) text += `；答复晚于期限，超过${limit}的部分不再暂停`;
  if (!inWindow) return `${text}。该期间不在答复期限计算期间内，不影响答复期限`;
  const why = p.kind === 'fee' ? '（收费通知至缴费期间暂停计算）' : ART33_3_WHY;
  text += `。其间${notCounted}个工作日不计入答复期限${why}`;
  if (notCounted < coveredInWindow) text += '，与其他暂停期间重叠的部分只计一次';
  return text;
}

/** What the explained trace needs of one computation. */
interface ExplainState {
  input: DeadlineInput;
  c: Calendar;
  received: number;
  corrected: number | undefined;
  start: number;
  firstDue: number;
  statutoryDue: number;
  due: number;
  art35: number | undefined;
  extended: boolean;
  provisional: boolean;
  unpublishedYears: number[];
  years: string;
  merged: readonly DayInterval[];
  counted: CountedPause[];
  pausedWorkingDays: number;
}

interface CountedPause {
  p: WorkPause;
  notCounted: number;
  covered: number;
  inWindow: boolean;
}

const START_NOTE = `从收到申请的次日起计算${REPLY_WORKING_DAYS}个工作日的答复期限（${cite('art33.2')}；当日不计入）`;
const START_AFTER_CORRECTION_NOTE = `从收到补正申请的次日起重新计算${REPLY_WORKING_DAYS}个工作日的答复期限（${cite('art33.2')}；当日不计入）`;
const RECEIVED_NOTE = Object.fromEntries(Object.entries(CHANNEL_RULE).map(([channel, r]) => [channel, `收到申请：${r.rule}（条例第三十一条）`])) as Record<
  ReceiptChannel,
  string
>;

// The notes of holiday runs and make-up days depend only on the run or the day, which the calendar table shares
// between computations: each is written once (a trace that is read names the same few holidays again and again).
const HOLIDAY_NOTES = new WeakMap<object, string>();
const MAKEUP_NOTES = new WeakMap<object, string>();

function holidayNote(span: Readonly<{ from: number; to: number; names: string[] }>): string {
  let note = HOLIDAY_NOTES.get(span);
  if (note === undefined) {
    note = `${span.names.length > 0 ? span.names.join('、') : '法定节假日'}放假（${formatChineseSpan(span.from, span.to)}），不计入工作日`;
    HOLIDAY_NOTES.set(span, note);
  }
  return note;
}

function makeupNote(m: Readonly<{ date: number; name?: string }>): string {
  let note = MAKEUP_NOTES.get(m);
  if (note === undefined) {
    note = `${m.name ?? '节假日'}调休上班（${weekdayName(m.date)}），计为工作日`;
    MAKEUP_NOTES.set(m, note);
  }
  return note;
}

const EXTENSION_NOTE = extensionNoteText(undefined);

// 「答复期限届满日：…，共20个工作日…」 depends only on the due date, the total and the paused days: each is written once
// (bounded: cleared when full).
const DUE_NOTES = new Map<number, string>();

function dueNote(due: number, total: number, pausedWorkingDays: number): string {
  const memo = pausedWorkingDays < 1024 && (total === REPLY_WORKING_DAYS || total === REPLY_WORKING_DAYS + EXTENSION_WORKING_DAYS);
  const key = (due * 2 + (total === REPLY_WORKING_DAYS ? 0 : 1)) * 1024 + pausedWorkingDays;
  let note = memo ? DUE_NOTES.get(key) : undefined;
  if (note === undefined) {
    const extra = pausedWorkingDays > 0 ? `，另有${pausedWorkingDays}个工作日暂停不计` : '';
    note = `答复期限届满日：${formatChineseDateWithWeekday(due)}，共${total}个工作日${extra}`;
    if (memo) {
      if (DUE_NOTES.size >= 10_000) DUE_NOTES.clear();
      DUE_NOTES.set(key, note);
    }
  }
  return note;
}

/** A make-up day inside a pause is not a working day the clock counted: the trace leaves it out. */
function inMerged(dn: number, merged: readonly DayInterval[]): boolean {
  for (let i = 0; i < merged.length; i++) if (dn >= merged[i].from && dn <= merged[i].to) return true;
  return false;
}

/**
 * The explained trace of one computation: the same numbers as the dates, in words. The steps are built in place
 * in date order (see `addStep`); their notes are constants or memoised, except the notes of pauses.
 */
function explainTrace(state: ExplainState): TraceStep[] {
  const c = state.c;
  const input = state.input;
  const received = state.received;
  const corrected = state.corrected;
  const start = state.start;
  const statutoryDue = state.statutoryDue;
  const trace: TraceStep[] = [];

  // Received, correction, start.
  const channel = input.channel;
  const known = channel !== undefined && Object.hasOwn(CHANNEL_RULE, channel);
  addStep(trace, c, received, 'received', TRACE_ORDER.received, known ? RECEIVED_NOTE[channel] : '收到申请（条例第三十一条）');
  if (corrected !== undefined) {
    addStep(trace, c, corrected, 'correction', TRACE_ORDER.correction, '收到补正后的申请，答复期限自该日起重新计算（条例第三十条）');
  }
  addStep(trace, c, start, 'start', TRACE_ORDER.start, corrected !== undefined ? START_AFTER_CORRECTION_NOTE : START_NOTE);

  // Holidays and make-up days crossed while the clock runs (the runs with a public holiday in [start, statutoryDue]).
  let lastSpan: object | undefined;
  for (let i = c.holidayIndexN(start); c.holidayDayAt(i) <= statutoryDue; i++) {
    const span = c.holidaySpanOfHolidayAt(i);
    if (span === lastSpan) continue;
    lastSpan = span;
    addStep(trace, c, Math.max(span.from, start), 'holiday', TRACE_ORDER.holiday, holidayNote(span));
  }
  const merged = state.merged;
  for (let i = c.makeupIndexN(start); ; i++) {
    const m = c.makeupAt(i);
    if (m === undefined || m.date > statutoryDue) break;
    if (merged.length > 0 && inMerged(m.date, merged)) continue;
    addStep(trace, c, m.date, 'makeup_workday', TRACE_ORDER.makeup_workday, makeupNote(m));
  }

  const counted = state.counted;
  for (let i = 0; i < counted.length; i++) {
    const k = counted[i];
    addStep(trace, c, k.p.from, 'pause', TRACE_ORDER.pause, pauseNote(k.p, k.notCounted, k.covered, k.inWindow));
  }

  // Extension, Art. 35, provisional, due.
  const extended = state.extended;
  if (extended) {
    const notice = input.extensionNotice;
    addStep(trace, c, state.firstDue, 'extension', TRACE_ORDER.extension, notice ? extensionNoteText(notice) : EXTENSION_NOTE);
  }
  const art35 = state.art35;
  if (art35 !== undefined && art35 > statutoryDue) {
    addStep(
      trace,
      c,
      art35,
      'art35',
      TRACE_ORDER.art35,
      `申请数量、频次明显超过合理范围，本机关依照条例第三十五条确定的答复期限，取代按条例第三十三条计算的${formatChineseDate(statutoryDue)}`,
    );
  }
  if (state.provisional) {
    const unpublishedYears = state.unpublishedYears;
    const years = state.years;
    const first = Math.max(received, yearStart(unpublishedYears[0]));
    const from = c.format(start);
    const to = c.format(statutoryDue);
    const estimated = c.estimates.filter((e) => unpublishedYears.includes(e.year)).flatMap((e) => e.holidays.filter((h) => h.date >= from && h.date <= to));
    if (unpublishedYears.every((y) => c.isEstimatedYear(y))) {
      const days =
        estimated.length > 0
          ? `（期间推算的放假日：${estimated.map((h) => `${formatChineseDate(parseDate(h.date))}${h.name ?? ''}`).join('、')}）`
          : '（期间没有推算的放假日）';
      addStep(
        trace,
        c,
        first,
        'provisional',
        TRACE_ORDER.provisional,
        `${years}节假日安排尚未公布，暂按《全国年节及纪念日放假办法》推算法定节假日${days}；国务院的调休安排和调休上班日尚不可知，期限可能调整`,
      );
    } else {
      addStep(trace, c, first, 'provisional', TRACE_ORDER.provisional, `${years}节假日安排尚未公布，暂按周一至周五为工作日计算，期限可能调整`);
    }
  }
  const due = state.due;
  addStep(
    trace,
    c,
    due,
    'due',
    TRACE_ORDER.due,
    art35 !== undefined && due === art35
      ? `答复期限届满日：${formatChineseDateWithWeekday(due)}（条例第三十五条）`
      : dueNote(due, REPLY_WORKING_DAYS + (extended ? EXTENSION_WORKING_DAYS : 0), state.pausedWorkingDays),
  );
  return trace;
}

/** Compute the reply deadline of one application, with an explanation of every step. */
export function computeDeadline(input: DeadlineInput, calendar?: Calendar): DeadlineResult {
  const c = cal(calendar);
  const received = parseDate(input.received, '收到申请日期');
  const corrected = input.corrected === undefined ? undefined : parseDate(input.corrected, '收到补正申请日期');
  if (corrected !== undefined && corrected < received) {
    throw new RuleInputError('correction_before_received', `收到补正申请的日期${input.corrected}早于收到原申请的日期${input.received}`);
  }
  const today = input.today === undefined ? undefined : parseDate(input.today, '当前日期');
  const art35 = input.art35Due === undefined ? undefined : parseDate(input.art35Due, '依条例第三十五条确定的答复期限');
  const requested = input.correctionRequested === undefined ? undefined : parseDate(input.correctionRequested, '发出补正通知日期');
  const extended = input.extended === true;

  // The period: counted from the day after the received (or corrected) date.
  const anchor = corrected ?? received;
  const start = anchor + 1;
  const given = input.pauses;
  let pauses: WorkPause[];
  if (given === undefined || given.length === 0) pauses = [];
  else if (given.length === 1) pauses = [resolvePause(given[0], 0, received, today, c)];
  else {
    pauses = [];
    for (let i = 0; i < given.length; i++) pauses.push(resolvePause(given[i], i, received, today, c));
  }
  // One pause is its own merged list (resolvePause checked from <= to).
  const merged: readonly DayInterval[] =
    pauses.length === 0
      ? NO_PAUSES
      : pauses.length === 1
        ? [{ from: pauses[0].from, to: pauses[0].to }]
        : mergeIntervals(pauses.map((p) => ({ from: p.from, to: p.to })));
  const firstDue = c.addWorkingDaysN(anchor, REPLY_WORKING_DAYS, merged);
  const statutoryDue = extended ? c.addWorkingDaysN(firstDue, EXTENSION_WORKING_DAYS, merged) : firstDue;
  const due = art35 !== undefined && art35 > statutoryDue ? art35 : statutoryDue;
  const correctionDeadline = c.addWorkingDaysN(received, CORRECTION_REQUEST_WORKING_DAYS);
  const unpublishedYears = c.unpublishedYearsN(received, statutoryDue);
  const provisional = unpublishedYears.length > 0;

  const warnings: ClockWarning[] = [];

  // Pauses, in date order; days shared with an earlier pause are counted once.
  const order =
    pauses.length < 2 ? (pauses.length === 0 ? NO_ORDER : ONE_PAUSE_ORDER) : pauses.map((p, i) => i).sort((a, b) => pauses[a].from - pauses[b].from || a - b);
  const resolved: ResolvedPause[] = new Array<ResolvedPause>(pauses.length);
  const counted: CountedPause[] = [];
  let coveredUntil = Number.NEGATIVE_INFINITY;
  let pausedWorkingDays = 0;
  for (const i of order) {
    const p = pauses[i];
    const a = Math.max(p.from, start);
    const b = Math.min(p.to, statutoryDue);
    const inWindow = a <= b;
    const covered = inWindow ? c.countWorkingDaysN(a, b) : 0;
    const newFrom = Math.max(a, coveredUntil + 1);
    const notCounted = inWindow && newFrom <= b ? c.countWorkingDaysN(newFrom, b) : 0;
    coveredUntil = Math.max(coveredUntil, p.to);
    pausedWorkingDays += notCounted;
    counted.push({ p, notCounted, covered, inWindow });
    const r: ResolvedPause = {
      kind: p.kind,
      from: c.format(p.from),
      to: c.format(p.to),
      answered: p.answered,
      open: p.open,
      capped: p.capped,
      workingDaysNotCounted: notCounted,
    };
    if (p.limit !== undefined) r.limit = c.format(p.limit);
    resolved[i] = r;

    if (p.from > statutoryDue) {
      warnings.push({
        code: 'pause_after_due',
        message: `${formatChineseDate(p.from)}开始的暂停晚于答复期限${formatChineseDate(statutoryDue)}，不能延长答复期限${p.kind === 'fee' ? '；收费通知应在答复期限内发出（国办函〔2020〕109号）' : ''}`,
      });
    }
    if (p.open) {
      warnings.push({
        code: 'pause_open',
        message: `${formatChineseDate(p.from)}开始的${p.kind === 'fee' ? '缴费' : '征求意见'}尚未结束，答复期限暂按${formatChineseDate(p.to)}结束计算，收到答复后将重新计算`,
      });
    } else if (p.capped) {
      warnings.push({
        code: 'pause_capped',
        message: `${formatChineseDate(p.from)}发出的${p.kind === 'fee' ? '收费通知，缴费' : '征求意见，答复'}晚于期限${formatChineseDate(p.to)}，超出部分未从答复期限中扣除`,
      });
    } else if (p.kind === 'fee' && !p.answered && p.limit !== undefined && (p.capped || p.to === p.limit) && (today === undefined || today > p.limit)) {
      warnings.push({
        code: 'fee_unpaid',
        message: `申请人未在${formatChineseDate(p.to)}前缴纳信息处理费，视为放弃申请，可按「申请人逾期未按收费通知要求缴纳费用」结案（国办函〔2020〕109号）`,
      });
    }
  }

  // Warnings of the Art. 35 deadline and of unpublished years.
  if (art35 !== undefined && art35 <= statutoryDue) {
    warnings.push({
      code: 'art35_not_later',
      message: `依条例第三十五条确定的期限${formatChineseDate(art35)}不晚于法定答复期限${formatChineseDate(statutoryDue)}，仍按法定期限执行`,
    });
  }
  const years = provisional ? unpublishedYears.map((y) => `${y}年`).join('、') : '';
  if (provisional) {
    warnings.push({ code: 'provisional', message: `${years}节假日安排尚未公布，答复期限为暂定，公布后请重新计算` });
  }

  // The explained trace: the same numbers, in words. It is built with the result, a plain data property. (It was
  // built lazily behind an accessor until December 2026: every caller reads it, and the accessor defined per
  // result cost more than building the trace.)
  const state: ExplainState = {
    input,
    c,
    received,
    corrected,
    start,
    firstDue,
    statutoryDue,
    due,
    art35,
    extended,
    provisional,
    unpublishedYears,
    years,
    merged,
    counted,
    pausedWorkingDays,
  };

  // Correction-request checks.
  if (requested !== undefined && requested > correctionDeadline) {
    warnings.push({
      code: 'correction_request_late',
      message: `补正通知于${formatChineseDate(requested)}发出，晚于收到申请后${spanText('correctionRequest')}的期限${formatChineseDate(correctionDeadline)}（${cite('art30')}）`,
    });
  }
  if (today !== undefined && corrected === undefined && requested === undefined) {
    const w = correctionDeadlineWarning(input.received, input.today as string, c);
    if (w !== null) warnings.push(w);
  }

  const result: DeadlineResult = {
    received: c.format(received),
    start: c.format(start),
    firstDue: c.format(firstDue),
    due: c.format(due),
    statutoryDue: c.format(statutoryDue),
    extended,
    provisional,
    unpublishedYears,
    correctionRequestDeadline: c.format(correctionDeadline),
    pauses: resolved,
    pausedWorkingDays,
    trace: explainTrace(state),
    warnings,
  };
  if (corrected !== undefined) result.corrected = c.format(corrected);

  if (today !== undefined) {
    if (today <= due) {
      const left = c.countWorkingDaysN(today + 1, due, merged);
      result.workingDaysLeft = left;
      result.overdue = false;
      if (left <= 3) {
        warnings.push({
          code: 'due_soon',
          message: left === 0 ? '今天是答复期限的最后一天' : `距答复期限届满还有${left}个工作日`,
        });
      }
    } else {
      const late = c.countWorkingDaysN(due + 1, today);
      result.workingDaysLeft = -late;
      result.overdue = true;
      warnings.push({ code: 'overdue', message: `已超过答复期限${formatChineseDate(due)}，逾期${late}个工作日` });
    }
  }
  return result;
}
