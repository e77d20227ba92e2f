/**
 * The supervising office's use cases (政务公开办): the oversight board over its subtree, the assessment (考核)
 * with every deduction's evidence, 督办 with answers, collected reports with the batch check, and the area's
 * figures. Figures come from the other capabilities' oversight queries. One file per job; this index keeps the
 * old module name for the routes, the command, the tests and the bench. Request and response types are in
 * supervision.api.ts.
 */

export { assess, assessmentFacts, recordFinding } from './supervision.assessment.js';
export { board, trends } from './supervision.board.js';
export { batchCheck, collectReport } from './supervision.collected.js';
export { guideGaps, parsePeriod, type Period } from './supervision.core.js';
export { drillDown } from './supervision.drill.js';
export { answerOrder, issueOrder, listOrders } from './supervision.orders.js';
export { getScheme, saveScheme } from './supervision.scheme.js';
