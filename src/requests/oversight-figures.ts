import { sql } from 'kysely';
import { visibleAgency, assertCan, type Principal } from '../platform/auth/permissions.js';
import type { DbOrTx } from '../platform/db/index.js';
import { correctionRequestDeadline } from '../rules/clock.js';
import { outcome, isOutcomeKey, type OutcomeGroup } from '../rules/outcomes.js';
import { loadCalendar } from './calendar.service.js';
import { CLOCK_STATES, OPEN_STATES } from './cases.store.js';
import { emptyFigures, type Period, type RequestFigures } from './requests.answers.js';

/** The supervising office's per-agency figures of 依申请公开 for a period (see oversight.ts). */

export { emptyFigures, type Period, type RequestFigures } from './requests.answers.js';

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
