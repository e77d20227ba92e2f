import type { DbOrTx } from '../platform/db/index.js';
import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, can, ROLE_LABELS, type Principal } from '../platform/auth/permissions.js';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso, todayInChina } from '../platform/time.js';
import * as store from './reports.store.js';
import { assertEditable, blockingReason, evaluate, inTransaction, loadForWrite, nextStage, saveRevision, STAGE_LABELS } from './reports.core.js';

/**
 * Review and publication: a named reviewer acknowledges each warning, the review chain (办公室主任 → 分管领导 →
 * 主要负责人) signs the current revision in order, the approved revision is published as an immutable version, and
 * a correction makes a published report a draft again (published as a new version with its note).
 */

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
