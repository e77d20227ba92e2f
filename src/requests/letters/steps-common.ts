/** What the procedural letters share: the office's address, dates after the letter's, the applicant's notice shape. */
import type { Block } from '../../platform/documents/model.js';
import type { LetterContext } from './context.js';
import { receivedSentence, type Issues } from './phrases.js';
import { p, type LetterBody } from './template.js';

/** 「本机关办公室（地址：……）」: where the applicant or a consulted party sends things. */
export function officeAddress(ctx: LetterContext): string {
  return `本机关${ctx.agency.officeName}（地址：${ctx.agency.address}）`;
}

function laterThanLetter(issues: Issues, ctx: LetterContext, field: string, value: string, message: string): void {
  if (value <= ctx.letter.date) issues.add(field, message);
}

/** A required date (a deadline the letter sets) that must fall after the letter's own date. */
export function requiredDateAfterLetter(issues: Issues, ctx: LetterContext, field: string, value: string | undefined, label: string, message: string): void {
  if (issues.date(field, value, label)) laterThanLetter(issues, ctx, field, value!, message);
}

/** An optional date that, when given, must fall after the letter's own date. */
export function optionalDateAfterLetter(issues: Issues, ctx: LetterContext, field: string, value: string | undefined, label: string, message: string): void {
  if (issues.optionalDate(field, value, label)) laterThanLetter(issues, ctx, field, value!, message);
}

/** A notice to the applicant: the received-application sentence, then `blocks`, then the closing line. */
export function applicantNotice(ctx: LetterContext, blocks: Block[], closing = '特此告知。'): LetterBody {
  return { recipient: ctx.applicant.name, blocks: [p(receivedSentence(ctx)), ...blocks], closing };
}
