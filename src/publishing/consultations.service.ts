import type { AppContext } from '../platform/context.js';
import type { Db } from '../platform/db/index.js';
import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, visibleAgency, type Principal } from '../platform/auth/permissions.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { beijingDate, nowIso, todayInChina } from '../platform/time.js';
import { maskName, maskPhone } from '../rules/identity.js';
import type { PubCommentTable } from './publishing.tables.js';
import { sanitizeBody } from './sanitize.js';

/**
 * Drafts for public comment (决策预公开): the public comments during the period through a plain form; staff
 * moderate (nothing shows before approval); the agency publishes feedback on what it adopted. Commenters'
 * names and contacts are personal data: encrypted at rest, masked when shown.
 */

export type ConsultationState = 'upcoming' | 'open' | 'closed';

export function consultationState(opens: string | null, closes: string | null, today = todayInChina()): ConsultationState {
  if (!opens || !closes) return 'closed';
  if (today < opens) return 'upcoming';
  return today <= closes ? 'open' : 'closed';
}

export interface CommentInput {
  name: string;
  contact?: string;
  body: string;
}

const PUBLIC_ACTOR = { id: null, name: '社会公众' };

/** A member of the public comments on an open consultation (held for moderation). */
export async function submitComment(ctx: AppContext, agencyId: string, itemId: string, input: CommentInput): Promise<{ id: string }> {
  const name = (input.name ?? '').trim();
  const contact = (input.contact ?? '').trim();
  const body = (input.body ?? '').trim();
  if (!name || name.length > 40) throw badRequest('请填写姓名或单位名称（不超过 40 个字）。');
  if (contact.length > 100) throw badRequest('联系方式不能超过 100 个字符。');
  if (body.length < 5) throw badRequest('意见内容不能少于 5 个字。');
  if (body.length > 3000) throw badRequest('意见内容不能超过 3000 字。');
  return ctx.db.transaction().execute(async (tx) => {
    const item = await tx
      .selectFrom('pub_public_items')
      .select(['id', 'kind', 'comment_opens', 'comment_closes', 'agency_id'])
      .where('id', '=', itemId)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    if (!item || item.kind !== 'consultation') throw notFound('未找到该征求意见稿。');
    const state = consultationState(item.comment_opens, item.comment_closes);
    if (state !== 'open')
      throw conflict(state === 'upcoming' ? `征求意见尚未开始（${item.comment_opens} 开始）。` : `征求意见已于 ${item.comment_closes} 截止。`);
    const row: PubCommentTable = {
      id: newId(),
      item_id: itemId,
      agency_id: item.agency_id,
      name_enc: ctx.cipher.encrypt(name),
      contact_enc: contact ? ctx.cipher.encrypt(contact) : null,
      body,
      status: 'pending',
      reply: null,
      moderated_by: null,
      moderated_at: null,
      created_at: nowIso(),
    };
    await tx.insertInto('pub_comments').values(row).execute();
    await recordAudit(tx, PUBLIC_ACTOR, {
      action: 'publishing.comment_submitted',
      entityType: 'pub_comment',
      entityId: row.id,
      agencyId: item.agency_id,
      after: { ...row, name_enc: undefined, contact_enc: undefined },
    });
    return { id: row.id };
  });
}

const maskContact = (c: string) => (/^\d{7,}$/.test(c.replace(/[-\s]/g, '')) ? maskPhone(c) : c.replace(/^(.).*(@.*)$/, '$1***$2'));

/** Comments on a consultation, for staff (names decrypted, contacts masked). */
export async function listComments(ctx: AppContext, p: Principal, itemId: string) {
  assertCan(p, 'publishing.draft');
  // Another agency's item answers 404, as if it did not exist (not an empty list that confirms it does).
  const item = await ctx.db
    .selectFrom('pub_items')
    .select('id')
    .where('id', '=', itemId)
    .where((eb) => visibleAgency(eb, 'pub_items.agency_id', p))
    .executeTakeFirst();
  if (!item) throw notFound('未找到该信息，或您无权查看。');
  const rows = await ctx.db
    .selectFrom('pub_comments')
    .selectAll()
    .where('item_id', '=', itemId)
    .where((eb) => visibleAgency(eb, 'pub_comments.agency_id', p))
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    body: r.body,
    reply: r.reply,
    createdAt: r.created_at,
    moderatedAt: r.moderated_at,
    name: ctx.cipher.decrypt(r.name_enc),
    contact: r.contact_enc ? maskContact(ctx.cipher.decrypt(r.contact_enc)) : null,
  }));
}

/** Approves (shows) or rejects a comment, optionally with the agency's reply. */
export async function moderateComment(db: Db, p: Principal, commentId: string, input: { status: 'approved' | 'rejected'; reply?: string }) {
  assertCan(p, 'publishing.draft');
  if (!['approved', 'rejected'].includes(input.status)) throw badRequest('审核结果须为通过或不予显示。');
  if ((input.reply ?? '').length > 2000) throw badRequest('答复不能超过 2000 字。');
  return db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('pub_comments')
      .selectAll()
      .where('id', '=', commentId)
      .where((eb) => visibleAgency(eb, 'pub_comments.agency_id', p))
      .executeTakeFirst();
    if (!before) throw notFound('未找到该意见。');
    const after = { ...before, status: input.status, reply: input.reply?.trim() || null, moderated_by: p.userId, moderated_at: nowIso() };
    await tx
      .updateTable('pub_comments')
      .set({ status: after.status, reply: after.reply, moderated_by: after.moderated_by, moderated_at: after.moderated_at })
      .where('id', '=', commentId)
      .execute();
    await recordAudit(tx, actorOf(p), {
      action: 'publishing.comment_moderated',
      entityType: 'pub_comment',
      entityId: commentId,
      agencyId: before.agency_id,
      before: { status: before.status },
      after: { status: after.status, reply: after.reply },
    });
    return { id: commentId, status: after.status };
  });
}

/** Approved comments of a consultation, for the public page (names masked). */
export async function publicComments(ctx: AppContext, itemId: string) {
  const rows = await ctx.db
    .selectFrom('pub_comments')
    .select(['id', 'name_enc', 'body', 'reply', 'created_at'])
    .where('item_id', '=', itemId)
    .where('status', '=', 'approved')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, name: maskName(ctx.cipher.decrypt(r.name_enc)), body: r.body, reply: r.reply, date: beijingDate(r.created_at) }));
}

/** Publishes the feedback on the consultation (意见采纳情况反馈): a reviewer's decision, shown at once. */
export async function setFeedback(db: Db, p: Principal, itemId: string, feedbackHtml: string) {
  assertCan(p, 'publishing.review');
  const clean = sanitizeBody(feedbackHtml ?? '');
  if (!clean) throw badRequest('请填写意见采纳情况。');
  return db.transaction().execute(async (tx) => {
    const item = await tx
      .selectFrom('pub_items')
      .selectAll()
      .where('id', '=', itemId)
      .where((eb) => visibleAgency(eb, 'pub_items.agency_id', p))
      .executeTakeFirst();
    if (!item || item.kind !== 'consultation') throw notFound('未找到该征求意见稿。');
    if (item.agency_id !== p.agencyId) throw notFound('未找到该征求意见稿。');
    await tx.updateTable('pub_items').set({ feedback_html: clean, updated_at: nowIso() }).where('id', '=', itemId).execute();
    await tx.updateTable('pub_public_items').set({ feedback_html: clean }).where('id', '=', itemId).execute();
    await recordAudit(tx, actorOf(p), {
      action: 'publishing.feedback_published',
      entityType: 'pub_item',
      entityId: itemId,
      agencyId: item.agency_id,
      before: { feedback_html: item.feedback_html },
      after: { feedback_html: clean },
    });
    return { feedbackHtml: clean };
  });
}
