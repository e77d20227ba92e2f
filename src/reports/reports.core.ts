import type { Db, DbOrTx } from '../platform/db/index.js';
import { recordAudit } from '../platform/audit/audit.js';
import { canonicalJson } from '../platform/crypto.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, type Principal } from '../platform/auth/permissions.js';
import { conflict, forbidden, notFound } from '../platform/errors.js';
import { getAgency, type Agency } from '../platform/org/agencies.service.js';
import { nowIso } from '../platform/time.js';
import { CHAPTERS, validateReport, type Finding, type Report, type ReportTables } from '../rules/report/index.js';
import { computeReport } from './reports.compute.js';
import { bindAll, parseNarrative } from './reports.narrative.js';
import type { ReportChapter, ViewFinding } from './reports.api.js';
import { extractProse } from './check/prose.js';
import * as store from './reports.store.js';
import type { AnnualReportRow, ReviewStage } from './reports.store.js';

/**
 * What the annual report's use cases share (条例第四十九条、第五十条): the labels of the review chain, the
 * evaluation of a draft against every rule, what blocks sign-off, loading a report for reading or writing, and
 * saving a new revision (which voids the sign-offs of the old one).
 */

export const REVIEW_STAGES: readonly ReviewStage[] = ['office_head', 'deputy_leader', 'principal'];
export const STAGE_LABELS: Record<ReviewStage, string> = { office_head: '办公室主任审核', deputy_leader: '分管领导审核', principal: '主要负责人签发' };
export const STATUS_LABELS: Record<store.ReportStatus, string> = { draft: '草稿', approved: '已签发待发布', published: '已发布' };

export type { ViewFinding };

export interface Evaluation {
  report: Report;
  preamble: string;
  chapters: ReportChapter[];
  findings: ViewFinding[];
  /** The ledger changed since the tables were computed: recompute before sign-off. */
  stale: boolean;
  errors: number;
  unacknowledgedWarnings: number;
}

export const findingKey = (f: Pick<Finding, 'rule' | 'where' | 'message'>) => `${f.rule}|${f.where}|${f.message}`;

export const MAX_TEXT = 20_000;

/** Runs `fn` in a transaction, or inside the caller's one (the demo seeder runs everything in one transaction). */
export function inTransaction<T>(db: DbOrTx, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : (db as Db).transaction().execute(fn);
}

export function parseTables(json: string): ReportTables {
  return JSON.parse(json) as ReportTables;
}

export const reportOf = (row: AnnualReportRow, agencyName: string): Report => ({
  agency: agencyName,
  year: row.year,
  format: row.format,
  tables: parseTables(row.tables),
  findings: [],
});

export async function agencyOrThrow(db: DbOrTx, id: string): Promise<Agency> {
  const a = await getAgency(db, id);
  if (!a) throw notFound('未找到该机关。');
  return a;
}

/** Last year's published report of the same agency, for the carry-over check (上年结转 = 上年结转下年度). */
async function previousReport(db: DbOrTx, agencyId: string, year: number): Promise<Report | undefined> {
  const v = await store.publishedVersion(db, agencyId, year - 1);
  return v ? (JSON.parse(v.data) as Report) : undefined;
}

/** The running text of a report (preamble and chapters), for reading back the figures it states. */
export const proseOf = (b: { preamble: string; chapters: ReportChapter[] }) => [b.preamble, ...b.chapters.flatMap((c) => [c.title, c.text])].join('\n');

/** Validates a draft against every rule: the tables, the text, last year's report, and the ledger (staleness). */
export async function evaluate(db: DbOrTx, row: AnnualReportRow, agency: Agency): Promise<Evaluation> {
  const report = reportOf(row, agency.name);
  const fresh = await computeReport(db, agency, row.year, row.scope, row.format);
  const stale = canonicalJson(fresh.report.tables) !== canonicalJson(report.tables);
  const bound = bindAll(parseNarrative(row.narrative), report);
  const previous = await previousReport(db, row.agency_id, row.year);
  const raw: Finding[] = [
    // The bound text is read back like any published report's: a figure typed by hand that contradicts a table is an error.
    ...validateReport(report, { previous, prose: extractProse(proseOf(bound)), chapters: { found: CHAPTERS.map((c) => c.key) } }),
    ...bound.findings,
    ...fresh.ledgerFindings,
  ];
  const acks = new Map((await store.acksOf(db, row.id)).map((a) => [a.finding_key, a]));
  const findings: ViewFinding[] = raw.map((f) => {
    const key = findingKey(f);
    const ack = f.severity === 'warning' ? acks.get(key) : undefined;
    return { ...f, key, acknowledged: ack ? { by: ack.user_name, at: ack.acked_at, note: ack.note } : null };
  });
  report.findings = raw;
  return {
    report,
    preamble: bound.preamble,
    chapters: bound.chapters,
    findings,
    stale,
    errors: findings.filter((f) => f.severity === 'error').length,
    unacknowledgedWarnings: findings.filter((f) => f.severity === 'warning' && !f.acknowledged).length,
  };
}

export function blockingReason(e: Evaluation): string | null {
  if (e.stale) return '申请台账在报告计算之后发生了变化，请先重新计算报告数据。';
  if (e.errors) return `报告还有${e.errors}处错误，须先改正。`;
  if (e.unacknowledgedWarnings) return `报告还有${e.unacknowledgedWarnings}处提示未经确认，须由审核人逐项确认。`;
  return null;
}

/** The next stage of the review chain for the current revision, or null when all have signed. */
export function nextStage(signed: readonly { stage: string }[]): ReviewStage | null {
  for (const s of REVIEW_STAGES) if (!signed.some((x) => x.stage === s)) return s;
  return null;
}

export async function loadVisible(db: DbOrTx, p: Principal, id: string): Promise<{ row: AnnualReportRow; agency: Agency }> {
  assertCan(p, 'reports.read');
  const row = await store.findReport(db, p, id);
  if (!row) throw notFound('未找到该年度报告，或您无权查看。');
  return { row, agency: await agencyOrThrow(db, row.agency_id) };
}

export function assertOwnAgency(p: Principal, agencyId: string): void {
  // Reports are written and signed by the agency's own staff; a supervising office reads them.
  if (p.agencyId !== agencyId) throw forbidden('年度报告只能由本机关的工作人员编制、审核和发布。');
}

export async function loadForWrite(db: DbOrTx, p: Principal, id: string, revision: number | undefined): Promise<{ row: AnnualReportRow; agency: Agency }> {
  const loaded = await loadVisible(db, p, id);
  assertOwnAgency(p, loaded.row.agency_id);
  if (revision !== undefined && loaded.row.revision !== revision) throw conflict('该年度报告已被他人修改，请刷新后重试。');
  return loaded;
}

export function assertEditable(row: AnnualReportRow): void {
  if (row.status === 'published') throw conflict('已发布的年度报告不能直接修改；如需更正，请先发起更正（更正将作为新版本发布并附更正说明）。');
}

export async function saveRevision(
  tx: DbOrTx,
  p: Principal,
  before: AnnualReportRow,
  changes: Partial<AnnualReportRow>,
  action: string,
  detail?: Record<string, unknown>,
) {
  const after: AnnualReportRow = { ...before, ...changes, status: 'draft', revision: before.revision + 1, updated_at: nowIso() };
  const res = await tx
    .updateTable('annual_reports')
    .set({ ...changes, status: 'draft', revision: after.revision, updated_at: after.updated_at })
    .where('id', '=', before.id)
    .where('revision', '=', before.revision)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict('该年度报告已被他人修改，请刷新后重试。');
  await recordAudit(tx, actorOf(p), { action, entityType: 'annual_report', entityId: before.id, agencyId: before.agency_id, before, after, detail });
  return after;
}
