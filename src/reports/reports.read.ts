import type { Db } from '../platform/db/index.js';
import { assertCan, can, type Principal } from '../platform/auth/permissions.js';
import { todayInChina } from '../platform/time.js';
import { reportDeadline, daysBetween } from './reports.deadline.js';
import { parseNarrative } from './reports.narrative.js';
import type { ListReportsQuery, ReportDetail, ReportListItem, Validation } from './reports.api.js';
import * as store from './reports.store.js';
import { blockingReason, evaluate, loadVisible, nextStage, STAGE_LABELS, STATUS_LABELS } from './reports.core.js';

/** Reading annual reports for staff: the list, one report with its validation and review, the draft as a document. */

export async function listReports(db: Db, p: Principal, filter: ListReportsQuery = {}): Promise<ReportListItem[]> {
  assertCan(p, 'reports.read');
  const rows = await store.listReports(db, p, filter);
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    agencyCode: r.agency_code,
    year: r.year,
    scope: r.scope,
    format: r.format,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    revision: r.revision,
    publishedVersion: r.published_version,
    firstPublishedAt: r.first_published_at,
    lastPublishedAt: r.last_published_at,
    correcting: r.correction_note !== null,
    updatedAt: r.updated_at,
  }));
}

export async function getReport(db: Db, p: Principal, id: string, today = todayInChina()): Promise<ReportDetail> {
  const { row, agency } = await loadVisible(db, p, id);
  const ev = await evaluate(db, row, agency);
  const signoffs = await store.signoffsOf(db, row.id, row.revision);
  const versions = await store.versionsOf(db, row.id);
  const next = row.status === 'draft' ? nextStage(signoffs) : null;
  const deadline = reportDeadline(agency, row.scope, row.year);
  return {
    id: row.id,
    agencyId: row.agency_id,
    agencyName: agency.name,
    agencyCode: agency.code,
    year: row.year,
    scope: row.scope,
    format: row.format,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    revision: row.revision,
    computedAt: row.computed_at,
    signedDate: row.signed_date,
    correctionNote: row.correction_note,
    publishedVersion: row.published_version,
    deadline,
    daysLeft: daysBetween(today, deadline),
    tables: ev.report.tables,
    narrative: parseNarrative(row.narrative),
    preview: { preamble: ev.preamble, chapters: ev.chapters },
    validation: {
      findings: ev.findings,
      stale: ev.stale,
      errors: ev.errors,
      unacknowledgedWarnings: ev.unacknowledgedWarnings,
      blocking:
        row.status === 'published'
          ? ev.stale
            ? '申请台账在报告发布后发生了变化，已发布的报告不会自动改变；如需反映，请发起更正。'
            : null
          : blockingReason(ev),
    },
    review: {
      signoffs: signoffs.map((s) => ({ stage: s.stage, stageLabel: STAGE_LABELS[s.stage], userName: s.user_name, opinion: s.opinion, signedAt: s.signed_at })),
      nextStage: next,
      nextStageLabel: next ? STAGE_LABELS[next] : null,
      canSignOff: next !== null && p.role === next && can(p, 'reports.review') && p.agencyId === row.agency_id,
    },
    versions: versions.map((v) => ({
      version: v.version,
      publishedAt: v.published_at,
      publishedBy: v.published_by_name,
      note: v.note,
      signedDate: v.signed_date,
    })),
  };
}

/** Validation of the current draft (the same the sign-off enforces). */
export async function validateDraft(db: Db, p: Principal, id: string): Promise<Validation & { revision: number }> {
  const { row, agency } = await loadVisible(db, p, id);
  const ev = await evaluate(db, row, agency);
  return {
    revision: row.revision,
    findings: ev.findings,
    stale: ev.stale,
    errors: ev.errors,
    unacknowledgedWarnings: ev.unacknowledgedWarnings,
    blocking: blockingReason(ev),
  };
}

/** The draft as a document (staff preview and downloads before publication). */
export async function draftDocument(db: Db, p: Principal, id: string) {
  const { row, agency } = await loadVisible(db, p, id);
  const ev = await evaluate(db, row, agency);
  return {
    row,
    document: {
      report: ev.report,
      preamble: ev.preamble,
      chapters: ev.chapters,
      signedDate: row.signed_date ?? todayInChina(),
      correctionNote: row.correction_note,
      version: row.published_version + 1,
    },
  };
}
