/**
 * Letters of a case: a clerk drafts (composed from the case's facts plus the fields the clerk adds), the
 * head of the disclosure office signs off (条例第三十三条: 公开工作机构负责人), and release numbers the letter
 * (文号 per agency per year, e.g. 枣信访依申复〔2026〕3号), renders the GB/T 9704 .docx, archives it with its
 * SHA-256 and makes it downloadable for the applicant on the lookup page. One file per job:
 * - letters.context.ts: the letter's facts from the case, its ledger and agency, plus the clerk's fields;
 * - letters.draft.ts: drafting (alone, or inside a step's transaction);
 * - letters.release.ts: 文号, sign-off and release; letters.review.ts: the head's preview and return;
 * - letters.queries.ts: a case's letters and the downloads; letters.core.ts: what they share.
 * The letter texts themselves are pure and live in letters/.
 */
export { maskLetterContext } from './letters.core.js';
export { draftCaseLetter, insertDraftLetter } from './letters.draft.js';
export { agencyAbbreviation, letterNumberPrefix, releaseLetter, releaseLetterInTx } from './letters.release.js';
export { previewLetter, returnLetter } from './letters.review.js';
export { downloadLetter, downloadLetterPublic, listCaseLetters } from './letters.queries.js';
