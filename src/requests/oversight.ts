import { sql } from 'kysely';
import { assertCan, visibleAgency, type Principal } from '../platform/auth/permissions.js';
import type { DbOrTx } from '../platform/db/index.js';
import { badRequest } from '../platform/errors.js';
import { correctionRequestDeadline, workingDaysBetween } from '../rules/clock.js';
import { OUTCOMES, outcome, isOutcomeKey, type OutcomeGroup } from '../rules/outcomes.js';
import { loadCalendar } from './calendar.service.js';
import { CLOCK_STATES, OPEN_STATES } from './cases.store.js';
import { STATE_LABELS } from './cases.labels.js';
import type { CaseState } from './requests.schema.js';

/**
 * The oversight queries of 依申请公开 for the supervising office (政务公开办): per-agency figures for a period
 * and the records behind each figure. Every query is scoped with `visibleAgency`; applicants appear only
 * masked. Called by the supervision capability (it never reads these tables itself).
 */

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

const emptyFigures = (): RequestFigures => ({
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

const n = (v: unknown) => Number(v ?? 0);

/**
 * A period cut into whole calendar months (read from `case_month_counts`) and the days at either end that do
 * not fill a month (read from the cases themselves). `months` is null when the period holds no whole month.
 */
export function splitPeriod(period: Period): { months: { from: string; to: string } | null; edges: Period[] } {
  const next = (d: string) => {
    const t = new Date(`${d}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + 1);
    return t.toISOString().slice(0, 10);
  };
  const prev = (d: string) => {
    const t = new Date(`${d}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() - 1);
    return t.toISOString().slice(0, 10);
  };
  if (period.from > period.to) return { months: null, edges: [] };
  // First day of the first whole month, and last day of the last whole month.
  let first = period.from.endsWith('-01') ? period.from : '';
  if (!first) {
    const [y, m] = period.from.split('-').map(Number) as [number, number];
    first = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  }
  const last = next(period.to).endsWith('-01') ? period.to : prev(`${period.to.slice(0, 7)}-01`);
  if (first > last) return { months: null, edges: [period] };
  const edges: Period[] = [];
  if (period.from < first) edges.push({ from: period.from, to: prev(first) });
  if (last < period.to) edges.push({ from: next(last), to: period.to });
  return { months: { from: first.slice(0, 7), to: last.slice(0, 7) }, edges };
}

/**
 * Figures per agency id (agencies without any record are absent: the caller fills zeros). Whole months come
 * from `case_month_counts` (kept exact by triggers), the days at the period's ends from the cases, so the
 * board over a province does not group every case of the year on each request.
 */
export async function requestFiguresByAgency(db: DbOrTx, p: Principal, period: Period, today: string, agencyId?: string): Promise<Map<string, RequestFigures>> {
  assertCan(p, 'cases.read');
  const out = new Map<string, RequestFigures>();
  const of = (id: string) => {
    let f = out.get(id);
    if (!f) out.set(id, (f = emptyFigures()));
    return f;
  };
  const cases = () => {
    let q = db.selectFrom('cases').where((eb) => visibleAgency(eb, 'cases.agency_id', p));
    if (agencyId) q = q.where('cases.agency_id', '=', agencyId);
    return q;
  };
  const clock = sql.join(CLOCK_STATES.map((s) => sql.lit(s)));
  const { months, edges } = splitPeriod(period);
  const [open, appeals, calendar, monthly, ...edgeFigures] = await Promise.all([
    cases()
      .where('cases.state', 'in', OPEN_STATES)
      .select([
        'cases.agency_id',
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`sum(case when cases.state in (${clock}) and cases.due_date < ${today} then 1 else 0 end)`.as('overdue'),
      ])
      .groupBy('cases.agency_id')
      .execute(),
    (() => {
      let q = db
        .selectFrom('appeals')
        .where((eb) => visibleAgency(eb, 'appeals.agency_id', p))
        .where('appeals.filed_date', '>=', period.from)
        .where('appeals.filed_date', '<=', period.to);
      if (agencyId) q = q.where('appeals.agency_id', '=', agencyId);
      return q
        .select(['appeals.agency_id', 'appeals.kind', 'appeals.result', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['appeals.agency_id', 'appeals.kind', 'appeals.result'])
        .execute();
    })(),
    loadCalendar(db),
    months
      ? (() => {
          let q = db
            .selectFrom('case_month_counts')
            .where('case_month_counts.month', '>=', months.from)
            .where('case_month_counts.month', '<=', months.to)
            .where((eb) => visibleAgency(eb, 'case_month_counts.agency_id', p));
          if (agencyId) q = q.where('case_month_counts.agency_id', '=', agencyId);
          return q
            .select(['case_month_counts.agency_id', 'case_month_counts.metric', (eb) => eb.fn.sum<number>('case_month_counts.n').as('n')])
            .groupBy(['case_month_counts.agency_id', 'case_month_counts.metric'])
            .execute();
        })()
      : Promise.resolve([]),
    ...edges.map((edge) =>
      Promise.all([
        cases()
          .where('cases.received_date', '>=', edge.from)
          .where('cases.received_date', '<=', edge.to)
          .select(['cases.agency_id', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('cases.agency_id')
          .execute(),
        cases()
          .where('cases.closed_date', '>=', edge.from)
          .where('cases.closed_date', '<=', edge.to)
          .select([
            'cases.agency_id',
            'cases.outcome',
            (eb) => eb.fn.countAll<number>().as('n'),
            sql<number>`sum(case when cases.due_date is not null and cases.closed_date > cases.due_date then 1 else 0 end)`.as('late'),
          ])
          .groupBy(['cases.agency_id', 'cases.outcome'])
          .execute(),
        cases()
          .innerJoin('case_events', 'case_events.case_id', 'cases.id')
          .where('case_events.type', '=', 'extended')
          .where('cases.received_date', '>=', edge.from)
          .where('cases.received_date', '<=', edge.to)
          .select(['cases.agency_id', sql<number>`count(distinct cases.id)`.as('n')])
          .groupBy('cases.agency_id')
          .execute(),
        cases()
          .innerJoin('case_events', 'case_events.case_id', 'cases.id')
          .where('case_events.type', '=', 'correction_requested')
          .where('cases.received_date', '>=', edge.from)
          .where('cases.received_date', '<=', edge.to)
          .select(['cases.agency_id', 'cases.received_date', 'case_events.data'])
          .execute(),
      ] as const),
    ),
  ]);
  const deadlines = new Map<string, string>();
  const correctionDeadline = (received: string) => {
    let d = deadlines.get(received);
    if (!d) deadlines.set(received, (d = correctionRequestDeadline(received, calendar)));
    return d;
  };
  const closedOf = (f: RequestFigures, outcomeKey: string | null, count: number) => {
    f.closed += count;
    if (outcomeKey && isOutcomeKey(outcomeKey)) f.outcomes[outcome(outcomeKey).group] += count;
  };
  for (const r of monthly) {
    const f = of(r.agency_id);
    const count = n(r.n);
    const m = r.metric;
    if (m === 'received') f.received += count;
    else if (m === 'late') f.closedLate += count;
    else if (m === 'extended') f.extended += count;
    else if (m.startsWith('closed:')) closedOf(f, m.slice(7) || null, count);
    else if (m.startsWith('corr:')) {
      const [, received, sent] = m.split(':') as [string, string, string];
      f.corrections += count;
      if (sent && sent <= correctionDeadline(received)) f.correctionsOnTime += count;
    }
  }
  for (const [received, closed, extended, corrections] of edgeFigures) {
    for (const r of received) of(r.agency_id).received += n(r.n);
    for (const r of closed) {
      const f = of(r.agency_id);
      closedOf(f, r.outcome, n(r.n));
      f.closedLate += n(r.late);
    }
    for (const r of extended) of(r.agency_id).extended += n(r.n);
    for (const r of corrections) {
      const f = of(r.agency_id);
      f.corrections++;
      const sent = (JSON.parse(r.data) as { date?: string }).date;
      if (r.received_date && sent && sent <= correctionDeadline(r.received_date)) f.correctionsOnTime++;
    }
  }
  for (const f of out.values()) f.closedOnTime = f.closed - f.closedLate;
  for (const r of open) {
    const f = of(r.agency_id);
    f.openNow = n(r.n);
    f.overdueNow = n(r.overdue);
  }
  for (const r of appeals) {
    const f = of(r.agency_id);
    if (r.kind === 'reconsideration') f.reconsiderations += n(r.n);
    else f.litigations += n(r.n);
    if (r.result === 'corrected') f.corrected += n(r.n);
  }
  return out;
}

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

export interface OversightCaseRow {
  id: string;
  agencyId: string;
  trackingCode: string;
  /** Masked (张*): the supervising office never sees applicants in clear. */
  applicant: string;
  description: string;
  state: CaseState;
  stateLabel: string;
  receivedDate: string | null;
  dueDate: string | null;
  closedDate: string | null;
  outcome: string | null;
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

export interface PublicYearStats {
  year: number;
  received: number;
  closed: number;
  outcomes: Record<OutcomeGroup, number>;
  /** Closed on or before the due date; null when unknown (figures taken from an annual report). */
  onTime: number | null;
  /** Median working days from receipt to reply (counting from the day after receipt); null when unknown. */
  medianWorkingDays: number | null;
  source: 'ledger' | 'report';
}

/**
 * Public statistics of a set of agencies for some years, from the ledger: applications received, closed by
 * outcome group, on time, and the median reply time in working days. Aggregates only (no personal data). The
 * median is exact: cases are grouped by (received, closed) date pairs — a few thousand a year at most, whatever
 * the number of cases — and each pair's working days are counted once on the calendar.
 */
export async function publicYearStats(db: DbOrTx, agencyIds: string[], years: number[]): Promise<PublicYearStats[]> {
  if (!agencyIds.length)
    return years.map((year) => ({
      year,
      received: 0,
      closed: 0,
      outcomes: emptyFigures().outcomes,
      onTime: 0,
      medianWorkingDays: null,
      source: 'ledger' as const,
    }));
  const calendar = await loadCalendar(db);
  const ids = agencyIds;
  return Promise.all(
    years.map(async (year) => {
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const [received, byOutcome, pairs] = await Promise.all([
        db
          .selectFrom('cases')
          .where('agency_id', 'in', ids)
          .where('received_date', '>=', from)
          .where('received_date', '<=', to)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('cases')
          .where('agency_id', 'in', ids)
          .where('closed_date', '>=', from)
          .where('closed_date', '<=', to)
          .select([
            'outcome',
            (eb) => eb.fn.countAll<number>().as('n'),
            sql<number>`sum(case when due_date is not null and closed_date > due_date then 1 else 0 end)`.as('late'),
          ])
          .groupBy('outcome')
          .execute(),
        db
          .selectFrom('cases')
          .where('agency_id', 'in', ids)
          .where('closed_date', '>=', from)
          .where('closed_date', '<=', to)
          .where('received_date', 'is not', null)
          .select(['received_date', 'closed_date', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy(['received_date', 'closed_date'])
          .execute(),
      ]);
      const outcomes = emptyFigures().outcomes;
      let closed = 0;
      let late = 0;
      for (const r of byOutcome) {
        closed += n(r.n);
        late += n(r.late);
        if (r.outcome && isOutcomeKey(r.outcome)) outcomes[outcome(r.outcome).group] += n(r.n);
      }
      const durations = pairs
        .map((p) => ({ days: Math.max(0, workingDaysBetween(p.received_date!, p.closed_date!, calendar)), n: n(p.n) }))
        .sort((a, b) => a.days - b.days);
      const total = durations.reduce((s, d) => s + d.n, 0);
      let median: number | null = null;
      if (total) {
        // The lower and upper middle values (they differ only for an even count), averaged.
        const at = (k: number) => {
          let acc = 0;
          for (const d of durations) {
            acc += d.n;
            if (acc > k) return d.days;
          }
          return durations[durations.length - 1]!.days;
        };
        median = (at(Math.floor((total - 1) / 2)) + at(Math.floor(total / 2))) / 2;
      }
      return { year, received: n(received.n), closed, outcomes, onTime: closed - late, medianWorkingDays: median, source: 'ledger' as const };
    }),
  );
}
