import type { DbOrTx } from '../platform/db/index.js';
import { recordAudit } from '../platform/audit/audit.js';
import { canonicalJson } from '../platform/crypto.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, canSeeAgency, type Principal } from '../platform/auth/permissions.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { isIsoDate, nowIso, todayInChina } from '../platform/time.js';
import type { ReportScope } from './reports.aggregate.js';
import { computeReport, defaultScope } from './reports.compute.js';
import { draftNarrative, NARRATIVE_KEYS, parseNarrative, type Narrative, type NarrativeKey } from './reports.narrative.js';
import * as store from './reports.store.js';
import type { AnnualReportRow } from './reports.store.js';
import { agencyOrThrow, assertEditable, assertOwnAgency, inTransaction, loadForWrite, MAX_TEXT, saveRevision } from './reports.core.js';

/** Writing a draft: creating it from the records, editing its text, recomputing its tables. */

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
