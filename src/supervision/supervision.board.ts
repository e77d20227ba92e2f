import type { Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import type { Agency } from '../platform/org/agencies.service.js';
import { todayInChina } from '../platform/time.js';
import { columnActivity, releasesInPeriod } from '../publishing/oversight.js';
import { reportStatusByAgency } from '../reports/oversight.js';
import { requestFiguresByAgency } from '../requests/oversight.js';
import { columnCycleDays, type Fingerprint } from '../rules/assessment/index.js';
import { spanText } from '../rules/citations.js';
import type { Finding } from '../rules/report/index.js';
import type { Board, BoardRow, Period, Trends, TrendYear } from './supervision.api.js';
import { assertSupervisor, daysFrom, emptyRequests, guideGaps, rate, subtree, visibleAgencyOrThrow } from './supervision.core.js';
import { getScheme } from './supervision.scheme.js';
import { collectedFingerprint, similarityOf } from './supervision.similarity.js';
import * as store from './supervision.store.js';

/** The oversight board over the office's subtree (one row per agency, flagged where it needs attention) and the yearly trends. */

/** The board: one row per agency of the subtree, for a period (`today` fixes "now" for open/overdue). */
export async function board(ctx: AppContext, p: Principal, period: Period, today = todayInChina()): Promise<Board> {
  assertSupervisor(p);
  const { db } = ctx;
  const agencies = await subtree(db, p);
  const { scheme } = await getScheme(db, p);
  const reportYear = Number(period.to.slice(0, 4)) - 1;
  const [requests, releases, columns, reports, orders, collected] = await Promise.all([
    requestFiguresByAgency(db, p, period, today),
    releasesInPeriod(db, p, period, today),
    columnActivity(db, p, period.to < today ? period.to : today),
    reportStatusByAgency(db, p, agencies, reportYear, today),
    store.orderCounts(db, p, today),
    store.collectedOfYear(db, p, reportYear),
  ]);
  const asOf = period.to < today ? period.to : today;
  const releaseBy = new Map<string, { n: number; late: number }>();
  for (const r of releases) {
    const c = releaseBy.get(r.agencyId) ?? { n: 0, late: 0 };
    if (r.publishedOn) c.n++;
    if (r.late) c.late++;
    releaseBy.set(r.agencyId, c);
  }
  const columnBy = new Map<string, { n: number; blank: number; stale: number }>();
  for (const c of columns) {
    const x = columnBy.get(c.agencyId) ?? { n: 0, blank: 0, stale: 0 };
    x.n++;
    if (!c.lastPublishedOn) x.blank++;
    else if (daysFrom(c.lastPublishedOn, asOf) > columnCycleDays(scheme, c.code)) x.stale++;
    columnBy.set(c.agencyId, x);
  }
  const collectedBy = new Map(collected.filter((c) => c.year === reportYear).map((c) => [c.agency_id, c]));
  const collectedPrev = new Map(collected.filter((c) => c.year === reportYear - 1).map((c) => [c.agency_id, c]));
  const fingerprintOf = (id: string) => reports.get(id)?.fingerprint ?? collectedFingerprint(collectedBy.get(id));
  const byParent = new Map<string, { agency: Agency; fingerprint: Fingerprint }[]>();
  for (const a of agencies) {
    const fp = fingerprintOf(a.id);
    if (fp && a.parent_id) {
      const list = byParent.get(a.parent_id);
      if (list) list.push({ agency: a, fingerprint: fp });
      else byParent.set(a.parent_id, [{ agency: a, fingerprint: fp }]);
    }
  }
  const depth0 = p.agencyPath.split('/').filter(Boolean).length;
  const rows: BoardRow[] = agencies.map((a) => {
    const f = requests.get(a.id) ?? emptyRequests();
    const rel = releaseBy.get(a.id) ?? { n: 0, late: 0 };
    const col = columnBy.get(a.id) ?? { n: 0, blank: 0, stale: 0 };
    const rep = reports.get(a.id)!;
    const col2 = collectedBy.get(a.id);
    const collectedFindings = col2 ? (JSON.parse(col2.findings) as Finding[]) : [];
    const sim = similarityOf(
      a,
      fingerprintOf(a.id),
      rep.previousFingerprint ?? collectedFingerprint(collectedPrev.get(a.id)),
      a.parent_id ? (byParent.get(a.parent_id) ?? []) : [],
      scheme.similarityThreshold,
    );
    const ord = orders.get(a.id) ?? { open: 0, overdue: 0, answered: 0 };
    const published = rep.publishedOn !== null || !!col2;
    const flags: string[] = [];
    if (f.overdueNow) flags.push(`${f.overdueNow}件申请超期未答复`);
    if (f.closedLate) flags.push(`${f.closedLate}件申请逾期答复`);
    if (f.corrected) flags.push(`${f.corrected}件复议诉讼被纠错`);
    if (rel.late) flags.push(`${rel.late}条信息超过${spanText('proactive')}公开`);
    if (!published && today > rep.deadline) flags.push(`${reportYear}年度报告未公布`);
    else if (rep.late && rep.publishedOn) flags.push(`${reportYear}年度报告逾期公布`);
    if (rep.errors.length) flags.push(`年度报告${rep.errors.length}处错误`);
    if (sim?.flagged) flags.push('年度报告雷同');
    if (ord.overdue) flags.push(`${ord.overdue}件督办逾期`);
    const closed = f.closed;
    return {
      agencyId: a.id,
      agencyName: a.name,
      parentId: a.parent_id,
      depth: a.path.split('/').filter(Boolean).length - depth0,
      kind: a.kind,
      requests: f,
      onTimeRate: rate(f.closedOnTime, closed),
      extensionRate: rate(f.extended, f.received),
      correctionsOnTimeRate: rate(f.correctionsOnTime, f.corrections),
      outcomeShares: Object.fromEntries(Object.entries(f.outcomes).map(([k, v]) => [k, rate(v, closed)])),
      releases: rel.n,
      releasesLate: rel.late,
      releasesOnTimeRate: rate(rel.n - releases.filter((r) => r.agencyId === a.id && r.late && r.publishedOn).length, rel.n),
      columns: col.n,
      columnsBlank: col.blank,
      columnsStale: col.stale,
      guideGaps: guideGaps(a),
      report: {
        year: reportYear,
        deadline: rep.deadline,
        status: rep.status ?? (col2 ? 'collected' : null),
        publishedOn: rep.publishedOn,
        late: rep.late && !col2,
        errors: rep.errors.length + collectedFindings.filter((x) => x.severity === 'error').length,
        collected: col2
          ? {
              filename: col2.filename,
              findings: collectedFindings.length,
              errors: collectedFindings.filter((x) => x.severity === 'error').length,
              readError: col2.read_error,
            }
          : null,
        similarity: sim,
      },
      orders: ord,
      flags,
    };
  });
  return { period, today, reportYear, rows };
}

/** Yearly figures of the subtree (or one agency) for the trend charts: `years` years ending with the period's. */
export async function trends(
  ctx: AppContext,
  p: Principal,
  opts: { agencyId?: string; lastYear: number; years?: number },
  today = todayInChina(),
): Promise<Trends> {
  assertSupervisor(p);
  if (opts.agencyId) await visibleAgencyOrThrow(ctx.db, p, opts.agencyId);
  const years = Math.min(Math.max(opts.years ?? 5, 1), 10);
  const out: TrendYear[] = [];
  for (let y = opts.lastYear - years + 1; y <= opts.lastYear; y++) {
    const period = { from: `${y}-01-01`, to: `${y}-12-31` };
    const [figures, releases] = await Promise.all([
      requestFiguresByAgency(ctx.db, p, period, today, opts.agencyId),
      releasesInPeriod(ctx.db, p, period, today, opts.agencyId),
    ]);
    const sum = emptyRequests();
    for (const f of figures.values()) {
      sum.received += f.received;
      sum.closed += f.closed;
      sum.closedLate += f.closedLate;
      sum.closedOnTime += f.closedOnTime;
      sum.corrected += f.corrected;
      sum.reconsiderations += f.reconsiderations;
      sum.litigations += f.litigations;
      sum.extended += f.extended;
    }
    out.push({
      year: y,
      received: sum.received,
      closed: sum.closed,
      closedLate: sum.closedLate,
      onTimeRate: rate(sum.closedOnTime, sum.closed),
      extended: sum.extended,
      appeals: sum.reconsiderations + sum.litigations,
      corrected: sum.corrected,
      releases: releases.filter((r) => r.publishedOn).length,
      releasesLate: releases.filter((r) => r.late).length,
    });
  }
  return { agencyId: opts.agencyId ?? null, years: out };
}
