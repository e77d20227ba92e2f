/**
 * Tables of the requests capability (依申请公开). The annual report reads `cases` and `appeals` with these
 * column names and meanings (see ../shared/docs/report-data.md): do not rename.
 */

import type { ApplicantType } from './application.js';
import type { CaseState, Channel } from './requests.api.js';

export type { ApplicantType, CaseState, Channel };

/** Per agency and month, the counts of the supervising office's board (migration 0020, kept by triggers). */
export interface CaseMonthCountTable {
  agency_id: string;
  /** 'YYYY-MM' */
  month: string;
  /** 'received' | 'closed:<outcome>' | 'late' | 'extended' | 'corr:<received>:<sent>' */
  metric: string;
  n: number;
}

export interface CaseTable {
  id: string;
  agency_id: string;
  /** Shown to the applicant (查询码). */
  tracking_code: string;
  /** sha256 of the tracking secret, hex; the secret itself is shown once. */
  secret_hash: string;
  channel: Channel;
  applicant_type: ApplicantType;
  /** Legal received date (条例第三十一条), null until confirmed for online / fax / ordinary post. */
  received_date: string | null;
  closed_date: string | null;
  outcome: string | null;
  state: CaseState;
  /** Projection: reply due date, recomputed from the events; null while the clock does not run. */
  due_date: string | null;
  /** Projection: the applicant's deadline (补正 or fee payment) while waiting on them, else null. */
  party_deadline: string | null;
  /** Projection: the due date lies in a year without a published holiday schedule. */
  due_provisional: number;
  assignee_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** When the application arrived (ISO instant): online submission, post arrival, hand-in. */
  submitted_at: string;
  /** Encrypted JSON of the applicant (ApplicantData). */
  applicant_enc: string;
  /** Masked name for lists (张*, organisation names in full). */
  applicant_masked: string;
  /** Blind index of the identity number (ID number or credit code): the same applicant across cases. */
  applicant_key: string;
  /** Blind index of the applicant's name, to find repeats when no number is given. */
  applicant_name_key: string;
  description: string;
  doc_number_requested: string | null;
  /** 'paper' | 'electronic' | 'inspection' */
  form: string;
  /** 'post' | 'email' | 'collect' */
  delivery: string;
  /** Idempotency key of the submission (the public form's token or an API caller's key). */
  form_token: string | null;
  /** Case this one was transferred from (another agency in the system). */
  transferred_from_id: string | null;
  /** Summary flags (JSON array) computed at intake: possible repeats (条例第三十六条第（六）项). */
  flags: string;
}

export interface CaseEventTable {
  id: string;
  case_id: string;
  agency_id: string;
  seq: number;
  at: string;
  /** Display name of the actor ('申请人', '系统' or a staff member). */
  actor: string;
  actor_id: string | null;
  type: string;
  data: string;
}

export interface CaseFileTable {
  id: string;
  case_id: string;
  agency_id: string;
  /** 'identity_proof' | 'scan' | 'correction' */
  kind: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  /** Encrypted base64 of the bytes (identity proofs are personal data). */
  content_enc: string;
  created_at: string;
}

export interface AppealTable {
  id: string;
  agency_id: string;
  case_id: string;
  kind: 'reconsideration' | 'litigation_direct' | 'litigation_after_reconsideration';
  filed_date: string;
  result: 'upheld' | 'corrected' | 'other' | 'pending';
  decided_date: string | null;
  body: string;
  note: string;
  /** The day the agency received the 复议机关's copy of the application (行政复议法第四十八条). */
  answer_notice_date: string | null;
  /** 1 under the simplified procedure (行政复议法第五十三条、第五十四条: answer within 5 working days). */
  simplified: number;
  /** The day the agency sent its written answer. */
  answered_date: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CalendarYearTable {
  year: number;
  schedule: string;
  published_by: string;
  published_at: string;
}

export interface CaseLetterTable {
  id: string;
  case_id: string;
  agency_id: string;
  kind: string;
  doc_number: string | null;
  status: 'draft' | 'released' | 'returned';
  /** The letter's content (OfficialDoc JSON) as drafted; rendered at release. */
  content: string;
  sha256: string | null;
  /** Base64 of the released .docx. */
  docx: string | null;
  released_at: string | null;
  signed_by: string | null;
  drafted_by: string;
  /** Set when the head returned the draft (status `returned`): the comment, the head's name, the instant. */
  return_comment?: string | null;
  returned_by?: string | null;
  returned_at?: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Per agency and year, the last letter number issued (文号 sequence). */
export interface LetterCounterTable {
  agency_id: string;
  year: number;
  last: number;
}

declare module '../platform/db/tables.js' {
  interface Database {
    cases: CaseTable;
    case_events: CaseEventTable;
    case_files: CaseFileTable;
    appeals: AppealTable;
    calendar_years: CalendarYearTable;
    case_letters: CaseLetterTable;
    letter_counters: LetterCounterTable;
    case_month_counts: CaseMonthCountTable;
  }
}
