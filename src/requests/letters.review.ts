/** The head's review of a draft: the preview as it will be signed, and the return to its drafter with a comment. */
import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, masksApplicantOf, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { badRequest, conflict } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import { STALE } from './cases.core.js';
import { composeOrReject, letterName, maskLetterContext, updateDraftLetter, visibleLetter } from './letters.core.js';
import type { LetterContext, LetterKind } from './letters/index.js';
import { notifyLetterReturned } from './staff-notices.js';

/** The draft as the head will sign it (composed from the saved context, no 文号 yet): the inbox shows it in the page. */
export async function previewLetter(ctx: AppContext, p: Principal, letterId: string) {
  assertCan(p, 'cases.read');
  const { letter: l, row } = await visibleLetter(ctx, p, letterId);
  const saved = JSON.parse(l.content) as { context: LetterContext };
  const doc = composeOrReject(l.kind as LetterKind, masksApplicantOf(p, row.agency_id) ? maskLetterContext(saved.context) : saved.context);
  return {
    id: l.id,
    caseId: l.case_id,
    trackingCode: row.tracking_code,
    kind: l.kind,
    name: letterName(l.kind),
    status: l.status,
    version: l.version,
    draftedBy: l.drafted_by,
    createdAt: l.created_at,
    returnComment: l.return_comment ?? null,
    preview: doc,
  };
}

/** The head returns a draft to its drafter with a comment (the clerk's inbox shows it); the clerk drafts anew. */
export async function returnLetter(ctx: AppContext, p: Principal, letterId: string, input: { version: number; comment: string }) {
  assertCan(p, 'cases.read');
  const { letter: l, row } = await visibleLetter(ctx, p, letterId);
  assertCan(p, 'cases.approve', '告知书须经政府信息公开工作机构负责人审核。');
  if (l.status !== 'draft') throw conflict(l.status === 'released' ? '该告知书已签发。' : '该告知书已退回。');
  if (l.version !== input.version) throw conflict(STALE);
  // A pending extension request keeps its notice: returning it would leave the request without one (and the clerk
  // cannot ask again while it is pending). Until a refusal of the request exists, the head edits or signs it.
  if (l.kind === 'extension_notice') throw conflict('延期答复告知书随延期申请一并审批，不能单独退回；如不同意延期，请与经办人沟通后处理。');
  const comment = String(input.comment ?? '').trim();
  if (comment.length < 2) throw badRequest('退回须写明修改意见。');
  const now = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    await updateDraftLetter(tx, letterId, input.version, {
      status: 'returned',
      return_comment: comment.slice(0, 2000),
      returned_by: p.displayName,
      returned_at: now,
      version: l.version + 1,
      updated_at: now,
    });
    await recordAudit(tx, actorOf(p), {
      action: 'letter.returned',
      entityType: 'case_letter',
      entityId: letterId,
      agencyId: l.agency_id,
      detail: { caseId: l.case_id, kind: l.kind, comment },
    });
    await notifyLetterReturned(
      ctx,
      tx,
      { id: letterId, case_id: l.case_id, agency_id: l.agency_id, name: letterName(l.kind), drafted_by: l.drafted_by },
      row.tracking_code,
    );
  });
  return { id: letterId, status: 'returned' as const, version: l.version + 1 };
}
