import type { Db } from '../platform/db/index.js';
import { assertCan, seesSubtree, type Principal } from '../platform/auth/permissions.js';
import { forbidden } from '../platform/errors.js';
import { todayInChina } from '../platform/time.js';
import { defaultScope } from './reports.compute.js';
import { reportDeadline, daysBetween } from './reports.deadline.js';
import type { Deadline, PublicationSummary } from './reports.api.js';
import * as store from './reports.store.js';
import { agencyOrThrow, STATUS_LABELS } from './reports.core.js';

/** Deadlines and supervision (条例第四十九条): the console's countdown and the supervising office's summary. */

/** The console's countdown: from 1 January, the days left to publish last year's report (条例第四十九条). */
export async function deadlineFor(db: Db, p: Principal, today = todayInChina()): Promise<Deadline> {
  assertCan(p, 'reports.read');
  const agency = await agencyOrThrow(db, p.agencyId);
  const scope = defaultScope(agency);
  const thisYear = Number(today.slice(0, 4));
  // Until this year's deadline passes, the report due is last year's; afterwards the next one.
  let reportYear = thisYear - 1;
  if (today > reportDeadline(agency, scope, reportYear)) reportYear = thisYear;
  const deadline = reportDeadline(agency, scope, reportYear);
  const row = await store.findReportByAgencyYear(db, agency.id, reportYear);
  const previous = await store.findReportByAgencyYear(db, agency.id, reportYear - 1);
  const opensOn = `${reportYear + 1}-01-01`;
  return {
    agencyName: agency.name,
    today,
    reportYear,
    opensOn,
    deadline,
    daysLeft: daysBetween(today, deadline),
    countingDown: today >= opensOn,
    status: row?.status ?? null,
    published: !!row?.first_published_at,
    reportId: row?.id ?? null,
    previousYearPublished: !!previous?.first_published_at,
  };
}

/** For a supervising office: every agency of its subtree, whether its report for a year is published, and on time. */
export async function publicationSummary(db: Db, p: Principal, year: number, today = todayInChina()): Promise<PublicationSummary> {
  assertCan(p, 'reports.read');
  if (!seesSubtree(p)) throw forbidden('只有政务公开主管部门可以查看各机关年度报告的发布情况。');
  const agencies = await db.selectFrom('agencies').selectAll().where('path', 'like', `${p.agencyPath}%`).orderBy('path').execute();
  const reports = await store.listReports(db, p, { year });
  const byAgency = new Map(reports.map((r) => [r.agency_id, r]));
  const rows = agencies.map((a) => {
    const r = byAgency.get(a.id);
    const deadline = reportDeadline(a, defaultScope(a), year);
    const publishedOn = r?.first_published_at ? todayInChina(new Date(r.first_published_at)) : null;
    const late = publishedOn ? publishedOn > deadline : today > deadline;
    return {
      agencyId: a.id,
      agencyName: a.name,
      agencyCode: a.code,
      kind: a.kind,
      deadline,
      reportId: r?.id ?? null,
      status: r?.status ?? null,
      statusLabel: r ? STATUS_LABELS[r.status] : '未编制',
      publishedOn,
      versions: r?.published_version ?? 0,
      onTime: publishedOn !== null && !late,
      late,
      daysLate: late ? daysBetween(deadline, publishedOn ?? today) : 0,
    };
  });
  return {
    year,
    today,
    agencies: rows,
    totals: {
      agencies: rows.length,
      published: rows.filter((r) => r.publishedOn).length,
      onTime: rows.filter((r) => r.onTime).length,
      late: rows.filter((r) => r.late).length,
    },
  };
}
