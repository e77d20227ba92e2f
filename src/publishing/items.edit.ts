import type { Db } from '../platform/db/index.js';
import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, type Principal, ROLE_LABELS } from '../platform/auth/permissions.js';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { checkAttachment, extractTextInWorker, sha256Hex } from './attachments.js';
import { ensureCatalogue, settingsOf } from './catalogue.service.js';
import { attachmentsOf, reviewsOf } from './items.store.js';
import type { ItemStatus, PubItemTable } from './publishing.tables.js';
import type { ItemInput, ReviewBody } from './publishing.api.js';
import { approvedLevels, contentHash, missingChecks } from './review.js';
import { STATUS_LABELS } from './publishing.labels.js';
import { afterContentChange, agencyOf, checkRefs, fields, loadForWrite, snapshot, validateInput } from './items.shared.js';

/** Drafting, editing, attachments and the review chain of proactive disclosure items. */

/** Drafts a new item (经办人). */
export async function createItem(db: Db, p: Principal, input: ItemInput): Promise<PubItemTable> {
  assertCan(p, 'publishing.draft');
  validateInput(input);
  const agencyId = input.agencyId ?? p.agencyId;
  if (agencyId !== p.agencyId) throw forbidden('只能为本机关起草公开信息。');
  return db.transaction().execute(async (tx) => {
    const agency = await agencyOf(tx, agencyId);
    await ensureCatalogue(tx, agencyId);
    await checkRefs(tx, agencyId, input);
    const now = nowIso();
    const item: PubItemTable = {
      id: newId(),
      agency_id: agencyId,
      index_no: null,
      index_year: null,
      index_seq: null,
      ...fields(input, agency.name),
      feedback_html: null,
      status: 'draft',
      version: 1,
      content_hash: '',
      release_at: null,
      published_at: null,
      withdrawn_at: null,
      withdraw_reason: null,
      created_by: p.userId,
      created_at: now,
      updated_at: now,
    };
    item.content_hash = contentHash({ ...item, attachments: [] });
    await tx.insertInto('pub_items').values(item).execute();
    await snapshot(tx, item, 'created', actorOf(p));
    await recordAudit(tx, actorOf(p), { action: 'publishing.item_created', entityType: 'pub_item', entityId: item.id, agencyId, after: item });
    return item;
  });
}

/** Edits an item. After approval this voids the approvals; editing a published item starts a revision. */
export async function updateItem(db: Db, p: Principal, id: string, input: ItemInput, expectedVersion?: number): Promise<PubItemTable> {
  assertCan(p, 'publishing.draft');
  validateInput(input);
  return db.transaction().execute(async (tx) => {
    const before = await loadForWrite(tx, p, id);
    if (before.status === 'withdrawn') throw conflict('该信息已撤回，不能再修改；如需重新公开，请新建信息。');
    if (expectedVersion !== undefined && expectedVersion !== before.version) throw conflict('该信息已被他人修改，请刷新后重试。');
    if (input.kind !== before.kind && before.published_at) throw badRequest('已发布信息不能改变信息类别。');
    const agency = await agencyOf(tx, before.agency_id);
    await checkRefs(tx, before.agency_id, input, id);
    const f = fields(input, agency.name);
    await tx
      .updateTable('pub_items')
      .set({ ...f, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    const changed = await afterContentChange(tx, { ...before, ...f }, actorOf(p), before.published_at ? 'revised' : 'edited');
    await recordAudit(tx, actorOf(p), {
      action: before.published_at ? 'publishing.item_revised' : 'publishing.item_edited',
      entityType: 'pub_item',
      entityId: id,
      agencyId: before.agency_id,
      before,
      after: changed,
    });
    return changed;
  });
}

/** Uploads an attachment (content-checked; text extracted for search). */
export async function addAttachment(db: Db, p: Principal, itemId: string, filename: string, data: Buffer) {
  assertCan(p, 'publishing.draft');
  const type = await checkAttachment(filename, data);
  const text = await extractTextInWorker(type.ext, data, filename);
  return db.transaction().execute(async (tx) => {
    const item = await loadForWrite(tx, p, itemId);
    if (item.status === 'withdrawn') throw conflict('该信息已撤回，不能再添加附件。');
    const count = (await attachmentsOf(tx, itemId)).length;
    if (count >= 20) throw badRequest('每条信息最多 20 个附件。');
    const row = {
      id: newId(),
      item_id: itemId,
      agency_id: item.agency_id,
      filename: filename.trim(),
      mime: type.mime,
      size: data.length,
      sha256: sha256Hex(data),
      data,
      text_content: text,
      removed: 0,
      created_at: nowIso(),
    };
    await tx.insertInto('pub_attachments').values(row).execute();
    await afterContentChange(tx, item, actorOf(p), 'attachment_added', row.filename);
    const { data: _d, text_content: _t, ...meta } = row;
    await recordAudit(tx, actorOf(p), {
      action: 'publishing.attachment_added',
      entityType: 'pub_item',
      entityId: itemId,
      agencyId: item.agency_id,
      after: meta,
    });
    return meta;
  });
}

/** Detaches an attachment from the working version (the bytes stay for the history). */
export async function removeAttachment(db: Db, p: Principal, itemId: string, attachmentId: string) {
  assertCan(p, 'publishing.draft');
  return db.transaction().execute(async (tx) => {
    const item = await loadForWrite(tx, p, itemId);
    const res = await tx
      .updateTable('pub_attachments')
      .set({ removed: 1 })
      .where('id', '=', attachmentId)
      .where('item_id', '=', itemId)
      .where('removed', '=', 0)
      .executeTakeFirst();
    if (!Number(res.numUpdatedRows)) throw notFound('未找到该附件。');
    await afterContentChange(tx, item, actorOf(p), 'attachment_removed', attachmentId);
    await recordAudit(tx, actorOf(p), {
      action: 'publishing.attachment_removed',
      entityType: 'pub_item',
      entityId: itemId,
      agencyId: item.agency_id,
      detail: { attachmentId },
    });
  });
}

/** Sends a draft into the review chain. */
export async function submitItem(db: Db, p: Principal, id: string): Promise<PubItemTable> {
  assertCan(p, 'publishing.draft');
  return db.transaction().execute(async (tx) => {
    const item = await loadForWrite(tx, p, id);
    if (item.status !== 'draft' && item.status !== 'returned') throw conflict(`该信息当前为“${STATUS_LABELS[item.status]}”，不能提交审核。`);
    if (!item.body_text && !(await attachmentsOf(tx, id)).length) throw badRequest('正文和附件不能都为空。');
    await tx.updateTable('pub_items').set({ status: 'in_review', updated_at: nowIso() }).where('id', '=', id).execute();
    const after = { ...item, status: 'in_review' as const };
    await snapshot(tx, after, 'submitted', actorOf(p));
    await recordAudit(tx, actorOf(p), {
      action: 'publishing.item_submitted',
      entityType: 'pub_item',
      entityId: id,
      agencyId: item.agency_id,
      before: item,
      after,
    });
    return after;
  });
}

/** One level of the review chain approves or returns the exact version it read. */
export async function reviewItem(db: Db, p: Principal, id: string, input: ReviewBody): Promise<PubItemTable> {
  assertCan(p, 'publishing.review');
  if (!['approved', 'returned'].includes(input.decision)) throw badRequest('审核结论须为同意或退回。');
  if (input.decision === 'returned' && !input.comment?.trim()) throw badRequest('退回时请填写修改意见。');
  if ((input.comment ?? '').length > 2000) throw badRequest('审核意见不能超过 2000 字。');
  return db.transaction().execute(async (tx) => {
    const item = await loadForWrite(tx, p, id);
    if (item.agency_id !== p.agencyId) throw forbidden('只能审核本机关的信息。');
    if (item.status !== 'in_review') throw conflict(`该信息当前为“${STATUS_LABELS[item.status]}”，不在审核中。`);
    if (input.contentHash !== item.content_hash) throw conflict('您审核的版本已被修改，请重新阅读最新版本后再审核。');
    if (item.created_by === p.userId) throw forbidden('不能审核自己起草的信息（先审查、后公开，审签分离）。');
    const { reviewLevels } = await settingsOf(tx, item.agency_id);
    const reviews = await reviewsOf(tx, id);
    const level = approvedLevels(reviewLevels, reviews, item.content_hash);
    if (level >= reviewLevels.length) throw conflict('该信息已完成全部审核。');
    const role = reviewLevels[level];
    if (p.role !== role) throw forbidden(`当前应由${ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role}审核（第 ${level + 1} 级）。`);
    if (input.decision === 'approved') {
      const missing = missingChecks(input.checklist);
      if (missing.length) throw badRequest(`请完成保密审查：${missing.join('；')}。`);
    }
    const review = {
      id: newId(),
      item_id: id,
      agency_id: item.agency_id,
      version: item.version,
      content_hash: item.content_hash,
      level,
      role,
      decision: input.decision,
      comment: (input.comment ?? '').trim(),
      checklist: JSON.stringify(input.checklist ?? {}),
      reviewer_id: p.userId,
      reviewer_name: p.displayName,
      voided: 0,
      created_at: nowIso(),
    };
    await tx.insertInto('pub_reviews').values(review).execute();
    let status: ItemStatus = item.status;
    if (input.decision === 'returned') {
      status = 'returned';
      // A return restarts the chain: every level reviews the corrected version again.
      await tx.updateTable('pub_reviews').set({ voided: 1 }).where('item_id', '=', id).where('voided', '=', 0).execute();
    } else if (level + 1 === reviewLevels.length) status = 'approved';
    await tx.updateTable('pub_items').set({ status, updated_at: nowIso() }).where('id', '=', id).execute();
    const after = { ...item, status };
    await recordAudit(tx, actorOf(p), {
      action: `publishing.review_${input.decision}`,
      entityType: 'pub_item',
      entityId: id,
      agencyId: item.agency_id,
      before: item,
      after,
      detail: { level: level + 1, role, contentHash: item.content_hash, comment: review.comment },
    });
    return after;
  });
}
