/**
 * Use cases of the annual report (条例第四十九条、第五十条): a draft per agency and year computed from the
 * records, its text with bound figures, validation (errors block; each warning needs a named person's
 * acknowledgement), the review chain (办公室主任 → 分管领导 → 主要负责人), publication as an immutable
 * version, and corrections as new versions with a visible note. This index keeps the one name the callers use.
 */

export { REVIEW_STAGES, STAGE_LABELS, STATUS_LABELS, evaluate, findingKey, proseOf, type Evaluation, type ViewFinding } from './reports.core.js';
export { draftDocument, getReport, listReports, validateDraft } from './reports.read.js';
export { createDraft, recompute, updateNarrative } from './reports.draft.js';
export { acknowledgeWarning, publish, signOff, startCorrection } from './reports.review.js';
export { deadlineFor, publicationSummary } from './reports.punctuality.js';
export { publishedReport, publishedYears, type PublishedReport } from './reports.published.js';
