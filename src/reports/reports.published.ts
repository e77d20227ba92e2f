import type { DbOrTx } from '../platform/db/index.js';
import { type Report } from '../rules/report/index.js';
import type { ReportChapter } from './reports.api.js';
import * as store from './reports.store.js';

/** Published reports (public: the portal's 政府信息公开年报 section), as frozen at publication. */

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
