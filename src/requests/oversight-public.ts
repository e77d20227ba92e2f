import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/index.js';
import { workingDaysBetween } from '../rules/clock.js';
import { outcome, isOutcomeKey, type OutcomeGroup } from '../rules/outcomes.js';
import { loadCalendar } from './calendar.service.js';
import { emptyFigures } from './oversight-figures.js';

const n = (v: unknown) => Number(v ?? 0);

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
