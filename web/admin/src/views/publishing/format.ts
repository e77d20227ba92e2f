import type { Art26 } from './publishing-api.js';

/** Pure formatting of the 主动公开 pages (no DOM, no Vue), tested in test/e2e/publishing-console.e2e.test.ts. */

/** The first 12 hex digits of a version hash, as people compare them. */
export const shortHash = (h: string | null | undefined) => (h ? h.slice(0, 12) : '—');

export function fmtSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Today's date in Beijing, YYYY-MM-DD. */
export function todayBeijing(at = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The short text of the 条例第二十六条 badge. */
export function art26Short(a: Art26 | null | undefined): string {
  if (!a) return '';
  if (a.level === 'overdue') return `已超期 ${-a.remaining} 个工作日`;
  if (a.level === 'warning') return a.remaining === 0 ? '今日到期' : `剩 ${a.remaining} 个工作日`;
  if (a.level === 'invalid') return '日期无效';
  return `${a.due} 前公开`;
}

export type ConsultationPhase = 'upcoming' | 'open' | 'closed';

/** Where a consultation's comment period stands on `today` (both ends inclusive, as the server counts). */
export function consultationPhase(opens: string | null | undefined, closes: string | null | undefined, today: string): ConsultationPhase {
  if (!opens || !closes) return 'closed';
  if (today < opens) return 'upcoming';
  return today <= closes ? 'open' : 'closed';
}
