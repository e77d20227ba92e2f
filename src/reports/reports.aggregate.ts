import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../platform/db/index.js';
import { isPostgres } from '../platform/db/dialect.js';
import { isOutcomeKey } from '../rules/outcomes.js';
import type { ReportScope } from './reports.api.js';
import { APPLICANT_TYPES, type AppealCount, type ApplicantType, type RequestCount } from '../rules/report/index.js';

/**
 * The annual report's counts, read from the application ledger with ONE grouped query per table, so that a
 * city of 100 agencies and a million cases builds in well under two seconds on either engine.
 *
 * Counting (条例第五十条; report-data.md):
 *  - new: received in the year (cases whose received date is not yet confirmed, null, are not counted);
 *  - carried_in (上年结转): received before 1 January and not closed before 1 January;
 *  - closed: one outcome row per case closed in the year, in its applicant column;
 *  - carried_out (结转下年度): received by 31 December and not closed by 31 December.
 * Appeals (表四): those filed in the year, with their result as of 31 December — a case decided after
 * 31 December, or not yet decided, counts as 尚未审结 (pending). The same rule next year would count it
 * again only if it were filed again, so a figure once published never needs to move.
 */

export type { ReportScope };

export interface ScopeRef {
  agencyId: string;
  /** The agency's materialised path (for subtree scope). */
  agencyPath: string;
  scope: ReportScope;
}

function agencyFilter(ref: ScopeRef): RawBuilder<unknown> {
  return ref.scope === 'subtree' ? sql`agency_id in (select id from agencies where path like ${`${ref.agencyPath}%`})` : sql`agency_id = ${ref.agencyId}`;
}

const yearBounds = (year: number) => ({ start: `${year}-01-01`, end: `${year}-12-31` });

interface RequestAggRow {
  applicant_type: string;
  outcome: string | null;
  new_count: number | string | null;
  carried_in: number | string | null;
  closed: number | string | null;
  carried_out: number | string | null;
}

const num = (v: number | string | null | undefined) => Number(v ?? 0);

/**
 * Table 3 counts for a scope and year: one query grouped by applicant type and outcome. Rows whose applicant
 * type or outcome is not one the report knows are returned in `unknown` (the caller reports them; they are
 * never silently dropped into another row).
 */
export async function countRequests(
  db: DbOrTx,
  ref: ScopeRef,
  year: number,
): Promise<{ counts: RequestCount[]; unknown: { applicant: string; outcome: string | null; count: number }[] }> {
  const { start, end } = yearBounds(year);
  // Three index range reads (received in the year; received earlier and closed on or after 1 January; received
  // earlier and still open), each aggregated, then summed. The work is bounded by the cases of the year and
  // those closed since, however many years of history the ledger holds. SQLite is told to read the covering
  // indexes (its planner may otherwise prefer the narrower (agency_id, received_date) index and visit every row).
  const scope = agencyFilter(ref);
  const sqlite = !isPostgres(db);
  const byReceived = sqlite ? sql`indexed by cases_report_received` : sql``;
  const byClosed = sqlite ? sql`indexed by cases_report_closed` : sql``;
  const closedInYear = sql`sum(case when closed_date <= ${end} then 1 else 0 end)`;
  const openAtEnd = sql`sum(case when closed_date is null or closed_date > ${end} then 1 else 0 end)`;
  const res = await sql<RequestAggRow>`
    select applicant_type, outcome, sum(n_new) as new_count, sum(n_in) as carried_in, sum(n_closed) as closed, sum(n_out) as carried_out
    from (
      select applicant_type, outcome, count(*) as n_new, 0 as n_in, ${closedInYear} as n_closed, ${openAtEnd} as n_out
        from cases ${byReceived}
        where ${scope} and received_date >= ${start} and received_date <= ${end}
        group by applicant_type, outcome
      union all
      select applicant_type, outcome, 0, count(*), ${closedInYear}, ${openAtEnd}
        from cases ${byClosed}
        where ${scope} and closed_date >= ${start} and received_date < ${start}
        group by applicant_type, outcome
      union all
      select applicant_type, outcome, 0, count(*), 0, count(*)
        from cases ${byClosed}
        where ${scope} and closed_date is null and received_date < ${start}
        group by applicant_type, outcome
    ) parts
    group by applicant_type, outcome`.execute(db);
  const counts: RequestCount[] = [];
  const unknown: { applicant: string; outcome: string | null; count: number }[] = [];
  for (const r of res.rows) {
    const total = num(r.new_count) + num(r.carried_in);
    if (!(APPLICANT_TYPES as readonly string[]).includes(r.applicant_type)) {
      unknown.push({ applicant: r.applicant_type, outcome: r.outcome, count: total });
      continue;
    }
    const applicant = r.applicant_type as ApplicantType;
    if (num(r.new_count)) counts.push({ applicant, kind: 'new', count: num(r.new_count) });
    if (num(r.carried_in)) counts.push({ applicant, kind: 'carried_in', count: num(r.carried_in) });
    if (num(r.carried_out)) counts.push({ applicant, kind: 'carried_out', count: num(r.carried_out) });
    if (num(r.closed)) {
      if (isOutcomeKey(r.outcome)) counts.push({ applicant, kind: 'closed', outcome: r.outcome, count: num(r.closed) });
      else unknown.push({ applicant: r.applicant_type, outcome: r.outcome, count: num(r.closed) });
    }
  }
  return { counts, unknown };
}

interface AppealAggRow {
  kind: string;
  result: string;
  n: number | string;
}

const APPEAL_KINDS = ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] as const;
const APPEAL_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;

/** Table 4 counts for a scope and year: appeals filed in the year, grouped by kind and result as of 31 December. */
export async function countAppeals(db: DbOrTx, ref: ScopeRef, year: number): Promise<AppealCount[]> {
  const { start, end } = yearBounds(year);
  const res = await sql<AppealAggRow>`
    select kind,
      case when result is null or result = 'pending' or decided_date is null or decided_date > ${end} then 'pending' else result end as result,
      count(*) as n
    from appeals
    where ${agencyFilter(ref)} and filed_date >= ${start} and filed_date <= ${end}
    group by 1, 2`.execute(db);
  const out: AppealCount[] = [];
  for (const r of res.rows) {
    if (!(APPEAL_KINDS as readonly string[]).includes(r.kind)) continue;
    const result = (APPEAL_RESULTS as readonly string[]).includes(r.result) ? (r.result as AppealCount['result']) : 'other';
    out.push({ group: r.kind as AppealCount['group'], result, count: num(r.n) });
  }
  return out;
}
