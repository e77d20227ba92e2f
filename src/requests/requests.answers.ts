import type { ClockWarning, TraceStep } from '../rules/clock.js';
import type { OutcomeGroup } from '../rules/outcomes.js';
import type { ApplicantData, ApplicantType } from './application.js';
import type { Consultation, ReleasedNotice } from './projection.js';

/**
 * The shapes the requests capability's API answers with (the services declare these as their return types);
 * re-exported by requests.api.ts, where the console imports them. Types only, from pure modules.
 */

export type Channel = 'online' | 'in_person' | 'post_signed' | 'post_ordinary' | 'fax';
export type CaseState =
  | 'submitted'
  | 'received'
  | 'awaiting_correction'
  | 'in_progress'
  | 'consulting'
  | 'awaiting_fee'
  | 'extended'
  | 'replied'
  | 'closed'
  | 'transferred';

/** What a user may do on a case now (`allowedActions`; the console shows only these buttons). */
export type CaseAction =
  | 'confirm'
  | 'accept'
  | 'request_correction'
  | 'record_correction'
  | 'consult'
  | 'answer_consultation'
  | 'notify_fee'
  | 'fee_paid'
  | 'extend'
  | 'request_extension'
  | 'later_deadline'
  | 'close'
  | 'transfer'
  | 'assign'
  | 'note'
  | 'draft_letter'
  | 'release_letter'
  | 'appeal';

/** POST /api/cases (and the portal's form): the new case. */
export interface NewCaseResult {
  id: string;
  trackingCode: string;
  /** Shown once; only its hash is stored. Null when a retried submission found the existing case. */
  secret: string;
  duplicate: boolean;
  version: number;
}

/** A write on a case (POST /api/cases/:id/<action>): its new version, state and due date. */
export interface ActResult {
  id: string;
  version: number;
  state: CaseState;
  dueDate: string | null;
}

/** GET /api/calendar/years: a year with a schedule, built in or published by an administrator. */
export interface CalendarYearView {
  year: number;
  source: string;
  builtin: boolean;
  publishedBy: string | null;
  publishedAt: string | null;
  holidays: number;
  workdays: number;
}

/** What every view of a case shows (workbench and list rows, the case page). */
interface CaseRowView {
  id: string;
  trackingCode: string;
  channel: Channel;
  applicantType: ApplicantType;
  /** Masked (张*). */
  applicant: string;
  description: string;
  state: CaseState;
  stateLabel: string;
  receivedDate: string | null;
  dueDate: string | null;
  dueProvisional: boolean;
  partyDeadline: string | null;
  assigneeId: string | null;
  version: number;
}

export interface WorkbenchItem extends CaseRowView {}

export interface ClerkCount {
  assigneeId: string | null;
  name: string;
  open: number;
  overdue: number;
}

/** GET /api/cases/workbench. */
export interface Workbench {
  today: string;
  dueSoonUntil: string;
  overdue: WorkbenchItem[];
  dueSoon: WorkbenchItem[];
  awaitingCorrection: WorkbenchItem[];
  consulting: WorkbenchItem[];
  awaitingFee: WorkbenchItem[];
  awaitingReceipt: WorkbenchItem[];
  /** Received cases whose 7-working-day window to ask for a correction (条例第三十条) closes within 2 working days. */
  correctionWindowClosing: (WorkbenchItem & { correctionNoticeBy: string | null })[];
  /** 复议 answers owed (行政复议法第四十八条、第五十四条), soonest first. */
  appealAnswers: {
    id: string;
    caseId: string;
    trackingCode: string;
    body: string;
    simplified: boolean;
    answerNoticeDate: string;
    answerDue: string;
    overdue: boolean;
    dueSoon: boolean;
  }[];
  /** Years whose State Council holiday schedule is not published (due dates in them are 暂定). */
  missingSchedules: { year: number; estimated: boolean }[];
  counts: { byState: Record<string, number>; overdue: number; dueSoon: number; byClerk: ClerkCount[] };
}

export interface CaseListItem extends CaseRowView {
  agencyId: string;
  agencyName: string;
  channelLabel: string;
  closedDate: string | null;
  outcome: string | null;
  assigneeName: string | null;
  createdAt: string;
  /** The applicant asked this agency before (条例第三十六条第（六）项: check for a repeated application). */
  likelyRepeat: boolean;
}

/** GET /api/cases. */
export interface CaseList {
  total: number;
  page: number;
  pageSize: number;
  items: CaseListItem[];
}

/** An event of the case's ledger: `type` and `data` as in projection.ts's CaseEventData (the page shows any event). */
export interface TimelineEvent {
  seq: number;
  at: string;
  actor: string;
  type: string;
  data: Record<string, unknown>;
}

export interface CaseFileView {
  id: string;
  kind: string;
  filename: string;
  mediaType: string;
  size: number;
  createdAt: string;
}

/** GET /api/cases/:id: the case page. */
export interface CaseDetail extends Omit<CaseRowView, 'applicant'> {
  agencyId: string;
  agencyName: string;
  channelLabel: string;
  /** In full for the agency's staff; masked for the supervising office and administrators. */
  applicant: ApplicantData;
  docNumberRequested: string | null;
  form: string;
  delivery: string;
  correctionNoticeBy: string | null;
  closedDate: string | null;
  outcome: string | null;
  outcomeLabel: string | null;
  extended: boolean;
  consultations: Consultation[];
  extensionRequest: { date: string; reason: string; requestedBy: string; letterId: string } | null;
  correctionNotice: ReleasedNotice | null;
  extensionNotice: ReleasedNotice | null;
  assigneeName: string | null;
  createdAt: string;
  clock: { due: string; firstDue: string; provisional: boolean; workingDaysLeft: number | null; overdue: boolean; pausedWorkingDays: number } | null;
  trace: TraceStep[];
  warnings: ClockWarning[];
  timeline: TimelineEvent[];
  files: CaseFileView[];
  /** Published documents that may already answer the application (条例第三十六条第（一）项). */
  publishedSuggestions: { title: string; url: string; docNumber: string | null; publishedAt: string }[];
  possibleRepeats: {
    id: string;
    trackingCode: string;
    description: string;
    docNumber: string | null;
    state: CaseState;
    outcome: string | null;
    receivedDate: string | null;
    closedDate: string | null;
    likely: boolean;
  }[];
  allowedActions: CaseAction[];
}

/** The oversight figures of one agency over a period (the supervising office's board reads them). */
export interface Period {
  from: string;
  to: string;
}

export interface RequestFigures {
  received: number;
  openNow: number;
  overdueNow: number;
  closed: number;
  closedOnTime: number;
  /** Closed in the period after their due date. */
  closedLate: number;
  /** Cases received in the period that were extended (条例第三十三条第二款). */
  extended: number;
  /** Correction requests (补正) for cases received in the period; and those sent within 7 working days (条例第三十条). */
  corrections: number;
  correctionsOnTime: number;
  outcomes: Record<OutcomeGroup, number>;
  reconsiderations: number;
  litigations: number;
  /** Appeals filed in the period whose result is 纠错. */
  corrected: number;
}

export const emptyFigures = (): RequestFigures => ({
  received: 0,
  openNow: 0,
  overdueNow: 0,
  closed: 0,
  closedOnTime: 0,
  closedLate: 0,
  extended: 0,
  corrections: 0,
  correctionsOnTime: 0,
  outcomes: { disclosed: 0, partly_disclosed: 0, withheld: 0, unable: 0, not_processed: 0, other: 0 },
  reconsiderations: 0,
  litigations: 0,
  corrected: 0,
});
