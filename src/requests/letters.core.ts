/** What the letter use cases share: the staff fields' type, the visible-letter lookup, composing, masking. */
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/index.js';
import type { OfficialDoc } from '../platform/documents/index.js';
import { AppError, conflict, notFound } from '../platform/errors.js';
import type { Principal } from '../platform/auth/permissions.js';
import { maskName } from '../rules/identity.js';
import { STALE } from './cases.core.js';
import * as store from './cases.store.js';
import type { CaseLetterTable } from './requests.tables.js';
import { draftLetter, isLetterKind, letterKind, LetterValidationError, type LetterContext, type LetterKind } from './letters/index.js';

/** Staff-supplied fields of a letter, by section of its context. */
export type Fields = Record<string, unknown>;

/** The Chinese name of a stored letter's kind (the raw kind when it is not one of today's). */
export function letterName(kind: string): string {
  return isLetterKind(kind) ? letterKind(kind).name : kind;
}

/** Composes the letter; an incomplete context is a 400 listing the missing fields. */
export function composeOrReject(kind: LetterKind, lctx: LetterContext): OfficialDoc {
  try {
    return draftLetter(kind, lctx).doc;
  } catch (err) {
    if (err instanceof LetterValidationError) throw new AppError(400, err.message, 'letter_incomplete', { issues: err.issues });
    throw err;
  }
}

/** A letter and its case, when the case is visible to the principal; otherwise 404 (as if it did not exist). */
export async function visibleLetter(ctx: AppContext, p: Principal, letterId: string) {
  const letter = await ctx.db.selectFrom('case_letters').selectAll().where('id', '=', letterId).executeTakeFirst();
  const row = letter ? await store.findVisibleCase(ctx.db, p, letter.case_id) : undefined;
  if (!letter || !row) throw notFound('未找到该告知书，或您无权查看。');
  return { letter, row };
}

/** Changes a letter that is still the draft at `version` (release, return); otherwise 409, as for any stale write. */
export async function updateDraftLetter(tx: Tx, letterId: string, version: number, set: Partial<Omit<CaseLetterTable, 'id'>>): Promise<void> {
  const res = await tx
    .updateTable('case_letters')
    .set(set)
    .where('id', '=', letterId)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict(STALE);
}

/** A letter's context with the applicant masked (the case page's rule): name, and the address or e-mail it goes to. */
export function maskLetterContext(c: LetterContext): LetterContext {
  const hidden = '（个人信息已隐去）';
  const out: LetterContext = { ...c, applicant: { ...c.applicant, name: c.applicant.isOrganization ? c.applicant.name : maskName(c.applicant.name) } };
  if (c.reply?.provision?.detail && (c.reply.provision.delivery === 'post' || c.reply.provision.delivery === 'email')) {
    out.reply = { ...c.reply, provision: { ...c.reply.provision, detail: hidden } };
  }
  return out;
}
