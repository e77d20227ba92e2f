/**
 * The oversight queries of 依申请公开 for the supervising office (政务公开办): per-agency figures for a period
 * and the records behind each figure. Every query is scoped with `visibleAgency`; applicants appear only
 * masked. Called by the supervision capability (it never reads these tables itself).
 */

export { emptyFigures, type Period, type RequestFigures, requestFiguresByAgency, splitPeriod } from './oversight-figures.js';
export {
  CASE_FIGURES,
  type CaseFigure,
  caseTrackingCodeForOversight,
  casesBehindFigure,
  type OversightCaseRow,
  requestEvidence,
} from './oversight-cases.js';
export { type PublicYearStats, publicYearStats } from './oversight-public.js';
