/**
 * The checker's worker task (run by the platform's worker pool, src/platform/workers/pool.ts): read and check one
 * uploaded report, with last year's report for the carry-over rule.
 */

import type { CheckedReport } from '../../rules/report/types.js';
import { checkReportBytes, type CheckResult } from './check.js';

export interface CheckTask {
  bytes: Uint8Array;
  fileName?: string;
  /** Last year's report as bytes (read in the same task) or as an already checked report. */
  previousBytes?: Uint8Array;
  previous?: CheckedReport;
  maxChars?: number;
  pdfTimeoutMs?: number;
  ocrTimeoutMs?: number;
}

export async function handle(task: CheckTask): Promise<CheckResult> {
  const limits = { maxChars: task.maxChars, pdfTimeoutMs: task.pdfTimeoutMs, ocrTimeoutMs: task.ocrTimeoutMs };
  const previous = task.previous ?? (task.previousBytes ? (await checkReportBytes(task.previousBytes, limits)).report : undefined);
  return checkReportBytes(task.bytes, { ...limits, fileName: task.fileName, previous });
}
