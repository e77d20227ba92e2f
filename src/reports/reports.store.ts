import type { DbOrTx } from '../platform/db/index.js';
import type { Principal } from '../platform/auth/permissions.js';
import { visibleAgency } from '../platform/auth/permissions.js';
import type { ReportStatus, ReviewStage } from './reports.api.js';

/** Kysely queries of the annual reports: drafts, published versions, sign-offs, acknowledged warnings. */

export type { ReportStatus, ReviewStage };

export interface AnnualReportTable {
  id: string;
  agency_id: string;
  year: number;
  scope: 'agency' | 'subtree';
  format: '2019' | '2021';
  /** draft: editable; approved: the whole review chain signed this revision; published: frozen until a correction starts. */
  status: ReportStatus;
  /** Bumped on every change of tables or text: sign-offs are for one revision. */
  revision: number;
  /** JSON ReportTables. */
  tables: string;
  /** JSON Record<ChapterKey, string>: the chapter templates with {{placeholders}}. */
  narrative: string;
  /** 成文日期 printed under the signature (YYYY-MM-DD); the publication date when null. */
  signed_date: string | null;
  computed_at: string;
  /** While a published report is being corrected: the note the next version will show. */
  correction_note: string | null;
  published_version: number;
  first_published_at: string | null;
  last_published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AnnualReportVersionTable {
  id: string;
  report_id: string;
  agency_id: string;
  year: number;
  version: number;
  format: '2019' | '2021';
  revision: number;
  /** JSON: the report-data.md object (agency, year, format, tables, findings). */
  data: string;
  /** JSON: the six chapters as published, placeholders already bound: [{key, title, text}]. */
  chapters: string;
  /** JSON: the sign-offs of the published revision. */
  signoffs: string;
  /** JSON: the warnings acknowledged, with who acknowledged them. */
  acknowledgements: string;
  signed_date: string;
  /** The correction note (更正说明), null for the first version. */
  note: string | null;
  published_at: string;
  published_by_id: string | null;
  published_by_name: string;
}

export interface AnnualReportSignoffTable {
  id: string;
  report_id: string;
  agency_id: string;
  revision: number;
  stage: ReviewStage;
  user_id: string;
  user_name: string;
  opinion: string;
  signed_at: string;
}

export interface AnnualReportAckTable {
  id: string;
  report_id: string;
  agency_id: string;
  /** rule|where|message: the same warning after a recompute stays acknowledged, a changed one does not. */
  finding_key: string;
  rule: string;
  message: string;
  note: string;
  user_id: string;
  user_name: string;
  acked_at: string;
}

declare module '../platform/db/tables.js' {
  interface Database {
    annual_reports: AnnualReportTable;
    annual_report_versions: AnnualReportVersionTable;
    annual_report_signoffs: AnnualReportSignoffTable;
    annual_report_acks: AnnualReportAckTable;
  }
}

export type AnnualReportRow = AnnualReportTable;
export type AnnualReportVersionRow = AnnualReportVersionTable;

/** A report the principal may see, by id (undefined when it does not exist or is out of scope). */
export function findReport(db: DbOrTx, p: Principal, id: string) {
  return db
    .selectFrom('annual_reports')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => visibleAgency(eb, 'annual_reports.agency_id', p))
    .executeTakeFirst();
}

export function findReportByAgencyYear(db: DbOrTx, agencyId: string, year: number) {
  return db.selectFrom('annual_reports').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
}

/** Reports the principal may see, newest year first, with their agency's name. */
export function listReports(db: DbOrTx, p: Principal, filter: { year?: number; agencyId?: string } = {}) {
  let q = db
    .selectFrom('annual_reports')
    .innerJoin('agencies', 'agencies.id', 'annual_reports.agency_id')
    .select([
      'annual_reports.id',
      'annual_reports.agency_id',
      'agencies.name as agency_name',
      'agencies.code as agency_code',
      'annual_reports.year',
      'annual_reports.scope',
      'annual_reports.format',
      'annual_reports.status',
      'annual_reports.revision',
      'annual_reports.published_version',
      'annual_reports.first_published_at',
      'annual_reports.last_published_at',
      'annual_reports.correction_note',
      'annual_reports.updated_at',
    ])
    .where((eb) => visibleAgency(eb, 'annual_reports.agency_id', p));
  if (filter.year !== undefined) q = q.where('annual_reports.year', '=', filter.year);
  if (filter.agencyId !== undefined) q = q.where('annual_reports.agency_id', '=', filter.agencyId);
  return q.orderBy('annual_reports.year', 'desc').orderBy('agencies.path').execute();
}

export function signoffsOf(db: DbOrTx, reportId: string, revision: number) {
  return db.selectFrom('annual_report_signoffs').selectAll().where('report_id', '=', reportId).where('revision', '=', revision).orderBy('signed_at').execute();
}

export function acksOf(db: DbOrTx, reportId: string) {
  return db.selectFrom('annual_report_acks').selectAll().where('report_id', '=', reportId).execute();
}

export function versionsOf(db: DbOrTx, reportId: string) {
  return db.selectFrom('annual_report_versions').selectAll().where('report_id', '=', reportId).orderBy('version').execute();
}

/** Published versions of one agency (the public portal: no principal, published data only). */
export function publishedVersionsOfAgency(db: DbOrTx, agencyId: string) {
  return db
    .selectFrom('annual_report_versions')
    .select(['id', 'report_id', 'year', 'version', 'format', 'note', 'published_at', 'signed_date'])
    .where('agency_id', '=', agencyId)
    .orderBy('year', 'desc')
    .orderBy('version', 'desc')
    .execute();
}

export function publishedVersion(db: DbOrTx, agencyId: string, year: number, version?: number) {
  let q = db.selectFrom('annual_report_versions').selectAll().where('agency_id', '=', agencyId).where('year', '=', year);
  q = version !== undefined ? q.where('version', '=', version) : q.orderBy('version', 'desc').limit(1);
  return q.executeTakeFirst();
}
