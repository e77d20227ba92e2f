import { SYSTEM_ACTOR } from '../platform/audit/audit.js';
import type { Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import type { JobDefinition } from '../platform/jobs/jobs.js';
import type { DbOrTx } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import type { Calendar } from '../rules/calendar/index.js';
import type { OutcomeKey } from '../rules/outcomes.js';
import { loadCalendar } from './calendar.service.js';
import { projectCase, toLedger } from './projection.js';
import { commit, load, nextDay } from './cases.core.js';
import * as store from './cases.store.js';

// ------------------------------------------------------------------------------------------ the sweep

/**
 * Closes cases whose applicant deadline lapsed: no correction by the deadline → `other_no_correction`
 * (条例第三十条); fee not paid within 20 working days → `other_fee_unpaid` (109号). Dated the day after the
 * deadline. Idempotent; run by the daily job `requests.close-lapsed` (and by tests).
 */
export async function sweepLapsed(ctx: AppContext, asOf = ctx.clock.today(), agencyIds?: string[]): Promise<number> {
  const lapsed = await store.lapsedCases(ctx.db, asOf, agencyIds);
  if (!lapsed.length) return 0;
  const calendar = await loadCalendar(ctx.db);
  let n = 0;
  for (const l of lapsed) {
    try {
      await ctx.db.transaction().execute(async (tx) => {
        const row = await store.findCaseById(tx, l.id);
        if (!row || row.version !== l.version) return;
        const c = await load(tx, row, calendar);
        const deadline = c.proj.partyDeadline;
        if (!deadline || deadline >= asOf) return;
        const key: OutcomeKey = c.proj.state === 'awaiting_correction' ? 'other_no_correction' : 'other_fee_unpaid';
        const reason =
          key === 'other_no_correction'
            ? `申请人无正当理由逾期（${deadline}）未补正，视为放弃申请（条例第三十条）。`
            : `申请人逾期（${deadline}）未缴纳信息处理费，视为放弃申请（国办函〔2020〕109号）。`;
        await commit(
          tx,
          c,
          { events: [{ type: 'closed', date: nextDay(deadline), outcome: key, reason, auto: true }], action: 'case.auto_closed', detail: { outcome: key } },
          SYSTEM_ACTOR,
          row.version,
        );
        n++;
      });
    } catch (err) {
      if (!(err instanceof AppError && err.status === 409)) throw err;
    }
  }
  return n;
}

/** The daily job that closes lapsed cases (GET requests never write; this job does it once, as the system). */
export const closeLapsedJob: JobDefinition = {
  name: 'requests.close-lapsed',
  title: '关闭申请人逾期未补正、逾期未缴纳信息处理费的申请（视为放弃申请）',
  schedule: { dailyAt: '00:05' },
  run: async (ctx) => {
    const n = await sweepLapsed(ctx, ctx.clock.today());
    return { changed: n, message: n ? `关闭了 ${n} 件逾期未补正或未缴费的申请。` : '没有逾期未补正或未缴费的申请。' };
  },
};

/** Recomputes the projection of every open case on a new calendar (after `calendar import`). */
export async function recomputeOpenCases(tx: DbOrTx, calendar: Calendar): Promise<number> {
  let n = 0;
  let after = '';
  for (;;) {
    const rows = await store.openCasesAfter(tx, after);
    if (!rows.length) break;
    for (const row of rows) {
      const proj = projectCase(toLedger(await store.loadEvents(tx, row.id)), calendar);
      const cols = store.projectionColumns(proj);
      if (cols.due_date !== row.due_date || cols.due_provisional !== row.due_provisional || cols.party_deadline !== row.party_deadline) {
        await store.setProjectionColumns(tx, row.id, cols);
        n++;
      }
      after = row.id;
    }
  }
  return n;
}

/** The open cases the principal can see whose due date (or 暂定 flag) would differ under `calendar` (nothing written). */
export async function deadlineMoves(db: DbOrTx, p: Principal, calendar: Calendar): Promise<import('./calendar.service.js').DeadlineMove[]> {
  const moves: import('./calendar.service.js').DeadlineMove[] = [];
  let after = '';
  for (;;) {
    const rows = await store.visibleOpenCasesAfter(db, p, after);
    if (!rows.length) break;
    for (const row of rows) {
      const cols = store.projectionColumns(projectCase(toLedger(await store.loadEvents(db, row.id)), calendar));
      if (cols.due_date !== row.due_date || cols.due_provisional !== row.due_provisional) {
        moves.push({
          id: row.id,
          trackingCode: row.tracking_code,
          agencyName: row.agency_name,
          dueBefore: row.due_date,
          dueAfter: cols.due_date ?? null,
          provisionalBefore: row.due_provisional === 1,
          provisionalAfter: cols.due_provisional === 1,
        });
      }
      after = row.id;
    }
  }
  return moves.sort((a, b) => (a.dueBefore ?? '').localeCompare(b.dueBefore ?? ''));
}
