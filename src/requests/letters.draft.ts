/** Drafting letters: composed from the case's facts plus the clerk's fields, stored as a draft for the head to sign. */
import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/index.js';
import type { OfficialDoc } from '../platform/documents/index.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso, todayInChina } from '../platform/time.js';
import type { Calendar } from '../rules/calendar/index.js';
import { isOutcomeKey, type OutcomeKey } from '../rules/outcomes.js';
import { loadCalendar } from './calendar.service.js';
import * as store from './cases.store.js';
import { contextFor } from './letters.context.js';
import { composeOrReject, type Fields } from './letters.core.js';
import { isLetterKind, letterKind, outcomeOfKind, replyKind, type LetterContext, type LetterKind } from './letters/index.js';
import { notifyLetterToSign } from './staff-notices.js';

const ALLOWED_SECTIONS = new Set([
  'receipt',
  'correction',
  'extension',
  'thirdPartyConsultation',
  'agencyConsultation',
  'thirdPartyDisclosure',
  'fee',
  'reasonsRequest',
  'deferral',
  'reply',
  'letter',
]);

/** Stores a composed draft with its fields and context, and audits it, inside the caller's transaction. */
async function storeDraft(tx: Tx, p: Principal, row: store.CaseRow, kind: LetterKind, fields: Fields, lctx: LetterContext, id: string, now: string) {
  const r = {
    id,
    case_id: row.id,
    agency_id: row.agency_id,
    kind,
    doc_number: null,
    status: 'draft' as const,
    content: JSON.stringify({ fields, context: lctx }),
    sha256: null,
    docx: null,
    released_at: null,
    signed_by: null,
    drafted_by: p.displayName,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('case_letters').values(r).execute();
  await recordAudit(tx, actorOf(p), {
    action: 'letter.drafted',
    entityType: 'case_letter',
    entityId: id,
    agencyId: row.agency_id,
    after: { ...r, content: undefined },
    detail: { caseId: row.id, kind },
  });
}

/** Drafts a letter (validated and composed now, so the clerk sees what is missing). */
export async function draftCaseLetter(ctx: AppContext, p: Principal, caseId: string, input: { kind: string; fields?: Fields }) {
  assertCan(p, 'cases.write', '您没有起草告知书的权限。');
  const row = await store.findVisibleCase(ctx.db, p, caseId);
  if (!row) throw notFound('未找到该申请，或您无权查看。');
  let kind = input.kind;
  if (kind === 'reply' && row.outcome && isOutcomeKey(row.outcome)) kind = replyKind(row.outcome as OutcomeKey);
  if (!isLetterKind(kind)) throw badRequest('告知书类型不正确。');
  const key = outcomeOfKind(kind);
  if (key && row.outcome !== key) throw conflict('答复书须与该申请的办理结果一致：请先以该结果办结，再起草答复书。');
  const fields = input.fields ?? {};
  for (const k of Object.keys(fields)) if (!ALLOWED_SECTIONS.has(k)) throw badRequest(`不允许的字段：${k}。`);
  const date = todayInChina();
  const lctx = await contextFor(ctx, ctx.db, row, kind, fields, date, await loadCalendar(ctx.db));
  const doc = composeOrReject(kind, lctx);
  const id = newId();
  const now = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    await storeDraft(tx, p, row, kind, fields, lctx, id, now);
    await notifyLetterToSign(ctx, tx, { id, case_id: row.id, agency_id: row.agency_id, name: letterKind(kind).name, created_at: now }, row.tracking_code);
  });
  return { id, kind, name: letterKind(kind).name, status: 'draft' as const, version: 1, preview: doc };
}

/**
 * Composes and stores a draft letter inside the caller's transaction: a step that comes with its notice
 * (补正, 延期) writes the step and the draft together, or neither. `db` must be that transaction.
 */
export async function insertDraftLetter(
  ctx: AppContext,
  tx: Tx,
  p: Principal,
  row: store.CaseRow,
  kind: LetterKind,
  calendar: Calendar,
  opts: { id?: string; date?: string; fields?: Fields } = {},
): Promise<{ id: string; doc: OfficialDoc }> {
  const fields = opts.fields ?? {};
  const date = opts.date ?? todayInChina();
  const lctx = await contextFor(ctx, tx, row, kind, fields, date, calendar);
  const doc = composeOrReject(kind, lctx);
  const id = opts.id ?? newId();
  await storeDraft(tx, p, row, kind, fields, lctx, id, nowIso());
  return { id, doc };
}
