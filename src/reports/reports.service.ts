import type { Db, DbOrTx } from '../platform/db/index.js';
import { recordAudit } from '../platform/audit/audit.js';
import { canonicalJson } from '../platform/crypto.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, can, canSeeAgency, ROLE_LABELS, seesSubtree, type Principal } from '../platform/auth/permissions.js';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { getAgency, type Agency } from '../platform/org/agencies.service.js';
import { isIsoDate, nowIso, todayInChina } from '../platform/time.js';
import { CHAPTERS, validateReport, type Finding, type Report, type ReportTables } from '../rules/report/index.js';
import type { ReportScope } from './reports.aggregate.js';
import { computeReport, defaultScope } from './reports.compute.js';
import { reportDeadline, daysBetween } from './reports.deadline.js';
import { bindAll, draftNarrative, NARRATIVE_KEYS, parseNarrative, type Narrative, type NarrativeKey } from './reports.narrative.js';
import type { ReportChapter } from './reports.document.js';
import { extractProse } from './check/prose.js';
import * as store from './reports.store.js';
import type { AnnualReportRow, ReviewStage } from './reports.store.js';

/**
 * Use cases of the annual report (条例第四十九条、第五十条): a draft per agency and year computed from the
 * records, its text with bound figures, validation (errors block; each warning needs a named person's
 * acknowledgement), the review chain (办公室主任 → 分管领导 → 主要负责人), publication as an immutable
 * version, and corrections as new versions with a visible note.
 */

export const REVIEW_STAGES: readonly ReviewStage[] = ['office_head', 'deputy_leader', 'principal'];
export const STAGE_LABELS: Record<ReviewStage, string> = { office_head: '办公室主任审核', deputy_leader: '分管领导审核', principal: '主要负责人签发' };
export const STATUS_LABELS: Record<store.ReportStatus, string> = { draft: '草稿', approved: '已签发待发布', published: '已发布' };

export interface ViewFinding extends Finding {
  key: string;
  acknowledged: { by: string; at: string; note: string } | null;
}

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

const MAX_TEXT = 20_000;

/** Runs `fn` in a transaction, or inside the caller's one (the demo seeder runs everything in one transaction). */
function inTransaction<T>(db: DbOrTx, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : (db as Db).transaction().execute(fn);
}

function parseTables(json: string): ReportTables {
  return JSON.parse(json) as ReportTables;
}

const reportOf = (row: AnnualReportRow, agencyName: string): Report => ({
  agency: agencyName,
  year: row.year,
  format: row.format,
  tables: parseTables(row.tables),
  findings: [],
});

async function agencyOrThrow(db: DbOrTx, id: string): Promise<Agency> {
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

function blockingReason(e: Evaluation): string | null {
  if (e.stale) return '申请台账在报告计算之后发生了变化，请先重新计算报告数据。';
  if (e.errors) return `报告还有${e.errors}处错误，须先改正。`;
  if (e.unacknowledgedWarnings) return `报告还有${e.unacknowledgedWarnings}处提示未经确认，须由审核人逐项确认。`;
  return null;
}

/** The next stage of the review chain for the current revision, or null when all have signed. */
function nextStage(signed: readonly { stage: string }[]): ReviewStage | null {
  for (const s of REVIEW_STAGES) if (!signed.some((x) => x.stage === s)) return s;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

export async function listReports(db: Db, p: Principal, filter: { year?: number } = {}) {
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

async function loadVisible(db: DbOrTx, p: Principal, id: string): Promise<{ row: AnnualReportRow; agency: Agency }> {
  assertCan(p, 'reports.read');
  const row = await store.findReport(db, p, id);
  if (!row) throw notFound('未找到该年度报告，或您无权查看。');
  return { row, agency: await agencyOrThrow(db, row.agency_id) };
}

export async function getReport(db: Db, p: Principal, id: string, today = todayInChina()) {
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

// ---------------------------------------------------------------------------------------------------------------
// Writing

function assertOwnAgency(p: Principal, agencyId: string): void {
  // Reports are written and signed by the agency's own staff; a supervising office reads them.
  if (p.agencyId !== agencyId) throw forbidden('年度报告只能由本机关的工作人员编制、审核和发布。');
}

async function loadForWrite(db: DbOrTx, p: Principal, id: string, revision: number | undefined): Promise<{ row: AnnualReportRow; agency: Agency }> {
  const loaded = await loadVisible(db, p, id);
  assertOwnAgency(p, loaded.row.agency_id);
  if (revision !== undefined && loaded.row.revision !== revision) throw conflict('该年度报告已被他人修改，请刷新后重试。');
  return loaded;
}

function assertEditable(row: AnnualReportRow): void {
  if (row.status === 'published') throw conflict('已发布的年度报告不能直接修改；如需更正，请先发起更正（更正将作为新版本发布并附更正说明）。');
}

/** Creates the draft of an agency's report for a year: tables computed from the records, a first draft of the text. */
export async function createDraft(db: DbOrTx, p: Principal, input: { year: number; agencyId?: string; scope?: ReportScope }) {
  assertCan(p, 'reports.edit');
  const agencyId = input.agencyId ?? p.agencyId;
  assertOwnAgency(p, agencyId);
  const currentYear = Number(todayInChina().slice(0, 4));
  if (!Number.isInteger(input.year) || input.year < 2019 || input.year > currentYear)
    throw badRequest(`报告年度须在2019年至${currentYear}年之间（2019年起适用现行条例和报告格式）。`);
  const agency = await agencyOrThrow(db, agencyId);
  if (!canSeeAgency(p, agency)) throw notFound('未找到该机关。');
  const scope = input.scope ?? defaultScope(agency);
  if (scope === 'subtree' && agency.kind !== 'government') throw badRequest('只有人民政府的年度报告汇总所属部门的数据。');
  return inTransaction(db, async (tx) => {
    const exists = await store.findReportByAgencyYear(tx, agencyId, input.year);
    if (exists) throw conflict(`${agency.name}${input.year}年度报告已经存在，请在原报告上继续编辑。`, { id: exists.id });
    const { report } = await computeReport(tx, agency, input.year, scope);
    const narrative = draftNarrative(report, {
      agency: agency.name,
      year: input.year,
      officeName: agency.office_name,
      officePhone: agency.office_phone,
      officeEmail: agency.office_email,
      subtree: scope === 'subtree',
    });
    const now = nowIso();
    const row: AnnualReportRow = {
      id: newId(),
      agency_id: agencyId,
      year: input.year,
      scope,
      format: report.format,
      status: 'draft',
      revision: 1,
      tables: JSON.stringify(report.tables),
      narrative: JSON.stringify(narrative),
      signed_date: null,
      computed_at: now,
      correction_note: null,
      published_version: 0,
      first_published_at: null,
      last_published_at: null,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('annual_reports').values(row).execute();
    await recordAudit(tx, actorOf(p), { action: 'report.created', entityType: 'annual_report', entityId: row.id, agencyId, after: { ...row } });
    return { id: row.id };
  });
}

async function saveRevision(
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

/** Replaces chapter texts (templates with {{placeholders}}); any change voids the sign-offs of the old revision. */
export async function updateNarrative(
  db: DbOrTx,
  p: Principal,
  id: string,
  input: { revision: number; narrative: Partial<Record<NarrativeKey, string>>; signedDate?: string | null },
) {
  assertCan(p, 'reports.edit');
  return inTransaction(db, async (tx) => {
    const { row } = await loadForWrite(tx, p, id, input.revision);
    assertEditable(row);
    const current = parseNarrative(row.narrative);
    const next: Narrative = { ...current };
    for (const [k, v] of Object.entries(input.narrative)) {
      if (!(NARRATIVE_KEYS as readonly string[]).includes(k)) throw badRequest(`未知的报告章节：${k}。`);
      if (typeof v !== 'string') throw badRequest('章节内容必须是文字。');
      if (v.length > MAX_TEXT) throw badRequest(`每个部分的文字不能超过${MAX_TEXT}字。`);
      next[k as NarrativeKey] = v.replace(/\r\n/g, '\n');
    }
    if (input.signedDate !== undefined && input.signedDate !== null) {
      if (!isIsoDate(input.signedDate)) throw badRequest('成文日期格式应为YYYY-MM-DD。');
      if (input.signedDate <= `${row.year}-12-31`) throw badRequest(`成文日期应在${row.year}年度结束之后（报告统计的是全年的数据）。`);
    }
    const changes: Partial<AnnualReportRow> = { narrative: JSON.stringify(next) };
    if (input.signedDate !== undefined) changes.signed_date = input.signedDate;
    const after = await saveRevision(tx, p, row, changes, 'report.narrative_updated', { keys: Object.keys(input.narrative) });
    return { revision: after.revision };
  });
}

/** Recomputes the tables from the records (the ledger may have changed since). */
export async function recompute(db: DbOrTx, p: Principal, id: string, input: { revision: number }) {
  assertCan(p, 'reports.edit');
  return inTransaction(db, async (tx) => {
    const { row, agency } = await loadForWrite(tx, p, id, input.revision);
    assertEditable(row);
    const { report } = await computeReport(tx, agency, row.year, row.scope, row.format);
    const tables = JSON.stringify(report.tables);
    if (canonicalJson(report.tables) === canonicalJson(JSON.parse(row.tables))) return { revision: row.revision, changed: false };
    const after = await saveRevision(tx, p, row, { tables, computed_at: nowIso() }, 'report.recomputed');
    return { revision: after.revision, changed: true };
  });
}

/** Validation of the current draft (the same the sign-off enforces). */
export async function validateDraft(db: Db, p: Principal, id: string) {
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

/** A named reviewer acknowledges one warning («已核实»); errors cannot be acknowledged, only fixed. */
export async function acknowledgeWarning(db: DbOrTx, p: Principal, id: string, input: { findingKey: string; note: string }) {
  assertCan(p, 'reports.review', '提示须由审核人（办公室主任、分管领导或主要负责人）确认。');
  const note = input.note.trim();
  if (!note) throw badRequest('请写明确认意见（例如核实情况）。');
  return inTransaction(db, async (tx) => {
    const { row, agency } = await loadForWrite(tx, p, id, undefined);
    assertEditable(row);
    const ev = await evaluate(tx, row, agency);
    const f = ev.findings.find((x) => x.key === input.findingKey);
    if (!f) throw notFound('该提示已不存在（报告可能已修改），请刷新后重试。');
    if (f.severity !== 'warning') throw badRequest('错误不能通过确认放行，只能改正。');
    if (f.acknowledged) throw conflict('该提示已经确认过了。');
    const ack = {
      id: newId(),
      report_id: row.id,
      agency_id: row.agency_id,
      finding_key: f.key,
      rule: f.rule,
      message: f.message,
      note,
      user_id: p.userId,
      user_name: p.displayName,
      acked_at: nowIso(),
    };
    await tx.insertInto('annual_report_acks').values(ack).execute();
    await recordAudit(tx, actorOf(p), {
      action: 'report.warning_acknowledged',
      entityType: 'annual_report',
      entityId: row.id,
      agencyId: row.agency_id,
      after: ack,
    });
    return { acknowledged: true };
  });
}

/** The review chain signs the current revision, in order; the principal's signature approves it for publication. */
export async function signOff(db: DbOrTx, p: Principal, id: string, input: { revision: number; opinion?: string }) {
  assertCan(p, 'reports.review');
  return inTransaction(db, async (tx) => {
    const { row, agency } = await loadForWrite(tx, p, id, input.revision);
    if (row.status !== 'draft') throw conflict(row.status === 'published' ? '该报告已发布。' : '该报告已完成审核签发，等待发布。');
    const ev = await evaluate(tx, row, agency);
    const reason = blockingReason(ev);
    if (reason) throw conflict(`不能签批：${reason}`, { findings: ev.findings.filter((f) => f.severity === 'error' || !f.acknowledged) });
    const signed = await store.signoffsOf(tx, row.id, row.revision);
    const stage = nextStage(signed);
    if (!stage) throw conflict('该报告已完成审核签发。');
    if (p.role !== stage) throw forbidden(`当前应由${ROLE_LABELS[stage]}进行“${STAGE_LABELS[stage]}”。`);
    const s = {
      id: newId(),
      report_id: row.id,
      agency_id: row.agency_id,
      revision: row.revision,
      stage,
      user_id: p.userId,
      user_name: p.displayName,
      opinion: (input.opinion ?? '').trim().slice(0, 500),
      signed_at: nowIso(),
    };
    await tx.insertInto('annual_report_signoffs').values(s).execute();
    const approved = stage === 'principal';
    if (approved) await tx.updateTable('annual_reports').set({ status: 'approved', updated_at: nowIso() }).where('id', '=', row.id).execute();
    await recordAudit(tx, actorOf(p), {
      action: approved ? 'report.approved' : 'report.signed_off',
      entityType: 'annual_report',
      entityId: row.id,
      agencyId: row.agency_id,
      after: s,
    });
    return { stage, approved };
  });
}

/** Publishes the approved revision as a new immutable version (the first, or a correction with its note). */
export async function publish(db: DbOrTx, p: Principal, id: string, input: { revision: number }) {
  if (!can(p, 'reports.edit') && !can(p, 'reports.review')) throw forbidden();
  return inTransaction(db, async (tx) => {
    const { row, agency } = await loadForWrite(tx, p, id, input.revision);
    if (row.status !== 'approved')
      throw conflict(row.status === 'published' ? '该版本已经发布。' : '报告须经办公室主任、分管领导审核和主要负责人签发后才能发布。');
    const ev = await evaluate(tx, row, agency);
    const reason = blockingReason(ev);
    if (reason) throw conflict(`不能发布：${reason}`);
    const signed = await store.signoffsOf(tx, row.id, row.revision);
    if (nextStage(signed) !== null) throw conflict('审核链尚未完成。');
    const now = nowIso();
    const version = row.published_version + 1;
    const signedDate = row.signed_date ?? todayInChina();
    const acks = ev.findings.filter((f) => f.acknowledged).map((f) => ({ rule: f.rule, message: f.message, ...f.acknowledged }));
    const v = {
      id: newId(),
      report_id: row.id,
      agency_id: row.agency_id,
      year: row.year,
      version,
      format: row.format,
      revision: row.revision,
      data: JSON.stringify({ agency: agency.name, year: row.year, format: row.format, tables: ev.report.tables, findings: ev.report.findings }),
      chapters: JSON.stringify({ preamble: ev.preamble, chapters: ev.chapters }),
      signoffs: JSON.stringify(signed.map((s) => ({ stage: s.stage, userName: s.user_name, opinion: s.opinion, signedAt: s.signed_at }))),
      acknowledgements: JSON.stringify(acks),
      signed_date: signedDate,
      note: version > 1 ? row.correction_note : null,
      published_at: now,
      published_by_id: p.userId,
      published_by_name: p.displayName,
    };
    if (version > 1 && !v.note) throw conflict('更正版本须附更正说明。');
    await tx.insertInto('annual_report_versions').values(v).execute();
    const changes = {
      status: 'published' as const,
      published_version: version,
      first_published_at: row.first_published_at ?? now,
      last_published_at: now,
      correction_note: null,
      updated_at: now,
    };
    await tx.updateTable('annual_reports').set(changes).where('id', '=', row.id).execute();
    await recordAudit(tx, actorOf(p), {
      action: version > 1 ? 'report.correction_published' : 'report.published',
      entityType: 'annual_report',
      entityId: row.id,
      agencyId: row.agency_id,
      before: row,
      after: { ...row, ...changes },
      detail: { version },
    });
    return { version, publishedAt: now };
  });
}

/** Starts a correction of a published report: it becomes a draft again; the published versions stay as they are. */
export async function startCorrection(db: DbOrTx, p: Principal, id: string, input: { revision: number; note: string }) {
  assertCan(p, 'reports.edit');
  const note = input.note.trim();
  if (note.length < 5) throw badRequest('请写明更正说明：更正了什么、为什么更正（将随更正版本公开）。');
  if (note.length > 1000) throw badRequest('更正说明不能超过1000字。');
  return inTransaction(db, async (tx) => {
    const { row } = await loadForWrite(tx, p, id, input.revision);
    if (row.status !== 'published') throw conflict('只有已发布的报告需要发起更正；未发布的报告可直接修改。');
    const after = await saveRevision(tx, p, row, { correction_note: note }, 'report.correction_started', { note });
    return { revision: after.revision };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Deadline and supervision

/** The console's countdown: from 1 January, the days left to publish last year's report (条例第四十九条). */
export async function deadlineFor(db: Db, p: Principal, today = todayInChina()) {
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
export async function publicationSummary(db: Db, p: Principal, year: number, today = todayInChina()) {
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

// ---------------------------------------------------------------------------------------------------------------
// Published reports (public: the portal's 政府信息公开年报 section)

export interface PublishedReport {
  version: number;
  versions: { version: number; publishedAt: string; note: string | null }[];
  publishedAt: string;
  note: string | null;
  document: import('./reports.document.js').ReportDocumentInput;
}

/** Years with a published report of an agency, newest first, with their latest version. */
export async function publishedYears(db: DbOrTx, agencyId: string) {
  const rows = await store.publishedVersionsOfAgency(db, agencyId);
  const years = new Map<number, { year: number; format: string; latest: number; firstPublishedAt: string; lastPublishedAt: string; corrected: boolean }>();
  for (const r of rows) {
    const y = years.get(r.year);
    if (!y)
      years.set(r.year, {
        year: r.year,
        format: r.format,
        latest: r.version,
        firstPublishedAt: r.published_at,
        lastPublishedAt: r.published_at,
        corrected: r.version > 1,
      });
    else y.firstPublishedAt = r.published_at < y.firstPublishedAt ? r.published_at : y.firstPublishedAt;
  }
  return [...years.values()];
}

/** One published version (the latest when `version` is not given), as frozen at publication. */
export async function publishedReport(db: DbOrTx, agencyId: string, year: number, version?: number): Promise<PublishedReport | undefined> {
  const v = await store.publishedVersion(db, agencyId, year, version);
  if (!v) return undefined;
  const all = (await store.publishedVersionsOfAgency(db, agencyId)).filter((r) => r.year === year).sort((a, b) => a.version - b.version);
  const text = JSON.parse(v.chapters) as { preamble: string; chapters: ReportChapter[] };
  return {
    version: v.version,
    versions: all.map((r) => ({ version: r.version, publishedAt: r.published_at, note: r.note })),
    publishedAt: v.published_at,
    note: v.note,
    document: {
      report: JSON.parse(v.data) as Report,
      preamble: text.preamble,
      chapters: text.chapters,
      signedDate: v.signed_date,
      correctionNote: v.note,
      version: v.version,
    },
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
