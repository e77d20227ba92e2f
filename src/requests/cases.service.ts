/**
 * The public API of the case use cases (依申请公开), one file per job:
 * - cases.core.ts: the version-checked write helper every action goes through, shared preconditions;
 * - cases.intake.ts: online submissions and staff registration;
 * - cases.receipt.ts, cases.correction.ts, cases.consult.ts, cases.fee.ts, cases.deadlines.ts, cases.close.ts,
 *   cases.assign.ts: the actions, by family, with their preconditions;
 * - cases.sweep.ts: the daily close of lapsed cases and the recomputation after a calendar import;
 * - cases.queries.ts: workbench, list, detail; cases.lookup.ts: the applicant's lookup;
 * - cases.files.ts: uploaded files; cases.labels.ts: labels and published-document suggestions.
 * Queries on the database live in cases.store.ts.
 */
export type { CaseRow } from './cases.store.js';
export { APPLICANT_ACTOR, STALE, type ActResult, type Loaded } from './cases.core.js';
export { CHANNEL_LABELS, STATE_LABELS } from './cases.labels.js';
export { suggestPublished } from './cases.suggest.js';
export { ApplicationInvalid, registerApplication, submitOnline, type NewCaseResult } from './cases.intake.js';
export { acceptCase, confirmReceipt } from './cases.receipt.js';
export { recordCorrection, requestCorrection, submitCorrectionByApplicant } from './cases.correction.js';
export { answerConsultation, startConsultation } from './cases.consult.js';
export { notifyFee, recordFeePaid } from './cases.fee.js';
export { extendCase, requestExtension, setLaterDeadline } from './cases.deadlines.js';
export { closeCase, transferCase } from './cases.close.js';
export { addNote, assignCase, batchAssign, listAssignees } from './cases.assign.js';
export { closeLapsedJob, deadlineMoves, recomputeOpenCases, sweepLapsed } from './cases.sweep.js';
export { allowedActions, getCaseDetail, listCasesFor, workbench, type CaseAction } from './cases.queries.js';
export { authenticateLookup, lookupCase } from './cases.lookup.js';
export { attachFile, getCaseFile } from './cases.files.js';
