import { assertCan, visibleAgency, type Principal } from '../platform/auth/permissions.js';
import type { DbOrTx } from '../platform/db/index.js';
import type { Agency } from '../platform/org/agencies.service.js';
import { todayInChina } from '../platform/time.js';
import { forbidden } from '../platform/errors.js';
import { fingerprint, type Fingerprint } from '../rules/assessment/index.js';
import { validateReport, type Finding, type Report } from '../rules/report/index.js';
import { checkDocument, extractDocument, ReportReadError } from './check/index.js';
import { lineText } from './check/document.js';
import { computeReport, defaultScope } from './reports.compute.js';
import { reportDeadline } from './reports.deadline.js';
import type { ReportChapter } from './reports.document.js';
import { proseOf } from './reports.service.js';
import './reports.store.js';

/**
 * The oversight queries of annual reports for the supervising office: each agency's report of a year (status,
 * deadline, publication, the errors the rules find in it, its text for the similarity check), the area's
 * summary tables, and the batch check of reports collected as files from agencies on other systems (the
 * existing checker, called as it is).
 */

export interface ReportStatusRow {
  agencyId: string;
  year: number;
  deadline: string;
  status: 'draft' | 'approved' | 'published' | null;
  publishedOn: string | null;
  late: boolean;
  /** The published report's errors (rules re-run on the frozen data and text); empty when not published. */
  errors: Finding[];
  /** The published text's fingerprint (preamble and chapters), for the similarity check. */
  fingerprint: Fingerprint | null;
}

/**
 * What a published version gives the board, computed once per version (a published version never changes):
 * its text's fingerprint, and its errors against the version before it. Bounded; the least recently used go.
 */
const versionCache = new Map<string, { fingerprint: Fingerprint; errors: Finding[] }>();
const VERSION_CACHE_MAX = 20_000;

function cached(key: string) {
  const v = versionCache.get(key);
  if (v) {
    versionCache.delete(key);
    versionCache.set(key, v);
  }
  return v;
}

/**
 * Reports of `year` (and the fingerprint of `year − 1`, for the similarity check) for every visible agency.
 * Only the versions not seen before are read whole (data and text) and checked; a province's board reads the
 * list of versions and nothing else.
 */
export async function reportStatusByAgency(db: DbOrTx, p: Principal, agencies: Pick<Agency, 'id' | 'kind'>[], year: number, today: string) {
  assertCan(p, 'reports.read');
  const [drafts, versions] = await Promise.all([
    db
      .selectFrom('annual_reports')
      .where((eb) => visibleAgency(eb, 'annual_reports.agency_id', p))
      .where('year', '=', year)
      .select(['agency_id', 'status', 'first_published_at'])
      .execute(),
    db
      .selectFrom('annual_report_versions')
      .where((eb) => visibleAgency(eb, 'annual_report_versions.agency_id', p))
      .where('year', 'in', [year, year - 1, year - 2])
      .select(['id', 'agency_id', 'year', 'version', 'published_at'])
      .orderBy('version')
      .execute(),
  ]);
  const latest = new Map<string, (typeof versions)[number]>();
  const first = new Map<string, string>();
  for (const v of versions) {
    const k = `${v.agency_id}|${v.year}`;
    latest.set(k, v);
    if (!first.has(k) || v.published_at < first.get(k)!) first.set(k, v.published_at);
  }
  // The versions the board shows (this year's and last year's latest), keyed with the version they are checked against.
  const wanted: { key: string; id: string; previousId: string | null }[] = [];
  for (const v of latest.values()) {
    if (v.year === year - 2) continue;
    const prev = latest.get(`${v.agency_id}|${v.year - 1}`);
    wanted.push({ key: `${v.id}|${prev?.id ?? ''}`, id: v.id, previousId: prev?.id ?? null });
  }
  const missing = wanted.filter((w) => !cached(w.key));
  for (let i = 0; i < missing.length; i += 200) {
    const part = missing.slice(i, i + 200);
    const ids = [...new Set(part.flatMap((w) => (w.previousId ? [w.id, w.previousId] : [w.id])))];
    const rows = await db.selectFrom('annual_report_versions').where('id', 'in', ids).select(['id', 'data', 'chapters']).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const w of part) {
      const v = byId.get(w.id);
      if (!v) continue;
      const previous = w.previousId ? byId.get(w.previousId) : undefined;
      const errors = validateReport(JSON.parse(v.data) as Report, { previous: previous ? (JSON.parse(previous.data) as Report) : undefined }).filter(
        (f) => f.severity === 'error',
      );
      versionCache.set(w.key, { fingerprint: fingerprint(proseOf(JSON.parse(v.chapters) as { preamble: string; chapters: ReportChapter[] })), errors });
      if (versionCache.size > VERSION_CACHE_MAX) versionCache.delete(versionCache.keys().next().value!);
    }
  }
  const keyOf = new Map(wanted.map((w) => [w.id, w.key]));
  const derived = (v: (typeof versions)[number] | undefined) => (v ? (versionCache.get(keyOf.get(v.id)!) ?? null) : null);
  const draftOf = new Map(drafts.map((d) => [d.agency_id, d]));
  const out = new Map<string, ReportStatusRow & { previousFingerprint: Fingerprint | null }>();
  for (const a of agencies) {
    const v = latest.get(`${a.id}|${year}`);
    const deadline = reportDeadline(a, defaultScope(a), year);
    const firstAt = first.get(`${a.id}|${year}`);
    const publishedOn = firstAt ? todayInChina(new Date(firstAt)) : null;
    const d = derived(v);
    out.set(a.id, {
      agencyId: a.id,
      year,
      deadline,
      status: draftOf.get(a.id)?.status ?? (v ? 'published' : null),
      publishedOn,
      late: publishedOn ? publishedOn > deadline : today > deadline,
      errors: d?.errors ?? [],
      fingerprint: d?.fingerprint ?? null,
      previousFingerprint: derived(latest.get(`${a.id}|${year - 1}`))?.fingerprint ?? null,
    });
  }
  return out;
}

/** The area's summary tables (全市汇总): the government itself and every agency below it, summed from the records. */
export async function areaSummary(db: DbOrTx, p: Principal, government: Pick<Agency, 'id' | 'path' | 'name'>, year: number) {
  assertCan(p, 'reports.read');
  if (!government.path.startsWith(p.agencyPath)) throw forbidden('只能汇总本机关及所辖机关的数据。');
  return computeReport(db, government, year, 'subtree');
}

export interface CollectedCheck {
  ok: boolean;
  year: number | null;
  agencyNamed: string | null;
  findings: Finding[];
  /** Text of the file (for the similarity check); empty when it could not be read. */
  text: string;
  /** Why the file could not be read, as a sentence. */
  readError: string | null;
}

/** Checks a report collected as a file (the existing checker, unchanged), keeping its text for the similarity check. */
export async function checkCollectedReport(bytes: Uint8Array, previous?: Report): Promise<CollectedCheck> {
  try {
    const doc = await extractDocument(bytes);
    const text = doc.lines.map(lineText).join('\n');
    const r = checkDocument(doc, previous ? { previous } : {});
    return { ok: true, year: r.report.year, agencyNamed: r.report.agency, findings: r.report.findings, text, readError: null };
  } catch (e) {
    if (e instanceof ReportReadError) return { ok: false, year: null, agencyNamed: null, findings: [], text: '', readError: e.message };
    throw e;
  }
}

/** The published report data of an agency's year (the checker's carry-over rule compares with it). */
export async function publishedData(db: DbOrTx, agencyId: string, year: number): Promise<Report | undefined> {
  const v = await db
    .selectFrom('annual_report_versions')
    .select('data')
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  return v ? (JSON.parse(v.data) as Report) : undefined;
}
