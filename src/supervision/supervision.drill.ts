import type { Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { badRequest } from '../platform/errors.js';
import { todayInChina } from '../platform/time.js';
import { columnActivity, releasesInPeriod } from '../publishing/oversight.js';
import { reportStatusByAgency } from '../reports/oversight.js';
import { casesBehindFigure, type CaseFigure } from '../requests/oversight.js';
import { columnCycleDays } from '../rules/assessment/index.js';
import type { Finding } from '../rules/report/index.js';
import { DRILL_FIGURES, type DrillHead, type Period } from './supervision.api.js';
import { assertSupervisor, daysFrom, visibleAgencyOrThrow } from './supervision.core.js';
import { listOrders } from './supervision.orders.js';
import { getScheme } from './supervision.scheme.js';
import * as store from './supervision.store.js';

/** The records behind one figure of one agency: cases (applicants masked), releases, columns, report findings or 督办. */
export async function drillDown(ctx: AppContext, p: Principal, agencyId: string, figure: string, period: Period, today = todayInChina()) {
  assertSupervisor(p);
  const agency = await visibleAgencyOrThrow(ctx.db, p, agencyId);
  if (!(DRILL_FIGURES as readonly string[]).includes(figure)) throw badRequest('没有这项统计数据。');
  const head: DrillHead = { agencyId, agencyName: agency.name, figure, period };
  if (figure === 'releases' || figure === 'releases_late') {
    const rel = (await releasesInPeriod(ctx.db, p, period, today, agencyId)).filter((r) => (figure === 'releases' ? r.publishedOn : r.late));
    return { ...head, kind: 'items' as const, total: rel.length, rows: rel.slice(0, 200) };
  }
  if (figure === 'columns') {
    const { scheme } = await getScheme(ctx.db, p);
    const asOf = period.to < today ? period.to : today;
    const cols = (await columnActivity(ctx.db, p, asOf, agencyId)).map((c) => ({
      ...c,
      cycleDays: columnCycleDays(scheme, c.code),
      state: !c.lastPublishedOn ? 'blank' : daysFrom(c.lastPublishedOn, asOf) > columnCycleDays(scheme, c.code) ? 'stale' : 'ok',
    }));
    return { ...head, kind: 'columns' as const, total: cols.length, rows: cols };
  }
  if (figure === 'report') {
    const year = Number(period.to.slice(0, 4)) - 1;
    const rep = (await reportStatusByAgency(ctx.db, p, [agency], year, today)).get(agencyId)!;
    const collected = (await store.collectedOfYear(ctx.db, p, year)).find((c) => c.agency_id === agencyId && c.year === year);
    return {
      ...head,
      kind: 'report' as const,
      total: 1,
      rows: [
        {
          year,
          deadline: rep.deadline,
          status: rep.status,
          publishedOn: rep.publishedOn,
          late: rep.late,
          errors: rep.errors,
          collected: collected
            ? { filename: collected.filename, findings: JSON.parse(collected.findings) as Finding[], readError: collected.read_error }
            : null,
        },
      ],
    };
  }
  if (figure === 'orders') {
    const rows = await listOrders(ctx.db, p, { agencyId });
    return { ...head, kind: 'orders' as const, total: rows.length, rows };
  }
  const res = await casesBehindFigure(ctx.db, p, agencyId, figure as CaseFigure, period, today);
  return { ...head, kind: 'cases' as const, ...res };
}
