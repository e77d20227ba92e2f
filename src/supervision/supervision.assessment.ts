import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import type { Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { badRequest, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { Agency } from '../platform/org/agencies.service.js';
import { isIsoDate, nowIso, todayInChina } from '../platform/time.js';
import { columnActivity, releasesInPeriod } from '../publishing/oversight.js';
import { reportStatusByAgency } from '../reports/oversight.js';
import { requestEvidence } from '../requests/oversight.js';
import {
  columnCycleDays,
  INDICATOR_KEYS,
  INDICATOR_LABELS,
  rankAgencies,
  schemeProblems,
  type AgencyFacts,
  type AssessmentScheme,
  type Evidence,
  type Fingerprint,
  type IndicatorKey,
} from '../rules/assessment/index.js';
import type { Finding } from '../rules/report/index.js';
import type { AssessmentResult, FindingBody } from './supervision.api.js';
import { assertSupervisor, daysFrom, subtree, visibleAgencyOrThrow } from './supervision.core.js';
import { getScheme } from './supervision.scheme.js';
import { collectedFingerprint, similarityOf } from './supervision.similarity.js';
import * as store from './supervision.store.js';

/** The assessment (考核): every agency's evidence per indicator for a year, scored and ranked; and the office's own findings. */

/** The facts (evidence per indicator) of every agency of the subtree, or one agency, for a year. */
export async function assessmentFacts(
  ctx: AppContext,
  p: Principal,
  year: number,
  scheme: AssessmentScheme,
  opts: { agencyId?: string } = {},
  today = todayInChina(),
): Promise<{ facts: AgencyFacts[]; asOf: string }> {
  const { db } = ctx;
  const all = await subtree(db, p);
  const agencies = opts.agencyId ? all.filter((a) => a.id === opts.agencyId) : all;
  if (opts.agencyId && !agencies.length) throw notFound('未找到该机关，或不在您的监督范围内。');
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const asOf = period.to < today ? period.to : today;
  // The report assessed in year Y is the one for Y − 1, due in Y (条例第四十九条).
  const reportYear = year - 1;
  const [releases, columns, reports, collected] = await Promise.all([
    releasesInPeriod(db, p, period, asOf, opts.agencyId),
    columnActivity(db, p, asOf, opts.agencyId),
    reportStatusByAgency(db, p, all, reportYear, asOf),
    store.collectedOfYear(db, p, reportYear),
  ]);
  const collectedBy = new Map(collected.filter((c) => c.year === reportYear).map((c) => [c.agency_id, c]));
  const collectedPrev = new Map(collected.filter((c) => c.year === reportYear - 1).map((c) => [c.agency_id, c]));
  const fingerprintOf = (id: string) => reports.get(id)?.fingerprint ?? collectedFingerprint(collectedBy.get(id));
  const siblingsOf = new Map<string, { agency: Agency; fingerprint: Fingerprint }[]>();
  for (const s of all) {
    const fp = fingerprintOf(s.id);
    if (!fp || !s.parent_id) continue;
    const list = siblingsOf.get(s.parent_id);
    if (list) list.push({ agency: s, fingerprint: fp });
    else siblingsOf.set(s.parent_id, [{ agency: s, fingerprint: fp }]);
  }
  // The evidence of 依申请公开 is read per agency, a few agencies at a time (the connection pool serves them in parallel).
  const evidence = new Map<string, Awaited<ReturnType<typeof requestEvidence>>>();
  for (let i = 0; i < agencies.length; i += 6) {
    const part = agencies.slice(i, i + 6);
    const got = await Promise.all(part.map((a) => requestEvidence(db, p, a.id, period, asOf)));
    part.forEach((a, k) => evidence.set(a.id, got[k]!));
  }
  const facts: AgencyFacts[] = [];
  for (const a of agencies) {
    const ev: Partial<Record<IndicatorKey, Evidence[]>> = {};
    const req = evidence.get(a.id)!;
    ev.overdue_reply = req.overdueReply.map((c) => ({ kind: 'case', ref: c.id, label: c.trackingCode, detail: c.note, date: c.dueDate ?? undefined }));
    ev.correction_late = req.correctionLate.map((c) => ({ kind: 'case', ref: c.id, label: c.trackingCode, detail: c.note }));
    ev.appeal_corrected = req.appealCorrected.map((x) => ({ kind: 'appeal', ref: x.id, label: x.trackingCode, detail: x.note }));
    ev.release_late = releases
      .filter((r) => r.agencyId === a.id && r.late)
      .map((r) => ({
        kind: 'item',
        ref: r.id,
        label: r.title,
        date: r.due,
        detail: r.publishedOn
          ? `${r.formedOn}形成或变更，应于${r.due}前公开，${r.publishedOn}才公开`
          : `${r.formedOn}形成或变更，应于${r.due}前公开，至${asOf}仍未公开`,
      }));
    const cols = columns.filter((c) => c.agencyId === a.id);
    ev.column_blank = cols
      .filter((c) => !c.lastPublishedOn)
      .map((c) => ({ kind: 'column', ref: `${a.id}:${c.code}`, label: c.name, detail: `截至${asOf}栏目内没有已发布的信息` }));
    ev.column_stale = cols
      .filter((c) => c.lastPublishedOn && daysFrom(c.lastPublishedOn, asOf) > columnCycleDays(scheme, c.code))
      .map((c) => ({
        kind: 'column',
        ref: `${a.id}:${c.code}`,
        label: c.name,
        detail: `最近一次更新为${c.lastPublishedOn}，超过${columnCycleDays(scheme, c.code)}天的更新周期`,
      }));
    const rep = reports.get(a.id)!;
    const col = collectedBy.get(a.id);
    const reportRef = `${a.id}:${reportYear}`;
    if (!rep.publishedOn && !col && asOf > rep.deadline)
      ev.report_missing = [{ kind: 'report', ref: reportRef, label: `${reportYear}年度报告`, detail: `应于${rep.deadline}前公布，截至${asOf}未公布` }];
    if (rep.publishedOn && rep.publishedOn > rep.deadline)
      ev.report_late = [{ kind: 'report', ref: reportRef, label: `${reportYear}年度报告`, detail: `应于${rep.deadline}前公布，${rep.publishedOn}才公布` }];
    const errors = [...rep.errors, ...(col ? (JSON.parse(col.findings) as Finding[]).filter((f) => f.severity === 'error') : [])];
    ev.report_errors = errors.map((f, i) => ({ kind: 'report', ref: `${reportRef}:${i}`, label: `${reportYear}年度报告`, detail: f.message }));
    const siblings = a.parent_id ? (siblingsOf.get(a.parent_id) ?? []) : [];
    const sim = similarityOf(
      a,
      fingerprintOf(a.id),
      rep.previousFingerprint ?? collectedFingerprint(collectedPrev.get(a.id)),
      siblings,
      scheme.similarityThreshold,
    );
    if (sim?.flagged) {
      const parts: string[] = [];
      if ((sim.previousYear ?? 0) >= scheme.similarityThreshold)
        parts.push(`与本机关${reportYear - 1}年度报告文字相同比例${Math.round(sim.previousYear! * 100)}%`);
      if (sim.sibling && sim.sibling.containment >= scheme.similarityThreshold)
        parts.push(`与${sim.sibling.agencyName}报告文字相同比例${Math.round(sim.sibling.containment * 100)}%`);
      ev.report_similar = [{ kind: 'report', ref: reportRef, label: `${reportYear}年度报告`, detail: `${parts.join('；')}（数字除外）` }];
    }
    const manual = await store.findingsOf(db, p, a.id, year);
    ev.privacy_leak = manual
      .filter((m) => m.indicator === 'privacy_leak')
      .map((m) => ({ kind: 'finding', ref: m.id, label: m.label, detail: m.detail, date: m.found_on }));
    const orders = await store.ordersDueIn(db, p, a.id, period.from, period.to);
    ev.supervision_overdue = orders
      .filter((o) => (o.status === 'open' ? o.due_date < asOf : todayInChina(new Date(o.answered_at!)) > o.due_date))
      .map((o) => ({
        kind: 'order',
        ref: o.id,
        label: o.what.slice(0, 40),
        date: o.due_date,
        detail: o.status === 'open' ? `应于${o.due_date}前办理，截至${asOf}未答复` : `应于${o.due_date}前办理，${todayInChina(new Date(o.answered_at!))}才答复`,
      }));
    for (const k of INDICATOR_KEYS) if (!ev[k]?.length) delete ev[k];
    facts.push({ agencyId: a.id, agencyName: a.name, evidence: ev });
  }
  return { facts, asOf };
}

/** The assessment of a year under the office's scheme (or a scheme given for a what-if), ranked, with evidence. */
export async function assess(
  ctx: AppContext,
  p: Principal,
  year: number,
  opts: { agencyId?: string; scheme?: AssessmentScheme } = {},
  today = todayInChina(),
): Promise<AssessmentResult> {
  assertSupervisor(p);
  if (!Number.isInteger(year) || year < 2008 || year > Number(today.slice(0, 4))) throw badRequest(`考核年度应为2008年至${today.slice(0, 4)}年之间的年份。`);
  const scheme = opts.scheme ?? (await getScheme(ctx.db, p)).scheme;
  const problems = schemeProblems(scheme);
  if (problems.length) throw badRequest(`考核方案有误：${problems.join('')}`);
  const { facts, asOf } = await assessmentFacts(ctx, p, year, scheme, opts, today);
  return { year, asOf, scheme, agencies: rankAgencies(facts, scheme) };
}

/** Records a problem the office found by hand (counted by its indicator in the assessment). */
export async function recordFinding(ctx: AppContext, p: Principal, input: FindingBody) {
  assertSupervisor(p);
  const agency = await visibleAgencyOrThrow(ctx.db, p, input.agencyId);
  if (!(INDICATOR_KEYS as readonly string[]).includes(input.indicator)) throw badRequest('没有这个考核指标。');
  if (!isIsoDate(input.foundOn)) throw badRequest('发现日期格式应为“2026-05-01”。');
  if (!input.label?.trim() || !input.detail?.trim()) throw badRequest(`请写明${INDICATOR_LABELS[input.indicator as IndicatorKey].label}的具体问题。`);
  const row = {
    id: newId(),
    agency_id: agency.id,
    year: input.year,
    indicator: input.indicator,
    label: input.label.trim().slice(0, 200),
    detail: input.detail.trim().slice(0, 2000),
    found_on: input.foundOn,
    recorded_by: p.displayName,
    created_at: nowIso(),
  };
  await ctx.db.transaction().execute(async (tx) => {
    await store.insertFinding(tx, row);
    await recordAudit(tx, actorOf(p), {
      action: 'supervision.finding_recorded',
      entityType: 'supervision_finding',
      entityId: row.id,
      agencyId: agency.id,
      after: row,
    });
  });
  return row;
}
