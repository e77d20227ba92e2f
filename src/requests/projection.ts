/**
 * A case is its ledger of events; everything else is a projection computed here, without I/O: the state,
 * the legal received date, the reply due date with a trace that explains it, the applicant's deadline
 * (补正 or fee payment), the outcome and closing date. The store writes the projection into `cases` after
 * every event, and `calendar import` recomputes it for every open case.
 *
 * The statutory clock (条例第三十条至第三十五条, 国办函〔2020〕109号):
 * - counting starts the day after the received date (条例第三十一条 fixes the received date by channel);
 * - reply within 20 working days (第三十三条第二款);
 * - a correction (补正) restarts the 20 days from the day the corrected application arrives (第三十条);
 *   while the applicant corrects, the reply clock does not run;
 * - consultations of a third party (第三十二条) or another agency (第三十四条) do not count (第三十三条第三款):
 *   the working days from the day the letter goes out through the day the answer arrives — or, with no
 *   answer, through the 15th working day — are skipped;
 * - a fee notice pauses the clock in the same way until payment (109号 leaves this open; we pause, as
 *   practice does) and the applicant pays within 20 working days from the day after the notice;
 * - one extension of at most 20 working days, counted from the first due date (第三十三条第二款);
 * - an Art. 35 later deadline set by the agency replaces the computed one.
 */

import type { Calendar } from '../rules/calendar/calendar.js';
import { beijingDate, formatChineseDate, parseDate } from '../rules/calendar/dates.js';
import {
  computeDeadline,
  consultationLimit,
  correctionRequestDeadline,
  feePaymentDeadline,
  type DeadlineResult,
  type PauseInput,
  type TraceStep,
} from '../rules/clock.js';
import { isOutcomeKey, outcome, type OutcomeKey } from '../rules/outcomes.js';
import type { CaseState, Channel } from './requests.api.js';
import { spanText } from '../rules/citations.js';

export type ConsultationKind = 'third_party' | 'agency';

/** The events of the ledger, by type, with their data. */
export type CaseEventData =
  | { type: 'submitted'; channel: Channel; date: string }
  | { type: 'received'; date: string; how: 'handed_in' | 'signed_for' | 'confirmed' }
  | { type: 'accepted' }
  /** `letterId`: the 补正告知书 drafted with the request (same transaction); the applicant is told when it is released. */
  | { type: 'correction_requested'; date: string; deadline: string; items: string; letterId?: string }
  | { type: 'corrected'; date: string; text?: string }
  | { type: 'consultation_started'; consultationId: string; kind: ConsultationKind; party: string; date: string }
  | { type: 'consultation_answered'; consultationId: string; date: string; opinion: string }
  | { type: 'fee_notified'; date: string; amount: number; method: string; detail: string }
  | { type: 'fee_paid'; date: string }
  /** A clerk asks the office head for the extension; `letterId`: the 延期答复告知书 drafted with the request. */
  | { type: 'extension_requested'; date: string; reason: string; requestedBy: string; letterId: string }
  /** `letterId`: the 延期答复告知书 released with the approval (same transaction). */
  | { type: 'extended'; date: string; approvedBy: string; reason: string; letterId?: string }
  | { type: 'later_deadline'; date: string; deadline: string; reason: string }
  | { type: 'assigned'; assigneeId: string | null; assigneeName: string; reason?: string; fromName?: string }
  | { type: 'note'; text: string }
  | { type: 'closed'; date: string; outcome: OutcomeKey; reason: string; auto?: boolean }
  | { type: 'transferred'; date: string; toAgencyId: string; toAgencyName: string; newCaseId: string; reason: string }
  | { type: 'transferred_in'; fromAgencyName: string; fromCaseId: string }
  /** `date`: the Beijing date of the release (the letter's 成文日期); older events have only `at`. */
  | { type: 'letter_released'; letterId: string; kind: string; docNumber: string; date?: string };

export type CaseEventType = CaseEventData['type'];

export interface LedgerEvent {
  seq: number;
  at: string;
  actor: string;
  data: CaseEventData;
}

export interface Consultation {
  id: string;
  kind: ConsultationKind;
  party: string;
  sent: string;
  limit: string;
  answered: string | null;
  opinion: string | null;
}

/** A released notice of the case (补正告知书, 延期答复告知书): the applicant was told on `date`. */
export interface ReleasedNotice {
  letterId: string;
  date: string;
  docNumber: string;
}

export interface CaseProjection {
  state: CaseState;
  receivedDate: string | null;
  closedDate: string | null;
  outcome: OutcomeKey | null;
  dueDate: string | null;
  dueProvisional: boolean;
  /** The applicant's deadline while the agency waits on them (补正 or fee), else null. */
  partyDeadline: string | null;
  /** The last day to send a correction notice (7 working days after receipt), while one is still possible. */
  correctionNoticeBy: string | null;
  correctionRequested: boolean;
  corrected: boolean;
  extended: boolean;
  feeNotified: boolean;
  feePaid: boolean;
  accepted: boolean;
  consultations: Consultation[];
  /** The 补正告知书 drafted with the correction request, and whether it was released (null: not released). */
  correctionLetterId: string | null;
  correctionNotice: ReleasedNotice | null;
  /** The released 延期答复告知书 (null: none released). */
  extensionNotice: ReleasedNotice | null;
  /** A clerk's extension request waiting for the office head (null once extended). */
  extensionRequest: { date: string; reason: string; requestedBy: string; letterId: string } | null;
  trace: TraceStep[];
  /** The clock's full result (null until the clock runs). */
  clock: DeadlineResult | null;
  assigneeId: string | null | undefined;
}

const OPEN_STATES: readonly CaseState[] = ['submitted', 'received', 'awaiting_correction', 'in_progress', 'consulting', 'awaiting_fee', 'extended', 'replied'];

export function isOpenState(s: CaseState): boolean {
  return OPEN_STATES.includes(s);
}

const cn = (d: string) => formatChineseDate(parseDate(d));

/** Folds the ledger into the case's projection on the given calendar. */
export function projectCase(events: readonly LedgerEvent[], calendar: Calendar, today?: string): CaseProjection {
  const p: CaseProjection = {
    state: 'submitted',
    receivedDate: null,
    closedDate: null,
    outcome: null,
    dueDate: null,
    dueProvisional: false,
    partyDeadline: null,
    correctionNoticeBy: null,
    correctionRequested: false,
    corrected: false,
    extended: false,
    feeNotified: false,
    feePaid: false,
    accepted: false,
    consultations: [],
    correctionLetterId: null,
    correctionNotice: null,
    extensionNotice: null,
    extensionRequest: null,
    trace: [],
    clock: null,
    assigneeId: undefined,
  };
  const released = new Map<string, ReleasedNotice>();
  let clockStart: string | null = null;
  let correctionDeadline: string | null = null;
  let correctionSent: string | null = null;
  let fee: { notice: string; payBy: string; paid: string | null } | null = null;
  let laterDeadline: { deadline: string; reason: string } | null = null;
  let extendedOn: string | null = null;
  let terminal = false;
  let channel: Channel | undefined;

  const work = (): CaseState => (extendedOn ? 'extended' : p.accepted ? 'in_progress' : 'received');

  for (const e of events) {
    const d = e.data;
    if (terminal && d.type !== 'note' && d.type !== 'letter_released' && d.type !== 'assigned') continue;
    switch (d.type) {
      case 'submitted':
        channel = d.channel;
        p.state = 'submitted';
        break;
      case 'received':
        p.receivedDate = d.date;
        clockStart = d.date;
        p.state = 'received';
        break;
      case 'accepted':
        p.accepted = true;
        if (p.state === 'received') p.state = 'in_progress';
        break;
      case 'correction_requested':
        p.correctionRequested = true;
        p.correctionLetterId = d.letterId ?? null;
        correctionSent = d.date;
        correctionDeadline = d.deadline;
        p.state = 'awaiting_correction';
        break;
      case 'corrected':
        p.corrected = true;
        clockStart = d.date;
        correctionDeadline = null;
        p.accepted = true;
        p.state = work();
        break;
      case 'consultation_started':
        p.consultations.push({
          id: d.consultationId,
          kind: d.kind,
          party: d.party,
          sent: d.date,
          limit: consultationLimit(d.date, calendar),
          answered: null,
          opinion: null,
        });
        p.state = 'consulting';
        break;
      case 'consultation_answered': {
        const c = p.consultations.find((x) => x.id === d.consultationId);
        if (c) {
          c.answered = d.date;
          c.opinion = d.opinion;
        }
        if (!p.consultations.some((x) => !x.answered)) p.state = fee && !fee.paid ? 'awaiting_fee' : work();
        break;
      }
      case 'fee_notified':
        p.feeNotified = true;
        fee = { notice: d.date, payBy: feePaymentDeadline(d.date, calendar), paid: null };
        p.state = 'awaiting_fee';
        break;
      case 'fee_paid':
        if (fee) fee.paid = d.date;
        p.feePaid = true;
        p.state = p.consultations.some((x) => !x.answered) ? 'consulting' : work();
        break;
      case 'extension_requested':
        if (!p.extended) p.extensionRequest = { date: d.date, reason: d.reason, requestedBy: d.requestedBy, letterId: d.letterId };
        break;
      case 'extended':
        p.extended = true;
        p.extensionRequest = null;
        extendedOn = d.date;
        if (p.state === 'in_progress' || p.state === 'received') p.state = 'extended';
        break;
      case 'later_deadline':
        laterDeadline = { deadline: d.deadline, reason: d.reason };
        break;
      case 'assigned':
        p.assigneeId = d.assigneeId;
        break;
      case 'closed':
        p.state = 'closed';
        p.outcome = d.outcome;
        p.closedDate = d.date;
        terminal = true;
        break;
      case 'transferred':
        p.state = 'transferred';
        if (p.receivedDate) {
          // 条例第三十六条第（五）项: not this agency's information; the applicant is told which agency holds it.
          p.outcome = 'unable_not_held';
          p.closedDate = d.date;
        }
        terminal = true;
        break;
      case 'letter_released': {
        const notice = { letterId: d.letterId, date: d.date ?? beijingDate(e.at), docNumber: d.docNumber };
        released.set(d.letterId, notice);
        if (d.kind === 'extension_notice') p.extensionNotice = notice;
        break;
      }
      case 'note':
      case 'transferred_in':
        break;
    }
  }
  // The correction notice is the one drafted with the request; older cases (no letterId) take any released 补正告知书.
  if (p.correctionRequested) {
    p.correctionNotice = p.correctionLetterId ? (released.get(p.correctionLetterId) ?? null) : null;
    if (!p.correctionLetterId) {
      for (const e of events)
        if (e.data.type === 'letter_released' && e.data.kind === 'correction_notice') p.correctionNotice = released.get(e.data.letterId) ?? null;
    }
  }

  // ---- the clock (rules/clock.ts computes the due date and its trace; here only the case's facts go in)
  if (!p.receivedDate) {
    p.trace.push({
      date: beijingDate(events[0]?.at),
      kind: 'received',
      note: '申请已提交，尚待本机关与申请人确认；依照条例第三十一条，通过互联网、传真或平常信函提交的申请以双方确认之日为收到申请之日，确认后开始计算答复期限',
    });
    return p;
  }
  if (!p.correctionRequested && p.state !== 'closed' && p.state !== 'transferred') {
    p.correctionNoticeBy = correctionRequestDeadline(p.receivedDate, calendar);
  }
  if (p.state === 'awaiting_correction') {
    p.trace.push({ date: p.receivedDate, kind: 'received', note: '收到申请（条例第三十一条）' });
    const n = p.correctionNotice;
    if (n) {
      // The applicant's deadline runs only once they have been told (the released 补正告知书).
      p.partyDeadline = correctionDeadline;
      p.trace.push({
        date: n.date,
        kind: 'correction',
        note: `以补正告知书（${n.docNumber}）一次性告知申请人补正${correctionDeadline ? `，补正期限至${cn(correctionDeadline)}` : ''}；补正期间不计算答复期限，自收到补正申请之日起重新计算${spanText('reply')}（条例第三十条）；无正当理由逾期不补正的，视为放弃申请`,
      });
    } else if (correctionSent && !p.correctionLetterId) {
      // A request from before notices were drafted with it: its deadline runs, no notice is claimed.
      p.partyDeadline = correctionDeadline;
      p.trace.push({
        date: correctionSent,
        kind: 'correction',
        note: `要求申请人补正${correctionDeadline ? `，补正期限至${cn(correctionDeadline)}` : ''}；补正期间不计算答复期限，自收到补正申请之日起重新计算${spanText('reply')}（条例第三十条）；无正当理由逾期不补正的，视为放弃申请`,
      });
    } else if (correctionSent) {
      p.trace.push({
        date: correctionSent,
        kind: 'correction',
        note: '申请内容需要补正，补正告知书正在审核签发；签发后将一次性告知需要补正的事项和补正期限（条例第三十条）',
      });
    }
    return p;
  }
  const pauses: PauseInput[] = [];
  for (const c of p.consultations) pauses.push({ kind: c.kind, from: c.sent, ...(c.answered ? { to: c.answered } : {}) });
  if (fee) {
    pauses.push({ kind: 'fee', from: fee.notice, ...(fee.paid ? { to: fee.paid } : {}) });
    if (!fee.paid && p.state === 'awaiting_fee') p.partyDeadline = fee.payBy;
  }
  const result = computeDeadline(
    {
      received: p.receivedDate,
      ...(channel ? { channel } : {}),
      ...(p.corrected && clockStart ? { corrected: clockStart } : {}),
      // The notice's date is what counts against the 7-working-day limit (条例第三十条).
      ...(correctionSent ? { correctionRequested: p.correctionNotice?.date ?? correctionSent } : {}),
      pauses,
      extended: p.extended,
      ...(p.extended && p.extensionNotice ? { extensionNotice: { date: p.extensionNotice.date, docNumber: p.extensionNotice.docNumber } } : {}),
      ...(laterDeadline ? { art35Due: laterDeadline.deadline } : {}),
      ...(today && isOpenState(p.state) ? { today } : {}),
    },
    calendar,
  );
  p.clock = result;
  p.dueDate = result.due;
  p.dueProvisional = result.provisional;
  p.trace = result.trace.slice();
  if (p.correctionNotice) {
    const n = p.correctionNotice;
    // Before the corrected application of the same day (the notice came first).
    const at = p.trace.findIndex((s) => s.date > n.date || (s.date === n.date && s.kind === 'correction'));
    p.trace.splice(at < 0 ? p.trace.length : at, 0, {
      date: n.date,
      kind: 'correction',
      note: `以补正告知书（${n.docNumber}）一次性告知申请人补正（条例第三十条）`,
    });
  }
  if (p.state === 'closed' && p.closedDate && p.outcome) {
    p.trace.push({ date: p.closedDate, kind: 'due', note: `办结，办理结果：${outcome(p.outcome).short}` });
  }
  return p;
}

/** Parses stored event rows into ledger events. */
export function toLedger(rows: readonly { seq: number; at: string; actor: string; type: string; data: string }[]): LedgerEvent[] {
  return rows.map((r) => ({ seq: Number(r.seq), at: r.at, actor: r.actor, data: { ...(JSON.parse(r.data) as object), type: r.type } as CaseEventData }));
}

export function assertOutcome(v: unknown): OutcomeKey {
  if (!isOutcomeKey(v)) throw new Error(`unknown outcome ${String(v)}`);
  return v;
}
