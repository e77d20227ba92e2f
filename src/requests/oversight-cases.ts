import { assertCan, visibleAgency, type Principal } from '../platform/auth/permissions.js';
import type { DbOrTx } from '../platform/db/index.js';
import { badRequest } from '../platform/errors.js';
import { correctionRequestDeadline } from '../rules/clock.js';
import { OUTCOMES, outcome, isOutcomeKey, type OutcomeGroup } from '../rules/outcomes.js';
import { loadCalendar } from './calendar.service.js';
import { CLOCK_STATES, OPEN_STATES } from './cases.store.js';
import { STATE_LABELS } from './cases.labels.js';
import type { Period } from './oversight-figures.js';
import type { CaseListItem } from './requests.api.js';

/** The cases behind the supervising office's figures (drill-down) and the assessment's evidence lists. */

export const CASE_FIGURES = [
  'received',
  'open',
  'overdue',
  'late',
  'extended',
  'correction_late',
  'closed',
  'appeal_corrected',
  'disclosed',
  'partly_disclosed',
  'withheld',
  'unable',
  'not_processed',
  'other',
] as const;
export type CaseFigure = (typeof CASE_FIGURES)[number];

/** A case behind a figure; the applicant masked (张*): the supervising office never sees applicants in clear. */
export interface OversightCaseRow
  extends Pick<
    CaseListItem,
    'id' | 'agencyId' | 'trackingCode' | 'applicant' | 'description' | 'state' | 'stateLabel' | 'receivedDate' | 'dueDate' | 'closedDate' | 'outcome'
  > {
  outcomeLabel: string | null;
  /** Why the case is behind this figure, as a sentence. */
  note: string;
}

/**
 * The cases behind one figure of one agency (drill-down), oldest due first, at most `limit`; with the total.
 * 'late' = closed in the period after the due date; 'overdue' = open now and past due.
 */
export async function casesBehindFigure(
  db: DbOrTx,
  p: Principal,
  agencyId: string,
  figure: CaseFigure,
  period: Period,
  today: string,
  limit = 200,
): Promise<{ total: number; rows: OversightCaseRow[] }> {
  assertCan(p, 'cases.read');
  if (!(CASE_FIGURES as readonly string[]).includes(figure)) throw badRequest('没有这项统计数据。');
  let q = db
    .selectFrom('cases')
    .where((eb) => visibleAgency(eb, 'cases.agency_id', p))
    .where('cases.agency_id', '=', agencyId);
  const inPeriod = (col: 'cases.received_date' | 'cases.closed_date') => (x: typeof q) => x.where(col, '>=', period.from).where(col, '<=', period.to);
  const groupOutcomes = (g: OutcomeGroup) => ['disclosed', 'partly_disclosed', 'withheld', 'unable', 'not_processed', 'other'].includes(g);
  let calendarCheck = false;
  switch (figure) {
    case 'received':
      q = inPeriod('cases.received_date')(q);
      break;
    case 'open':
      q = q.where('cases.state', 'in', OPEN_STATES);
      break;
    case 'overdue':
      q = q.where('cases.state', 'in', CLOCK_STATES).where('cases.due_date', '<', today);
      break;
    case 'late':
      q = inPeriod('cases.closed_date')(q).where('cases.due_date', 'is not', null).whereRef('cases.closed_date', '>', 'cases.due_date');
      break;
    case 'closed':
      q = inPeriod('cases.closed_date')(q);
      break;
    case 'extended':
      q = inPeriod('cases.received_date')(q).where((eb) =>
        eb.exists(
          eb.selectFrom('case_events').select('case_events.id').whereRef('case_events.case_id', '=', 'cases.id').where('case_events.type', '=', 'extended'),
        ),
      );
      break;
    case 'correction_late':
      q = inPeriod('cases.received_date')(q).where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_events')
            .select('case_events.id')
            .whereRef('case_events.case_id', '=', 'cases.id')
            .where('case_events.type', '=', 'correction_requested'),
        ),
      );
      calendarCheck = true;
      break;
    case 'appeal_corrected':
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('appeals')
            .select('appeals.id')
            .whereRef('appeals.case_id', '=', 'cases.id')
            .where('appeals.result', '=', 'corrected')
            .where('appeals.filed_date', '>=', period.from)
            .where('appeals.filed_date', '<=', period.to),
        ),
      );
      break;
    default:
      if (groupOutcomes(figure)) {
        const keys = OUTCOMES.filter((o) => o.group === figure).map((o) => o.key);
        q = inPeriod('cases.closed_date')(q).where('cases.outcome', 'in', keys);
      }
  }
  const select = q
    .select([
      'cases.id',
      'cases.agency_id',
      'cases.tracking_code',
      'cases.applicant_masked',
      'cases.description',
      'cases.state',
      'cases.received_date',
      'cases.due_date',
      'cases.closed_date',
      'cases.outcome',
    ])
    .orderBy('cases.due_date')
    .orderBy('cases.tracking_code');
  const calendar = await loadCalendar(db);
  let rows = calendarCheck ? await select.execute() : await select.limit(limit).execute();
  let correctionSent = new Map<string, string>();
  if (calendarCheck) {
    const ids = rows.map((r) => r.id);
    const evs = ids.length
      ? await db.selectFrom('case_events').select(['case_id', 'data']).where('type', '=', 'correction_requested').where('case_id', 'in', ids).execute()
      : [];
    correctionSent = new Map(evs.map((e) => [e.case_id, (JSON.parse(e.data) as { date: string }).date]));
    rows = rows.filter((r) => r.received_date && (correctionSent.get(r.id) ?? '') > correctionRequestDeadline(r.received_date, calendar));
  }
  const total = calendarCheck ? rows.length : Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const note = (r: (typeof rows)[number]): string => {
    switch (figure) {
      case 'overdue':
        return `答复期限${r.due_date}已过，至今未答复`;
      case 'late':
        return `应于${r.due_date}前答复，${r.closed_date}才办结`;
      case 'correction_late':
        return `${r.received_date}收到申请，${correctionSent.get(r.id)}才发出补正通知（应在${correctionRequestDeadline(r.received_date!, calendar)}前）`;
      case 'appeal_corrected':
        return '行政复议或行政诉讼结果为纠错';
      case 'extended':
        return '延长答复期限';
      default:
        return '';
    }
  };
  return {
    total,
    rows: rows.slice(0, limit).map((r) => ({
      id: r.id,
      agencyId: r.agency_id,
      trackingCode: r.tracking_code,
      applicant: r.applicant_masked,
      description: r.description.slice(0, 120),
      state: r.state,
      stateLabel: STATE_LABELS[r.state],
      receivedDate: r.received_date,
      dueDate: r.due_date,
      closedDate: r.closed_date,
      outcome: r.outcome,
      outcomeLabel: r.outcome && isOutcomeKey(r.outcome) ? outcome(r.outcome).short : null,
      note: note(r),
    })),
  };
}

/** Evidence lists for the assessment: every overdue reply, late correction notice and corrected appeal. */
export async function requestEvidence(db: DbOrTx, p: Principal, agencyId: string, period: Period, asOf: string) {
  const [late, overdue, corrections, appeals] = await Promise.all([
    casesBehindFigure(db, p, agencyId, 'late', period, asOf, 100_000),
    casesBehindFigure(db, p, agencyId, 'overdue', period, asOf, 100_000),
    casesBehindFigure(db, p, agencyId, 'correction_late', period, asOf, 100_000),
    db
      .selectFrom('appeals')
      .innerJoin('cases', 'cases.id', 'appeals.case_id')
      .where((eb) => visibleAgency(eb, 'appeals.agency_id', p))
      .where('appeals.agency_id', '=', agencyId)
      .where('appeals.result', '=', 'corrected')
      .where('appeals.filed_date', '>=', period.from)
      .where('appeals.filed_date', '<=', period.to)
      .select(['appeals.id', 'appeals.kind', 'appeals.filed_date', 'appeals.decided_date', 'appeals.body', 'cases.tracking_code'])
      .orderBy('appeals.filed_date')
      .orderBy('appeals.id')
      .execute(),
  ]);
  // A case still open and past due at the end of the period is overdue for that year too; cases received after the period do not count.
  const overdueAtEnd = overdue.rows.filter((r) => r.dueDate! <= period.to);
  const KIND: Record<string, string> = { reconsideration: '行政复议', litigation_direct: '行政诉讼', litigation_after_reconsideration: '复议后行政诉讼' };
  return {
    overdueReply: [...late.rows, ...overdueAtEnd].sort((a, b) => (a.trackingCode < b.trackingCode ? -1 : 1)),
    correctionLate: corrections.rows,
    appealCorrected: appeals.map((a) => ({
      id: a.id,
      trackingCode: a.tracking_code,
      note: `${KIND[a.kind] ?? a.kind}（${a.filed_date}提起${a.body ? `，${a.body}` : ''}）结果为纠错`,
    })),
  };
}

/**
 * The tracking code of a case of `agencyId` that the supervisor sees (for naming a 督办 on a case), or undefined
 * when there is no such case, it is another agency's, or it lies outside the supervisor's subtree.
 */
export async function caseTrackingCodeForOversight(db: DbOrTx, p: Principal, agencyId: string, caseId: string): Promise<string | undefined> {
  const c = await db
    .selectFrom('cases')
    .select('tracking_code')
    .where('id', '=', caseId)
    .where('agency_id', '=', agencyId)
    .where((eb) => visibleAgency(eb, 'cases.agency_id', p))
    .executeTakeFirst();
  return c?.tracking_code;
}
