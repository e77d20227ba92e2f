import { staffRecipients } from '../platform/auth/staff-contacts.js';
import { notifyStaff } from '../inbox/staff-messages.js';
import { createHash } from 'node:crypto';
import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, canSeeAgency, seesSubtree, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import type { DbOrTx } from '../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { getAgency, type Agency } from '../platform/org/agencies.service.js';
import { isIsoDate, nowIso, todayInChina } from '../platform/time.js';
import {
  columnCycleDays,
  DEFAULT_SCHEME,
  INDICATOR_KEYS,
  INDICATOR_LABELS,
  rankAgencies,
  schemeProblems,
  closestOf,
  compareFingerprints,
  fingerprint,
  type Fingerprint,
  type AgencyFacts,
  type AssessmentScheme,
  type Evidence,
  type IndicatorKey,
  type RankedScore,
} from '../rules/assessment/index.js';
import { casesBehindFigure, requestEvidence, requestFiguresByAgency, type CaseFigure, type RequestFigures } from '../requests/oversight.js';
import { columnActivity, releasesInPeriod } from '../publishing/oversight.js';
import { checkCollectedReport, publishedData, reportStatusByAgency } from '../reports/oversight.js';
import type { Finding } from '../rules/report/index.js';
import * as store from './supervision.store.js';
import type { OrderSubject } from './supervision.schema.js';

/**
 * The supervising office's use cases (政务公开办): the oversight board over its subtree, the assessment (考核)
 * with every deduction's evidence, 督办 with answers, collected reports with the batch check, and the area's
 * figures. Figures come from the other capabilities' oversight queries; this module reads only its own tables.
 */

export interface Period {
  from: string;
  to: string;
}

function assertSupervisor(p: Principal): void {
  assertCan(p, 'supervision.manage');
  if (!seesSubtree(p)) throw forbidden('只有政务公开主管部门可以使用监督考核功能。');
}

export function parsePeriod(from: unknown, to: unknown, today = todayInChina()): Period {
  const year = today.slice(0, 4);
  const f = from === undefined || from === '' ? `${year}-01-01` : from;
  const t = to === undefined || to === '' ? today : to;
  if (!isIsoDate(f) || !isIsoDate(t)) throw badRequest('统计期间的日期格式应为“2026-01-01”。');
  if (f > t) throw badRequest('统计期间的开始日期不能晚于结束日期。');
  if (Number(t.slice(0, 4)) - Number(f.slice(0, 4)) > 10) throw badRequest('统计期间最长为十年。');
  return { from: f, to: t };
}

/** Agencies of the principal's subtree (the office itself included), in tree order. */
async function subtree(db: DbOrTx, p: Principal): Promise<Agency[]> {
  return db.selectFrom('agencies').selectAll().where('path', 'like', `${p.agencyPath}%`).orderBy('path').execute();
}

/** Elements of the disclosure guide (条例第十二条) an agency has not filled in. */
export function guideGaps(a: Agency): string[] {
  const fields: [keyof Agency, string][] = [
    ['office_name', '公开工作机构名称'],
    ['office_address', '办公地址'],
    ['office_hours', '办公时间'],
    ['office_phone', '联系电话'],
    ['office_postcode', '邮政编码'],
    ['office_email', '电子邮箱'],
    ['reconsideration_body', '行政复议机关'],
    ['court', '行政诉讼管辖法院'],
  ];
  return fields.filter(([k]) => !String(a[k] ?? '').trim()).map(([, label]) => label);
}

const rate = (num: number, den: number) => (den ? Math.round((num / den) * 1000) / 1000 : null);

/**
 * Similarity of a report's text to the agency's own last report and to its siblings' reports of the same year.
 * A fingerprint is one shared object per published version (or checked upload), so the same objects mean the
 * same texts: the result is kept per agency and reused while its report, last year's and its siblings' stay
 * the same (a province's board would otherwise compare some 50,000 pairs on every request).
 */
function similarityOf(
  agency: Agency,
  fp: Fingerprint | null,
  previous: Fingerprint | null,
  siblings: { agency: Agency; fingerprint: Fingerprint }[],
  threshold: number,
) {
  if (!fp) return null;
  const others = siblings.filter((s) => s.agency.id !== agency.id);
  const key = `${threshold}|${fingerprintId(previous)}|${others.map((s) => `${s.agency.id}:${fingerprintId(s.fingerprint)}:${s.agency.name}`).join(',')}`;
  const hit = similarityResults.get(fp);
  if (hit?.key === key) return hit.value;
  const prev = previous ? compareFingerprints(fp, previous) : null;
  const closest = closestOf(fp, others);
  const best = closest ? { agencyId: closest.sibling.agency.id, agencyName: closest.sibling.agency.name, ...closest.result } : null;
  const value = {
    previousYear: prev ? prev.containment : null,
    previousCopied: prev?.copied ?? [],
    sibling: best,
    flagged: (prev?.containment ?? 0) >= threshold || (best?.containment ?? 0) >= threshold,
  };
  similarityResults.set(fp, { key, value });
  return value;
}

const similarityResults = new WeakMap<
  Fingerprint,
  {
    key: string;
    value: {
      previousYear: number | null;
      previousCopied: string[];
      sibling: { agencyId: string; agencyName: string; containment: number; copied: string[] } | null;
      flagged: boolean;
    };
  }
>();
const fingerprintIds = new WeakMap<Fingerprint, number>();
let nextFingerprintId = 1;
function fingerprintId(fp: Fingerprint | null): number {
  if (!fp) return 0;
  let id = fingerprintIds.get(fp);
  if (!id) fingerprintIds.set(fp, (id = nextFingerprintId++));
  return id;
}

/** Fingerprints of collected reports' texts, once per checked text (a re-check gives a new `checked_at`). */
const collectedFingerprints = new Map<string, Fingerprint>();
function collectedFingerprint(c: { id: string; text: string; checked_at: string | null; sha256: string } | undefined): Fingerprint | null {
  if (!c?.text) return null;
  const key = `${c.id}|${c.checked_at ?? ''}|${c.sha256}`;
  let fp = collectedFingerprints.get(key);
  if (!fp) {
    collectedFingerprints.set(key, (fp = fingerprint(c.text)));
    if (collectedFingerprints.size > 5_000) collectedFingerprints.delete(collectedFingerprints.keys().next().value!);
  }
  return fp;
}

// ---------------------------------------------------------------------------------------------------------------
// Scheme

export async function getScheme(db: DbOrTx, p: Principal): Promise<{ scheme: AssessmentScheme; version: number | null; isDefault: boolean }> {
  assertSupervisor(p);
  const row = await store.schemeOf(db, p.agencyId);
  return row
    ? { scheme: JSON.parse(row.scheme) as AssessmentScheme, version: row.version, isDefault: false }
    : { scheme: DEFAULT_SCHEME, version: null, isDefault: true };
}

export async function saveScheme(db: DbOrTx, p: Principal, input: { scheme: AssessmentScheme; version: number | null }) {
  assertSupervisor(p);
  const problems = schemeProblems(input.scheme);
  if (problems.length) throw badRequest(`考核方案有误：${problems.join('')}`, { problems });
  return db.transaction().execute(async (tx) => {
    const before = await store.schemeOf(tx, p.agencyId);
    if ((before?.version ?? null) !== input.version) throw conflict('考核方案已被他人修改，请刷新后再保存。');
    const ok = await store.saveScheme(tx, p.agencyId, JSON.stringify(input.scheme), p.displayName, nowIso(), input.version);
    if (!ok) throw conflict('考核方案已被他人修改，请刷新后再保存。');
    await recordAudit(tx, actorOf(p), {
      action: 'supervision.scheme_saved',
      entityType: 'supervision_scheme',
      entityId: p.agencyId,
      agencyId: p.agencyId,
      before: before ? JSON.parse(before.scheme) : null,
      after: input.scheme,
    });
    return getScheme(tx, p);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Board

export interface BoardRow {
  agencyId: string;
  agencyName: string;
  parentId: string | null;
  depth: number;
  kind: Agency['kind'];
  requests: RequestFigures;
  onTimeRate: number | null;
  extensionRate: number | null;
  correctionsOnTimeRate: number | null;
  outcomeShares: Record<string, number | null>;
  releases: number;
  releasesLate: number;
  releasesOnTimeRate: number | null;
  columns: number;
  columnsBlank: number;
  columnsStale: number;
  guideGaps: string[];
  report: {
    year: number;
    deadline: string;
    status: string | null;
    publishedOn: string | null;
    late: boolean;
    errors: number;
    collected: { filename: string; findings: number; errors: number; readError: string | null } | null;
    similarity: ReturnType<typeof similarityOf>;
  };
  orders: { open: number; overdue: number; answered: number };
  /** Why the row is flagged (red on the board), as short phrases; empty when nothing needs attention. */
  flags: string[];
}

/** The board: one row per agency of the subtree, for a period (`today` fixes "now" for open/overdue). */
export async function board(ctx: AppContext, p: Principal, period: Period, today = todayInChina()) {
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
    if (rel.late) flags.push(`${rel.late}条信息超过20个工作日公开`);
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

function emptyRequests(): RequestFigures {
  return {
    received: 0,
    openNow: 0,
    overdueNow: 0,
    closed: 0,
    closedOnTime: 0,
    closedLate: 0,
    extended: 0,
    corrections: 0,
    correctionsOnTime: 0,
    outcomes: { disclosed: 0, partly_disclosed: 0, withheld: 0, unable: 0, not_processed: 0, other: 0 },
    reconsiderations: 0,
    litigations: 0,
    corrected: 0,
  };
}

function daysFrom(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Yearly figures of the subtree (or one agency) for the trend charts: `years` years ending with the period's. */
export async function trends(ctx: AppContext, p: Principal, opts: { agencyId?: string; lastYear: number; years?: number }, today = todayInChina()) {
  assertSupervisor(p);
  if (opts.agencyId) await visibleAgencyOrThrow(ctx.db, p, opts.agencyId);
  const years = Math.min(Math.max(opts.years ?? 5, 1), 10);
  const out = [];
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

async function visibleAgencyOrThrow(db: DbOrTx, p: Principal, agencyId: string): Promise<Agency> {
  const a = await getAgency(db, agencyId);
  if (!a || !canSeeAgency(p, a)) throw notFound('未找到该机关，或不在您的监督范围内。');
  return a;
}

export const DRILL_FIGURES = [
  'received',
  'open',
  'overdue',
  'late',
  'extended',
  'correction_late',
  'closed',
  'appeal_corrected',
  'disclosed',
  'partly_disclosed',
  'withheld',
  'unable',
  'not_processed',
  'other',
  'releases_late',
  'releases',
  'columns',
  'report',
  'orders',
] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

/** The records behind one figure of one agency: cases (applicants masked), releases, columns, report findings or 督办. */
export async function drillDown(ctx: AppContext, p: Principal, agencyId: string, figure: string, period: Period, today = todayInChina()) {
  assertSupervisor(p);
  const agency = await visibleAgencyOrThrow(ctx.db, p, agencyId);
  if (!(DRILL_FIGURES as readonly string[]).includes(figure)) throw badRequest('没有这项统计数据。');
  const head = { agencyId, agencyName: agency.name, figure, period };
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

// ---------------------------------------------------------------------------------------------------------------
// Assessment

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

export interface AssessmentResult {
  year: number;
  asOf: string;
  scheme: AssessmentScheme;
  agencies: RankedScore[];
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

// ---------------------------------------------------------------------------------------------------------------
// 督办

export interface OrderView {
  id: string;
  agencyId: string;
  agencyName: string;
  issuerName: string;
  subjectKind: OrderSubject;
  subjectId: string | null;
  subjectLabel: string;
  figure: string | null;
  what: string;
  dueDate: string;
  status: 'open' | 'answered';
  overdue: boolean;
  answer: string | null;
  answeredAt: string | null;
  answeredByName: string | null;
  answeredLate: boolean;
  version: number;
  createdAt: string;
}

function orderView(r: store.OrderRow & { agency_name?: string }, today: string): OrderView {
  const answeredOn = r.answered_at ? todayInChina(new Date(r.answered_at)) : null;
  return {
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name ?? '',
    issuerName: r.issuer_name,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    subjectLabel: r.subject_label,
    figure: r.figure,
    what: r.what,
    dueDate: r.due_date,
    status: r.status,
    overdue: r.status === 'open' && r.due_date < today,
    answer: r.answer,
    answeredAt: r.answered_at,
    answeredByName: r.answered_by_name,
    answeredLate: !!answeredOn && answeredOn > r.due_date,
    version: r.version,
    createdAt: r.created_at,
  };
}

export interface IssueOrderInput {
  agencyId: string;
  subjectKind: OrderSubject;
  subjectId?: string | null;
  subjectLabel?: string;
  figure?: string | null;
  what: string;
  dueDate: string;
}

/** Issues a 督办 to an agency of the subtree: what to do and by when. */
export async function issueOrder(ctx: AppContext, p: Principal, input: IssueOrderInput, today = todayInChina()): Promise<OrderView> {
  assertSupervisor(p);
  const agency = await visibleAgencyOrThrow(ctx.db, p, input.agencyId);
  if (agency.id === p.agencyId) throw badRequest('督办对象应为所辖机关，不能督办本机关。');
  const what = input.what?.trim() ?? '';
  if (what.length < 4) throw badRequest('请写明督办事项（至少4个字）。');
  if (what.length > 2000) throw badRequest('督办事项不能超过2000字。');
  if (!isIsoDate(input.dueDate)) throw badRequest('办理期限的日期格式应为“2026-12-31”。');
  if (input.dueDate < today) throw badRequest('办理期限不能早于今天。');
  let label = input.subjectLabel?.trim() || agency.name;
  if (input.subjectKind === 'case') {
    if (!input.subjectId) throw badRequest('请指明督办的申请。');
    const c = await casesBehindFigureById(ctx, p, agency.id, input.subjectId);
    label = `申请${c}`;
  }
  if (input.subjectKind === 'report') {
    // A report is named by its agency and year (`agencyId:year`): the 督办 shows on that report's page.
    const m = /^(.+):(\d{4})$/.exec(input.subjectId ?? '');
    if (!m || m[1] !== agency.id) throw badRequest('请指明督办的年度报告（机关与年度）。');
    label = `${m[2]}年度报告`;
  }
  const now = nowIso();
  const row = {
    id: newId(),
    agency_id: agency.id,
    issuer_agency_id: p.agencyId,
    issuer_id: p.userId,
    issuer_name: p.displayName,
    subject_kind: input.subjectKind,
    subject_id: input.subjectId ?? null,
    subject_label: label.slice(0, 200),
    figure: input.figure ?? null,
    what,
    due_date: input.dueDate,
    status: 'open' as const,
    answer: null,
    answered_at: null,
    answered_by_id: null,
    answered_by_name: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await store.insertOrder(tx, row);
    await recordAudit(tx, actorOf(p), {
      action: 'supervision.order_issued',
      entityType: 'supervision_order',
      entityId: row.id,
      agencyId: agency.id,
      after: row,
    });
    // 督办 lands in the agency's inbox (supervision/inbox.ts) and, now, with the staff who answer it (issue 12).
    const answerers = await staffRecipients(tx, ctx.cipher, { agencyId: agency.id, permission: 'supervision.answer' });
    await notifyStaff(
      ctx,
      tx,
      answerers,
      {
        kind: 'order_to_answer',
        orderId: row.id,
        ...(row.subject_kind === 'case' && row.subject_id ? { caseId: row.subject_id } : {}),
        title: row.subject_label,
        when: row.due_date,
      },
      { id: agency.id, name: agency.name },
    );
  });
  return orderView({ ...row, agency_name: agency.name }, today);
}

/** The tracking code of a case of the agency, or 404 (the case must be the agency's and visible). */
async function casesBehindFigureById(ctx: AppContext, p: Principal, agencyId: string, caseId: string): Promise<string> {
  const c = await ctx.db.selectFrom('cases').select(['tracking_code', 'agency_id']).where('id', '=', caseId).executeTakeFirst();
  if (!c || c.agency_id !== agencyId) throw notFound('未找到该申请，或它不属于该机关。');
  return c.tracking_code;
}

/** The agency's answer to a 督办 (its clerk or office head): recorded once; a second answer is refused. */
export async function answerOrder(
  ctx: AppContext,
  p: Principal,
  id: string,
  input: { version: number; answer: string },
  today = todayInChina(),
): Promise<OrderView> {
  assertCan(p, 'supervision.answer');
  const text = input.answer?.trim() ?? '';
  if (text.length < 2) throw badRequest('请填写办理情况。');
  if (text.length > 5000) throw badRequest('办理情况不能超过5000字。');
  return ctx.db.transaction().execute(async (tx) => {
    const o = await store.findOrder(tx, p, id);
    if (!o || o.agency_id !== p.agencyId) throw notFound('未找到该督办事项。');
    if (o.status === 'answered') throw conflict('该督办事项已经答复过了。');
    const now = nowIso();
    const changes = { status: 'answered' as const, answer: text, answered_at: now, answered_by_id: p.userId, answered_by_name: p.displayName, updated_at: now };
    if (!(await store.answerOrder(tx, id, input.version, changes))) throw conflict('该督办事项已被他人修改，请刷新后再操作。');
    await recordAudit(tx, actorOf(p), {
      action: 'supervision.order_answered',
      entityType: 'supervision_order',
      entityId: id,
      agencyId: o.agency_id,
      before: o,
      after: { ...o, ...changes },
    });
    return orderView({ ...o, ...changes, version: o.version + 1 }, today);
  });
}

/** 督办 visible to the principal: the office sees its subtree's, an agency its own. */
export async function listOrders(
  db: DbOrTx,
  p: Principal,
  f: { agencyId?: string; status?: 'open' | 'answered'; subjectKind?: string; subjectId?: string } = {},
  today = todayInChina(),
): Promise<OrderView[]> {
  if (!seesSubtree(p)) assertCan(p, 'cases.read');
  const rows = await store.listOrders(db, p, { ...f, limit: 500 });
  return rows.map((r) => orderView(r, today));
}

// ---------------------------------------------------------------------------------------------------------------
// Collected reports and the batch check

/** Stores an agency's report file for a year (replacing an earlier one) and checks it with the checker at once. */
export async function collectReport(ctx: AppContext, p: Principal, input: { agencyId: string; year: number; filename: string; bytes: Buffer }) {
  assertSupervisor(p);
  const agency = await visibleAgencyOrThrow(ctx.db, p, input.agencyId);
  if (!Number.isInteger(input.year) || input.year < 2008 || input.year > 2100) throw badRequest('报告年度不正确。');
  if (!input.bytes.length) throw badRequest('上传的文件是空的。');
  const check = await checkCollectedReport(input.bytes, await previousOf(ctx, agency.id, input.year));
  const now = nowIso();
  const row = {
    id: newId(),
    agency_id: agency.id,
    year: input.year,
    filename: input.filename.slice(0, 200),
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    size: input.bytes.length,
    content: input.bytes.toString('base64'),
    text: check.text,
    findings: JSON.stringify(check.findings),
    read_error: check.readError,
    checked_at: now,
    uploaded_by: p.displayName,
    uploaded_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await store.upsertCollected(tx, row);
    await recordAudit(tx, actorOf(p), {
      action: 'supervision.report_collected',
      entityType: 'supervision_collected',
      entityId: `${agency.id}:${input.year}`,
      agencyId: agency.id,
      after: { filename: row.filename, sha256: row.sha256, size: row.size },
    });
  });
  return { agencyId: agency.id, agencyName: agency.name, year: input.year, filename: row.filename, readError: check.readError, findings: check.findings };
}

async function previousOf(ctx: AppContext, agencyId: string, year: number) {
  return publishedData(ctx.db, agencyId, year - 1);
}

/** Checks every collected report of a year again, in one batch, and lists each agency's findings. */
export async function batchCheck(ctx: AppContext, p: Principal, year: number) {
  assertSupervisor(p);
  const all = await store.collectedFilesOfYear(ctx.db, p, year);
  const agencies = new Map((await subtree(ctx.db, p)).map((a) => [a.id, a]));
  const results = [];
  for (const c of all.filter((x) => x.year === year)) {
    const check = await checkCollectedReport(Buffer.from(c.content, 'base64'), await previousOf(ctx, c.agency_id, year));
    await store.updateCollectedCheck(ctx.db, c.id, {
      text: check.text,
      findings: JSON.stringify(check.findings),
      read_error: check.readError,
      checked_at: nowIso(),
    });
    results.push({
      agencyId: c.agency_id,
      agencyName: agencies.get(c.agency_id)?.name ?? '',
      filename: c.filename,
      readError: check.readError,
      errors: check.findings.filter((f) => f.severity === 'error').length,
      warnings: check.findings.filter((f) => f.severity === 'warning').length,
      findings: check.findings,
    });
  }
  return { year, checked: results.length, results };
}

/** Records a problem the office found by hand (counted by its indicator in the assessment). */
export async function recordFinding(
  ctx: AppContext,
  p: Principal,
  input: { agencyId: string; year: number; indicator: string; label: string; detail: string; foundOn: string },
) {
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
