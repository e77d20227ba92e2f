import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/index.js';
import { visibleAgency, type Principal } from '../platform/auth/permissions.js';
import { isPostgres } from '../platform/db/dialect.js';
import type { CaseState, CaseTable } from './requests.tables.js';
import { CLOCK_STATES, OPEN_STATES } from './cases-ledger.store.js';

/** Kysely queries of the case lists: the filtered list and ledger, the workbench, lapsed and earlier cases. */

export interface CaseListFilter {
  state?: CaseState | 'open';
  assigneeId?: string;
  agencyId?: string;
  receivedFrom?: string;
  receivedTo?: string;
  dueBefore?: string;
  trackingCode?: string;
  applicantType?: string;
  outcome?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** The case list's filters, on the cases the principal may see (the list and the ledger share them). */
export function filteredCases(db: DbOrTx, p: Principal, f: Omit<CaseListFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('cases').where((eb) => visibleAgency(eb, 'cases.agency_id', p));
  if (f.state === 'open') q = q.where('cases.state', 'in', OPEN_STATES);
  else if (f.state) q = q.where('cases.state', '=', f.state);
  if (f.assigneeId) q = q.where('cases.assignee_id', '=', f.assigneeId);
  if (f.agencyId) q = q.where('cases.agency_id', '=', f.agencyId);
  if (f.receivedFrom) q = q.where('cases.received_date', '>=', f.receivedFrom);
  if (f.receivedTo) q = q.where('cases.received_date', '<=', f.receivedTo);
  if (f.dueBefore) q = q.where('cases.due_date', '<=', f.dueBefore);
  if (f.trackingCode) q = q.where('cases.tracking_code', '=', f.trackingCode.trim().toUpperCase());
  if (f.applicantType) q = q.where('cases.applicant_type', '=', f.applicantType as CaseTable['applicant_type']);
  if (f.outcome) q = q.where('cases.outcome', '=', f.outcome);
  if (f.q && f.q.replace(/[%_]/g, '').trim()) q = q.where('cases.description', 'like', `%${f.q.replace(/[%_]/g, '').trim()}%`);
  return q;
}

/**
 * The ledger's rows in batches (keyset on created_at, id — memory stays flat however many cases match):
 * the filtered cases with the clerk's name, oldest first.
 */
export async function ledgerBatch(
  db: DbOrTx,
  p: Principal,
  f: Omit<CaseListFilter, 'limit' | 'offset'>,
  after: { createdAt: string; id: string } | null,
  limit: number,
) {
  let q = filteredCases(db, p, f);
  if (after)
    q = q.where((eb) =>
      eb.or([eb('cases.created_at', '>', after.createdAt), eb.and([eb('cases.created_at', '=', after.createdAt), eb('cases.id', '>', after.id)])]),
    );
  return q
    .leftJoin('users', 'users.id', 'cases.assignee_id')
    .select([
      'cases.id',
      'cases.agency_id',
      'cases.tracking_code',
      'cases.channel',
      'cases.applicant_type',
      'cases.applicant_masked',
      'cases.applicant_enc',
      'cases.description',
      'cases.received_date',
      'cases.closed_date',
      'cases.outcome',
      'cases.state',
      'cases.form',
      'cases.delivery',
      'cases.created_at',
      'users.display_name as assignee_name',
      (eb) =>
        eb
          .exists(
            eb.selectFrom('case_events').select('case_events.id').whereRef('case_events.case_id', '=', 'cases.id').where('case_events.type', '=', 'extended'),
          )
          .as('extended'),
    ])
    .orderBy('cases.created_at')
    .orderBy('cases.id')
    .limit(limit)
    .execute();
}

/** Cases the principal may see, newest first, with the total for paging. */
export async function listCases(db: DbOrTx, p: Principal, f: CaseListFilter) {
  const q = filteredCases(db, p, f);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('users', 'users.id', 'cases.assignee_id')
    .innerJoin('agencies', 'agencies.id', 'cases.agency_id')
    .select([
      'cases.id',
      'cases.agency_id',
      'agencies.name as agency_name',
      'cases.tracking_code',
      'cases.channel',
      'cases.applicant_type',
      'cases.applicant_masked',
      'cases.description',
      'cases.received_date',
      'cases.closed_date',
      'cases.outcome',
      'cases.state',
      'cases.due_date',
      'cases.due_provisional',
      'cases.party_deadline',
      'cases.assignee_id',
      'users.display_name as assignee_name',
      'cases.version',
      'cases.created_at',
      'cases.flags',
    ])
    .orderBy('cases.created_at', 'desc')
    .orderBy('cases.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(total.n), rows };
}

export type WorkbenchBucket = 'overdue' | 'due_soon' | 'awaiting_correction' | 'consulting' | 'awaiting_fee' | 'awaiting_receipt';

const WORKBENCH_COLUMNS = [
  'cases.id',
  'cases.agency_id',
  'cases.tracking_code',
  'cases.applicant_masked',
  'cases.applicant_type',
  'cases.description',
  'cases.state',
  'cases.received_date',
  'cases.due_date',
  'cases.due_provisional',
  'cases.party_deadline',
  'cases.assignee_id',
  'cases.version',
  'cases.channel',
] as const;

/**
 * The workbench lists, each a bounded index range scan on (agency_id, state, due_date): overdue (due before
 * today), due soon (today through `soonUntil`, the 3rd working day), awaiting correction, consulting,
 * awaiting fee, awaiting receipt confirmation. `limit` rows per list.
 */
export async function workbenchLists(db: DbOrTx, p: Principal, today: string, soonUntil: string, limit: number, assigneeId?: string) {
  const base = () => {
    let q = db.selectFrom('cases').where((eb) => visibleAgency(eb, 'cases.agency_id', p));
    if (assigneeId) q = q.where('cases.assignee_id', '=', assigneeId);
    return q;
  };
  // Overdue and due-soon lists: one query per clock state (each an ordered index range that stops after
  // `limit` rows, no sort of all open cases), merged by due date.
  const byDue = async (range: (q: ReturnType<typeof base>) => ReturnType<typeof base>) => {
    // PostgreSQL does a top-N heap sort over the IN-list ranges itself: one round trip is cheaper there.
    if (isPostgres(db))
      return range(base().where('cases.state', 'in', CLOCK_STATES))
        .select(WORKBENCH_COLUMNS)
        .orderBy('cases.due_date')
        .limit(limit)
        .execute();
    const parts = await Promise.all(
      CLOCK_STATES.map((st) =>
        range(base().where('cases.state', '=', st))
          .select(WORKBENCH_COLUMNS)
          .orderBy('cases.due_date')
          .limit(limit)
          .execute(),
      ),
    );
    return parts
      .flat()
      .sort((a, b) => ((a.due_date ?? '') < (b.due_date ?? '') ? -1 : (a.due_date ?? '') > (b.due_date ?? '') ? 1 : 0))
      .slice(0, limit);
  };
  const [overdue, dueSoon, correction, consulting, fee, receipt] = await Promise.all([
    byDue((q) => q.where('cases.due_date', '<', today)),
    byDue((q) => q.where('cases.due_date', '>=', today).where('cases.due_date', '<=', soonUntil)),
    base().select(WORKBENCH_COLUMNS).where('cases.state', '=', 'awaiting_correction').orderBy('cases.party_deadline').limit(limit).execute(),
    base().select(WORKBENCH_COLUMNS).where('cases.state', '=', 'consulting').orderBy('cases.due_date').limit(limit).execute(),
    base().select(WORKBENCH_COLUMNS).where('cases.state', '=', 'awaiting_fee').orderBy('cases.party_deadline').limit(limit).execute(),
    base().select(WORKBENCH_COLUMNS).where('cases.state', '=', 'submitted').orderBy('cases.created_at').limit(limit).execute(),
  ]);
  return { overdue, dueSoon, correction, consulting, fee, receipt };
}

/**
 * Cases whose 7-working-day window for a correction request (条例第三十条) closes soon: received between
 * `from` and `to` (the dates whose 7th working day is today … the 2nd working day from now), still being
 * processed, and never asked for a correction.
 */
export async function correctionWindowClosing(db: DbOrTx, p: Principal, from: string, to: string, limit: number) {
  return db
    .selectFrom('cases')
    .select(WORKBENCH_COLUMNS)
    .where((eb) => visibleAgency(eb, 'cases.agency_id', p))
    .where('cases.state', 'in', ['received', 'in_progress'])
    .where('cases.received_date', '>=', from)
    .where('cases.received_date', '<=', to)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('case_events')
            .select('case_events.id')
            .whereRef('case_events.case_id', '=', 'cases.id')
            .where('case_events.type', 'in', ['correction_requested', 'corrected']),
        ),
      ),
    )
    .orderBy('cases.received_date')
    .limit(limit)
    .execute();
}

/**
 * Dashboard counts of open cases: by state, overdue, due soon and by clerk, in one pass over the open cases
 * (index-only on (state, agency_id, due_date, assignee_id)); clerks' names are looked up afterwards.
 */
export async function workbenchCounts(db: DbOrTx, p: Principal, today: string, soonUntil: string) {
  const clock = sql.join(CLOCK_STATES.map((s) => sql.lit(s)));
  const rows = await db
    .selectFrom('cases')
    .where('cases.state', 'in', OPEN_STATES)
    .where((eb) => visibleAgency(eb, 'cases.agency_id', p))
    .select([
      'cases.state',
      'cases.assignee_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(case when cases.state in (${clock}) and cases.due_date < ${today} then 1 else 0 end)`.as('overdue'),
      sql<number>`sum(case when cases.state in (${clock}) and cases.due_date >= ${today} and cases.due_date <= ${soonUntil} then 1 else 0 end)`.as('soon'),
    ])
    .groupBy(['cases.state', 'cases.assignee_id'])
    .execute();
  const byState: Record<string, number> = {};
  const clerks = new Map<string | null, { open: number; overdue: number }>();
  let overdue = 0;
  let dueSoon = 0;
  for (const r of rows) {
    const n = Number(r.n);
    byState[r.state] = (byState[r.state] ?? 0) + n;
    overdue += Number(r.overdue ?? 0);
    dueSoon += Number(r.soon ?? 0);
    const c = clerks.get(r.assignee_id) ?? { open: 0, overdue: 0 };
    c.open += n;
    c.overdue += Number(r.overdue ?? 0);
    clerks.set(r.assignee_id, c);
  }
  const ids = [...clerks.keys()].filter((x): x is string => !!x);
  const names = ids.length ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute() : [];
  const nameOf = new Map(names.map((u) => [u.id, u.display_name]));
  return {
    byState,
    overdue,
    dueSoon,
    byClerk: [...clerks.entries()]
      .map(([id, c]) => ({ assigneeId: id, name: id ? (nameOf.get(id) ?? '（已删除的用户）') : '未分配', open: c.open, overdue: c.overdue }))
      .sort((a, b) => b.overdue - a.overdue || b.open - a.open),
  };
}

/** Open cases whose applicant deadline (补正 / fee) lapsed before `today`: the lazy auto-close sweep. */
export async function lapsedCases(db: DbOrTx, today: string, agencyIds?: string[]) {
  let q = db
    .selectFrom('cases')
    .select(['id', 'agency_id', 'state', 'party_deadline', 'version'])
    .where('state', 'in', ['awaiting_correction', 'awaiting_fee'])
    .where('party_deadline', '<', today);
  if (agencyIds) q = q.where('agency_id', 'in', agencyIds.length ? agencyIds : ['-']);
  return q.limit(500).execute();
}

/**
 * The ordinal of a case among the same applicant's applications (blind index) to the agency in one calendar
 * month, ordered by received date then registration time: the basis of the per-application fee tier.
 */
export async function applicantOrdinalInMonth(
  db: DbOrTx,
  c: { agency_id: string; applicant_key: string; received_date: string; created_at: string },
): Promise<number> {
  const monthStart = `${c.received_date.slice(0, 7)}-01`;
  const r = await db
    .selectFrom('cases')
    .where('applicant_key', '=', c.applicant_key)
    .where('agency_id', '=', c.agency_id)
    .where('received_date', '>=', monthStart)
    .where((eb) =>
      eb.or([eb('received_date', '<', c.received_date), eb.and([eb('received_date', '=', c.received_date), eb('created_at', '<=', c.created_at)])]),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Earlier cases of the same applicant (by identity number or name) at the agency, newest first. */
export async function earlierCasesOf(db: DbOrTx, agencyId: string, applicantKey: string, nameKey: string, excludeId: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'tracking_code', 'description', 'doc_number_requested', 'state', 'outcome', 'received_date', 'closed_date', 'created_at'])
    .where('agency_id', '=', agencyId)
    .where((eb) => eb.or([eb('applicant_key', '=', applicantKey), eb('applicant_name_key', '=', nameKey)]))
    .where('id', '!=', excludeId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
}
