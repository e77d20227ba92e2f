/** What the reply templates share: their shape, the checks of case dates, and small text helpers. */
import type { ReplyFields, LetterContext } from './context.js';
import type { Citer, Issues } from './phrases.js';
import type { LetterBody } from './template.js';

/** The outcome's own part of a reply: the composer adds the opening, the procedure, the remedies and the closing. */
export type ReplyBuilder = (ctx: LetterContext, c: Citer, r: ReplyFields) => Omit<LetterBody, 'recipient' | 'closing'> & { closing?: string };
/** The outcome's own checks of the reply fields. */
export type ReplyValidator = (ctx: LetterContext, issues: Issues, r: ReplyFields) => void;
/** One outcome's reply. */
export interface ReplySpec {
  validate?: ReplyValidator;
  build: ReplyBuilder;
}

/** A date of an event of this case: present, valid, between the received date and the letter's date. */
export function caseDate(ctx: LetterContext, issues: Issues, field: string, value: string | undefined, label: string, required: boolean): boolean {
  const ok = required ? issues.date(field, value, label) : issues.optionalDate(field, value, label);
  if (ok && (value! < ctx.case.receivedDate || value! > ctx.letter.date)) {
    issues.add(field, `${label}应当在收到申请之日和本文书日期之间`);
    return false;
  }
  return ok;
}

export function hasText(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** 「（枣信访依申告〔2026〕3号）」 after a notice it names, or nothing when its number is unknown. */
export function docNumberNote(docNumber: string | undefined): string {
  return hasText(docNumber) ? `（${docNumber.trim()}）` : '';
}
