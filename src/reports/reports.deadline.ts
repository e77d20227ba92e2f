import type { ReportScope } from './reports.aggregate.js';

/**
 * When a report must be published (条例第四十九条): departments publish the previous year's report by
 * 31 January; the report of a people's government (itself with its departments) is published by its
 * supervising office by 31 March.
 */
export function reportDeadline(agency: { kind: string }, scope: ReportScope, year: number): string {
  return agency.kind === 'government' && scope === 'subtree' ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}

/** Calendar days from `from` to `to` (YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
