/** Letters of the application procedure (依申请公开文书): steps and one reply per outcome. */
export type * from './context.js';
export { LETTER_KINDS, STEP_KINDS, REPLY_TITLE, DISCONTINUATION_TITLE, replyKind, isLetterKind, letterKind, outcomeOfKind } from './kinds.js';
export type { LetterKind, LetterKindDef, ReplyKind, StepKind } from './kinds.js';
export { composeLetter, draftLetter, validateLetter, LetterValidationError, type DraftLetter } from './compose.js';
export { REGULATION_NAME, FEE_MEASURES_NAME, remediesParagraph, articleLabel } from './phrases.js';
export { WITHHELD_BASIS } from './replies.js';
