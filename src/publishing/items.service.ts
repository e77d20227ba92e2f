import type { Db, DbOrTx, Tx } from '../platform/db/index.js';
import { isPostgres } from '../platform/db/dialect.js';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, can, visibleAgency, type Principal } from '../platform/auth/permissions.js';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { DATE_RANGE_MESSAGE, isIsoDate, nowIso, todayInChina } from '../platform/time.js';
import { getAgency } from '../platform/org/agencies.service.js';
import { indexDocument, removeDocument, search } from '../platform/search/index.js';
import { ROLE_LABELS } from '../platform/auth/permissions.js';
import { art26Status } from './art26.js';
import { checkAttachment, extractTextInWorker, sha256Hex } from './attachments.js';
import { formatIndexNo, seqPerColumn } from './catalogue.js';
import { columnsOf, ensureCatalogue, settingsOf } from './catalogue.service.js';
import { attachmentsOf, findItemForStaff, interpretationsOf, listItemsForStaff, reviewsOf, type StaffListFilter } from './items.store.js';
import type { Attribute, ItemKind, ItemStatus, PubItemTable, PubPublicItemTable, Validity } from './publishing.schema.js';
import { approvedLevels, contentHash, fullyApproved, missingChecks, type ReviewedContent } from './review.js';
import { plainText, sanitizeBody } from './sanitize.js';

/**
 * Proactive disclosure items: drafting, the review chain, release (now or scheduled), revision and
 * withdrawal. Release copies the approved version into pub_public_items and the search index in the same
 * transaction; withdrawal removes both. The public side reads nothing else.
 */

export const KINDS: ItemKind[] = ['general', 'normative', 'rule', 'interpretation', 'meeting', 'consultation'];
export const KIND_LABELS: Record<ItemKind, string> = {
  general: '一般信息',
  normative: '行政规范性文件',
  rule: '规章',
  interpretation: '政策解读',
  meeting: '会议公开',
  consultation: '决策草案征求意见',
};
export const VALIDITY_LABELS: Record<Validity, string> = { valid: '有效', expired: '失效', repealed: '废止' };
export const ATTRIBUTE_LABELS: Record<Attribute, string> = { proactive: '主动公开', on_request: '依申请公开', withheld: '不予公开' };
export const STATUS_LABELS: Record<ItemStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  returned: '已退回',
  approved: '已审核待发布',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
};

export interface ItemInput {
  agencyId?: string;
  columnCode: string;
  kind: ItemKind;
  title: string;
  summary?: string;
  bodyHtml?: string;
  docNumber?: string | null;
  publisher?: string;
  createdOn: string;
  changedOn?: string | null;
  validity?: Validity;
  attribute: Attribute;
  withheldReason?: string | null;
  policyId?: string | null;
  commentOpens?: string | null;
  commentCloses?: string | null;
}

export const itemUrl = (agencyCode: string, it: { id: string; kind: string }) =>
  it.kind === 'consultation' ? `/a/${agencyCode}/consultations/${it.id}` : `/a/${agencyCode}/items/${it.id}`;

function validateInput(i: ItemInput): void {
  if (!KINDS.includes(i.kind)) throw badRequest('信息类别不正确。');
  if (!i.title?.trim()) throw badRequest('请填写标题。');
  if (i.title.length > 200) throw badRequest('标题不能超过 200 个字。');
  if ((i.summary ?? '').length > 1000) throw badRequest('内容概述不能超过 1000 个字。');
  if ((i.bodyHtml ?? '').length > 500_000) throw badRequest('正文过长（超过 50 万字符），请以附件形式上传。');
  if (!isIsoDate(i.createdOn)) throw badRequest(`生成日期：${DATE_RANGE_MESSAGE}。`);
  if (i.changedOn && !isIsoDate(i.changedOn)) throw badRequest(`变更日期：${DATE_RANGE_MESSAGE}。`);
  if (i.changedOn && i.changedOn < i.createdOn) throw badRequest('变更日期不能早于生成日期。');
  if (!['proactive', 'on_request', 'withheld'].includes(i.attribute)) throw badRequest('请选择公开属性：主动公开、依申请公开或不予公开。');
  if (i.attribute !== 'proactive' && !i.withheldReason?.trim()) throw badRequest('公开属性为依申请公开或不予公开的，须注明理由和法律依据。');
  if (i.validity && !['valid', 'expired', 'repealed'].includes(i.validity)) throw badRequest('有效性须为有效、失效或废止。');
  if ((i.kind === 'normative' || i.kind === 'rule') && !i.docNumber?.trim()) throw badRequest('规章和行政规范性文件须填写文号。');
  if (i.kind === 'interpretation' && !i.policyId) throw badRequest('政策解读须关联所解读的政策文件。');
  if (i.kind === 'consultation') {
    if (!isIsoDate(i.commentOpens) || !isIsoDate(i.commentCloses)) throw badRequest('征求意见稿须填写征求意见的起止日期。');
    if (i.commentCloses! < i.commentOpens!) throw badRequest('征求意见截止日期不能早于开始日期。');
  }
  if ((i.docNumber ?? '').length > 60) throw badRequest('文号不能超过 60 个字符。');
}

async function agencyOf(db: DbOrTx, agencyId: string) {
  const a = await getAgency(db, agencyId);
  if (!a) throw notFound('未找到该机关。');
  return a;
}

async function reviewedContent(db: DbOrTx, item: PubItemTable): Promise<ReviewedContent> {
  const atts = await attachmentsOf(db, item.id);
  return { ...item, attachments: atts.map((a) => a.sha256) };
}

async function rehash(tx: Tx, item: PubItemTable): Promise<string> {
  return contentHash(await reviewedContent(tx, item));
}

async function snapshot(tx: Tx, item: PubItemTable, event: string, actor: Actor, note?: string | null) {
  const atts = await attachmentsOf(tx, item.id);
  const { body_text: _t, ...rest } = item;
  await tx
    .insertInto('pub_item_versions')
    .values({
      id: newId(),
      item_id: item.id,
      agency_id: item.agency_id,
      version: item.version,
      event,
      content_hash: item.content_hash,
      snapshot: JSON.stringify({ ...rest, attachments: atts.map(({ text_content: _x, ...a }) => a) }),
      note: note ?? null,
      actor_name: actor.name,
      created_at: nowIso(),
    })
    .execute();
}

async function loadForWrite(tx: Tx, p: Principal, id: string): Promise<PubItemTable> {
  const item = await findItemForStaff(tx, p, id);
  if (!item) throw notFound('未找到该信息，或您无权查看。');
  return item;
}

async function checkRefs(tx: Tx, agencyId: string, i: ItemInput, selfId?: string) {
  const cols = await columnsOf(tx, agencyId, { includeHidden: true });
  if (!cols.some((c) => c.code === i.columnCode)) throw badRequest('所选栏目不存在。');
  if (i.policyId) {
    if (i.policyId === selfId) throw badRequest('政策解读不能关联自身。');
    const policy = await tx.selectFrom('pub_items').select(['id', 'agency_id', 'kind', 'status']).where('id', '=', i.policyId).executeTakeFirst();
    if (!policy || policy.agency_id !== agencyId) throw badRequest('所关联的政策文件不存在或不属于本机关。');
    if (policy.kind === 'interpretation' || policy.kind === 'consultation') throw badRequest('只能关联政策文件，不能关联解读或征求意见稿。');
    if (policy.status === 'withdrawn') throw badRequest('所关联的政策文件已撤回。');
  }
}

function fields(i: ItemInput, agencyName: string) {
  const body_html = sanitizeBody(i.bodyHtml ?? '');
  return {
    column_code: i.columnCode,
    kind: i.kind,
    title: i.title.trim(),
    summary: (i.summary ?? '').trim(),
    body_html,
    body_text: plainText(body_html),
    doc_number: i.docNumber?.trim() || null,
    publisher: i.publisher?.trim() || agencyName,
    created_on: i.createdOn,
    changed_on: i.changedOn || null,
    validity: i.validity ?? 'valid',
    attribute: i.attribute,
    withheld_reason: i.attribute === 'proactive' ? null : i.withheldReason!.trim(),
    policy_id: i.kind === 'interpretation' ? (i.policyId ?? null) : null,
    comment_opens: i.kind === 'consultation' ? (i.commentOpens ?? null) : null,
    comment_closes: i.kind === 'consultation' ? (i.commentCloses ?? null) : null,
  } as const;
}

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

/** Voids approvals when the content changed; the item goes back to draft (a live item stays public as it was). */
async function afterContentChange(tx: Tx, item: PubItemTable, actor: Actor, event: string, note?: string | null): Promise<PubItemTable> {
  const hash = await rehash(tx, item);
  if (hash === item.content_hash) return item;
  const next: PubItemTable = {
    ...item,
    content_hash: hash,
    version: item.version + 1,
    status: item.status === 'withdrawn' ? 'withdrawn' : 'draft',
    release_at: null,
    updated_at: nowIso(),
  };
  await tx.updateTable('pub_reviews').set({ voided: 1 }).where('item_id', '=', item.id).where('voided', '=', 0).execute();
  await tx
    .updateTable('pub_items')
    .set({ content_hash: next.content_hash, version: next.version, status: next.status, release_at: null, updated_at: next.updated_at })
    .where('id', '=', item.id)
    .execute();
  await snapshot(tx, next, event, actor, note);
  return next;
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

export interface ReviewInput {
  decision: 'approved' | 'returned';
  comment?: string;
  checklist?: Record<string, boolean>;
  /** The hash of the version the reviewer read: refused when the item changed meanwhile. */
  contentHash: string;
}

/** One level of the review chain approves or returns the exact version it read. */
export async function reviewItem(db: Db, p: Principal, id: string, input: ReviewInput): Promise<PubItemTable> {
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

async function isApproved(tx: DbOrTx, item: PubItemTable): Promise<boolean> {
  const { reviewLevels } = await settingsOf(tx, item.agency_id);
  return fullyApproved(reviewLevels, await reviewsOf(tx, item.id), item.content_hash);
}

async function assignIndexNo(
  tx: Tx,
  item: PubItemTable,
  agencyCode: string,
  year: number,
): Promise<{ index_no: string; index_year: number; index_seq: number }> {
  if (item.index_no) return { index_no: item.index_no, index_year: item.index_year!, index_seq: item.index_seq! };
  // Serialise numbering per agency on PostgreSQL (SQLite transactions are already serial); the unique index
  // on (agency_id, index_no) is the backstop.
  if (isPostgres(tx)) await tx.selectFrom('pub_settings').select('agency_id').where('agency_id', '=', item.agency_id).forUpdate().execute();
  const { indexPattern } = await settingsOf(tx, item.agency_id);
  let q = tx
    .selectFrom('pub_items')
    .select((eb) => eb.fn.max('index_seq').as('m'))
    .where('agency_id', '=', item.agency_id)
    .where('index_year', '=', year);
  if (seqPerColumn(indexPattern)) q = q.where('column_code', '=', item.column_code);
  const seq = Number((await q.executeTakeFirst())?.m ?? 0) + 1;
  return { index_no: formatIndexNo(indexPattern, { agencyCode, columnCode: item.column_code, year, seq }), index_year: year, index_seq: seq };
}

const excerpt = (text: string, n = 90) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
};

/** Makes one approved item public (inside the caller's transaction). Exported for the demo seeder. */
export async function publishInTx(tx: Tx, item: PubItemTable, actor: Actor, at: string): Promise<PubItemTable> {
  return publishOne(tx, item, actor, at);
}

async function publishOne(tx: Tx, item: PubItemTable, actor: Actor, at: string): Promise<PubItemTable> {
  const agency = await agencyOf(tx, item.agency_id);
  const idx = await assignIndexNo(tx, item, agency.code, Number(todayInChina(new Date(at)).slice(0, 4)));
  const atts = await attachmentsOf(tx, item.id);
  const existing = await tx.selectFrom('pub_public_items').select(['first_published_at']).where('id', '=', item.id).executeTakeFirst();
  const pub: PubPublicItemTable = {
    // 条例第十二条: every catalogue entry has a 内容概述; when none was written, the body's opening stands in.
    id: item.id,
    agency_id: item.agency_id,
    column_code: item.column_code,
    kind: item.kind,
    index_no: idx.index_no,
    title: item.title,
    summary: item.summary || excerpt(item.body_text),
    body_html: item.body_html,
    doc_number: item.doc_number,
    publisher: item.publisher,
    created_on: item.created_on,
    validity: item.validity,
    policy_id: item.policy_id,
    comment_opens: item.comment_opens,
    comment_closes: item.comment_closes,
    feedback_html: item.feedback_html,
    attachments: JSON.stringify(atts.map((a) => ({ id: a.id, filename: a.filename, mime: a.mime, size: a.size }))),
    version: item.version,
    first_published_at: existing?.first_published_at ?? at,
    published_at: at,
  };
  if (existing) await tx.deleteFrom('pub_public_items').where('id', '=', item.id).execute();
  await tx.insertInto('pub_public_items').values(pub).execute();
  await indexDocument(tx, {
    id: item.id,
    agencyId: item.agency_id,
    kind: item.kind === 'consultation' ? 'consultation' : 'item',
    url: itemUrl(agency.code, item),
    title: item.title,
    body: [item.summary, item.body_text].filter(Boolean).join('\n'),
    extra: atts.map((a) => `${a.filename}\n${a.text_content}`).join('\n'),
    columnCode: item.column_code,
    docNumber: item.doc_number,
    publishedAt: at,
  });
  const after: PubItemTable = { ...item, ...idx, status: 'published', release_at: null, published_at: at, updated_at: at };
  await tx
    .updateTable('pub_items')
    .set({ ...idx, status: 'published', release_at: null, published_at: at, updated_at: at })
    .where('id', '=', item.id)
    .execute();
  await snapshot(tx, after, existing ? 'republished' : 'published', actor);
  if (!existing) {
    await tx
      .insertInto('pub_channel_log')
      .values({
        id: newId(),
        agency_id: item.agency_id,
        item_id: item.id,
        channel: 'portal',
        title: item.title,
        url: itemUrl(agency.code, item),
        published_on: todayInChina(new Date(at)),
        created_at: at,
      })
      .execute();
  }
  // Register and channel dates are Beijing dates (a release at 01:00 Beijing time is still that day).
  await syncRegister(tx, after, todayInChina(new Date(at)));
  await recordAudit(tx, actor, {
    action: existing ? 'publishing.item_republished' : 'publishing.item_published',
    entityType: 'pub_item',
    entityId: item.id,
    agencyId: item.agency_id,
    before: item,
    after,
    detail: { indexNo: idx.index_no, contentHash: item.content_hash },
  });
  return after;
}

/** Rules and normative documents enter the Art. 20 register when released; repeal is recorded from validity. */
async function syncRegister(tx: Tx, item: PubItemTable, day: string) {
  if (item.kind !== 'normative' && item.kind !== 'rule') return;
  const row = await tx.selectFrom('pub_register_docs').selectAll().where('item_id', '=', item.id).executeTakeFirst();
  const repealed_on = item.validity === 'repealed' ? (row?.repealed_on ?? day) : null;
  if (row) {
    await tx
      .updateTable('pub_register_docs')
      .set({ title: item.title, doc_number: item.doc_number, repealed_on, updated_at: nowIso() })
      .where('id', '=', row.id)
      .execute();
  } else {
    await tx
      .insertInto('pub_register_docs')
      .values({
        id: newId(),
        agency_id: item.agency_id,
        kind: item.kind,
        title: item.title,
        doc_number: item.doc_number,
        made_on: item.created_on,
        published_on: day,
        repealed_on,
        item_id: item.id,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
  }
}

/**
 * The set released together: a policy with its pending interpretations (all must be approved), or an
 * interpretation alone when its policy is already public. 政策解读与政策文件同步发布.
 */
async function releaseBatch(tx: Tx, item: PubItemTable): Promise<PubItemTable[]> {
  if (item.kind === 'interpretation') {
    const live = await tx.selectFrom('pub_public_items').select('id').where('id', '=', item.policy_id!).executeTakeFirst();
    if (!live) throw conflict('政策解读须与所解读的政策文件同步发布：请在发布政策文件时一并发布。');
    return [item];
  }
  const batch = [item];
  for (const interp of await interpretationsOf(tx, item.id)) {
    const isLive = await tx.selectFrom('pub_public_items').select(['id', 'version']).where('id', '=', interp.id).executeTakeFirst();
    if (isLive && isLive.version === interp.version) continue;
    if (!(await isApproved(tx, interp)) || interp.attribute !== 'proactive') {
      throw conflict(`关联的政策解读“${interp.title}”尚未审核完毕，政策文件与解读须同步发布。`);
    }
    batch.push(interp);
  }
  return batch;
}

function checkReleasable(item: PubItemTable) {
  if (item.attribute !== 'proactive') throw conflict(`公开属性为“${ATTRIBUTE_LABELS[item.attribute]}”的信息不能主动发布。`);
  if (item.status !== 'approved' && item.status !== 'scheduled') throw conflict(`该信息当前为“${STATUS_LABELS[item.status]}”，须完成全部审核后才能发布。`);
}

/** Releases an approved item now, or schedules it (`at` in the future). Its interpretations go with it. */
export async function releaseItem(db: Db, p: Principal, id: string, opts: { at?: string } = {}): Promise<PubItemTable[]> {
  if (!can(p, 'publishing.draft') && !can(p, 'publishing.review')) throw forbidden();
  const at = opts.at ? new Date(opts.at) : null;
  if (opts.at && (!at || Number.isNaN(at.getTime()))) throw badRequest('定时发布时间格式不正确。');
  const result = await db.transaction().execute(async (tx) => {
    const item = await loadForWrite(tx, p, id);
    if (item.agency_id !== p.agencyId) throw forbidden('只能发布本机关的信息。');
    checkReleasable(item);
    if (!(await isApproved(tx, item))) throw conflict('该版本未经全部审核（审核后内容有改动的，须重新审核）。');
    const batch = await releaseBatch(tx, item);
    const now = nowIso();
    if (at && at.getTime() > Date.now() + 30_000) {
      const when = at.toISOString();
      for (const it of batch) {
        await tx.updateTable('pub_items').set({ status: 'scheduled', release_at: when, updated_at: now }).where('id', '=', it.id).execute();
        await recordAudit(tx, actorOf(p), {
          action: 'publishing.item_scheduled',
          entityType: 'pub_item',
          entityId: it.id,
          agencyId: it.agency_id,
          detail: { releaseAt: when },
        });
      }
      return batch.map((it) => ({ ...it, status: 'scheduled' as const, release_at: when }));
    }
    const out: PubItemTable[] = [];
    for (const it of batch) out.push(await publishOne(tx, it, actorOf(p), now));
    return out;
  });
  return result;
}

/** Publishes scheduled items whose time has come (run by a timer; each item in its own transaction). */
export async function runDueReleases(db: Db, now = new Date()): Promise<number> {
  const due = await db
    .selectFrom('pub_items')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('release_at', '<=', now.toISOString())
    .orderBy('release_at')
    .limit(100)
    .execute();
  let n = 0;
  for (const d of due) {
    if (d.kind === 'interpretation' && due.some((x) => x.id === d.policy_id)) continue; // goes with its policy
    try {
      n += await db.transaction().execute(async (tx) => {
        // Several server processes may run this timer: on PostgreSQL the row lock makes one of them win.
        let q = tx.selectFrom('pub_items').selectAll().where('id', '=', d.id).where('status', '=', 'scheduled');
        if (isPostgres(tx)) q = q.forUpdate();
        const item = await q.executeTakeFirst();
        if (!item || !(await isApproved(tx, item))) return 0;
        const batch = await releaseBatch(tx, item);
        const at = nowIso();
        for (const it of batch) await publishOne(tx, it, SYSTEM_ACTOR, at);
        return batch.length;
      });
    } catch {
      /* left scheduled; staff see it in the console */
    }
  }
  return n;
}

/** Withdraws a published item (with reason): it leaves lists and search at once; the history stays. */
export async function withdrawItem(db: Db, p: Principal, id: string, reason: string): Promise<PubItemTable> {
  if (!can(p, 'publishing.review') && !can(p, 'publishing.draft')) throw forbidden();
  if (!reason?.trim()) throw badRequest('请填写撤回理由。');
  if (reason.length > 1000) throw badRequest('撤回理由不能超过 1000 字。');
  return db.transaction().execute(async (tx) => {
    const item = await loadForWrite(tx, p, id);
    if (item.agency_id !== p.agencyId) throw forbidden('只能撤回本机关的信息。');
    if (item.status === 'withdrawn') throw conflict('该信息已撤回。');
    const targets = [item, ...(item.kind === 'interpretation' ? [] : await interpretationsOf(tx, item.id))];
    const now = nowIso();
    for (const it of targets) {
      await tx.deleteFrom('pub_public_items').where('id', '=', it.id).execute();
      await removeDocument(tx, it.id);
      const after: PubItemTable = { ...it, status: 'withdrawn', withdrawn_at: now, withdraw_reason: reason.trim(), release_at: null, updated_at: now };
      await tx
        .updateTable('pub_items')
        .set({ status: 'withdrawn', withdrawn_at: now, withdraw_reason: after.withdraw_reason, release_at: null, updated_at: now })
        .where('id', '=', it.id)
        .execute();
      await snapshot(tx, after, 'withdrawn', actorOf(p), reason.trim());
      await recordAudit(tx, actorOf(p), {
        action: 'publishing.item_withdrawn',
        entityType: 'pub_item',
        entityId: it.id,
        agencyId: it.agency_id,
        before: it,
        after,
        detail: { reason: reason.trim() },
      });
    }
    return { ...item, status: 'withdrawn', withdrawn_at: now, withdraw_reason: reason.trim() };
  });
}

/** Everything the console shows of an item: content, attachments, reviews, history, Art. 26 clock. */
export async function getItemDetail(db: Db, p: Principal, id: string) {
  assertCan(p, 'cases.read');
  const item = await findItemForStaff(db, p, id);
  if (!item) throw notFound('未找到该信息，或您无权查看。');
  const [attachments, reviews, versions, settings, interpretations, live] = await Promise.all([
    attachmentsOf(db, id),
    reviewsOf(db, id),
    db
      .selectFrom('pub_item_versions')
      .select(['id', 'version', 'event', 'content_hash', 'note', 'actor_name', 'created_at'])
      .where('item_id', '=', id)
      .orderBy('created_at')
      .execute(),
    settingsOf(db, item.agency_id),
    db.selectFrom('pub_items').select(['id', 'title', 'status', 'version']).where('policy_id', '=', id).execute(),
    db.selectFrom('pub_public_items').select(['version', 'published_at', 'index_no']).where('id', '=', id).executeTakeFirst(),
  ]);
  const passed = approvedLevels(settings.reviewLevels, reviews, item.content_hash);
  const art26 = item.published_at && item.status === 'published' ? null : art26Status(item.changed_on ?? item.created_on, todayInChina());
  return {
    item: { ...item, body_text: undefined },
    attachments: attachments.map(({ text_content: _t, ...a }) => a),
    reviews,
    versions,
    interpretations,
    live: live ?? null,
    review: {
      levels: settings.reviewLevels,
      passed,
      next: passed < settings.reviewLevels.length ? settings.reviewLevels[passed] : null,
    },
    art26,
  };
}

export async function listItems(db: Db, p: Principal, f: StaffListFilter) {
  assertCan(p, 'cases.read');
  const res = await listItemsForStaff(db, p, f);
  const today = todayInChina();
  return {
    total: res.total,
    items: res.rows.map((r) => ({
      ...r,
      art26: r.status === 'published' || r.status === 'withdrawn' || r.published_at ? null : art26Status(r.changed_on ?? r.created_on, today),
    })),
  };
}

/**
 * 条例第二十六条 watch list: proactive items not yet public whose 20 working days are running out or have
 * lapsed, most urgent first.
 */
export async function dueItems(db: Db, p: Principal) {
  assertCan(p, 'cases.read');
  const rows = await db
    .selectFrom('pub_items')
    .select(['id', 'agency_id', 'title', 'status', 'created_on', 'changed_on', 'column_code'])
    .where((eb) => visibleAgency(eb, 'pub_items.agency_id', p))
    .where('attribute', '=', 'proactive')
    .where('status', 'in', ['draft', 'in_review', 'returned', 'approved', 'scheduled'])
    .orderBy('created_on')
    .limit(500)
    .execute();
  const today = todayInChina();
  return rows
    .map((r) => ({ ...r, art26: art26Status(r.changed_on ?? r.created_on, today) }))
    .filter((r) => r.art26.level !== 'ok')
    .sort((a, b) => a.art26.remaining - b.art26.remaining);
}

/**
 * Rebuilds the search index from what is public (after a change of segmentation or dictionary, or a restore):
 * every public item is re-indexed, and index entries of items no longer public are dropped. Batched, one
 * transaction per batch. Returns the number of documents indexed.
 */
export async function reindexPublished(db: Db, opts: { batch?: number } = {}): Promise<number> {
  const batch = opts.batch ?? 500;
  const codes = new Map((await db.selectFrom('agencies').select(['id', 'code']).execute()).map((a) => [a.id, a.code]));
  let n = 0;
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('pub_public_items')
      .innerJoin('pub_items', 'pub_items.id', 'pub_public_items.id')
      .select([
        'pub_public_items.id',
        'pub_public_items.agency_id',
        'pub_public_items.kind',
        'pub_public_items.title',
        'pub_public_items.summary',
        'pub_public_items.body_html',
        'pub_public_items.column_code',
        'pub_public_items.doc_number',
        'pub_public_items.published_at',
        'pub_public_items.attachments',
      ])
      .where('pub_public_items.id', '>', after)
      .orderBy('pub_public_items.id')
      .limit(batch)
      .execute();
    if (!rows.length) break;
    await db.transaction().execute(async (tx) => {
      for (const r of rows) {
        const attIds = (JSON.parse(r.attachments) as { id: string }[]).map((a) => a.id);
        const atts = attIds.length ? await tx.selectFrom('pub_attachments').select(['filename', 'text_content']).where('id', 'in', attIds).execute() : [];
        await indexDocument(tx, {
          id: r.id,
          agencyId: r.agency_id,
          kind: r.kind === 'consultation' ? 'consultation' : 'item',
          url: itemUrl(codes.get(r.agency_id) ?? '', r),
          title: r.title,
          body: [r.summary, plainText(r.body_html)].filter(Boolean).join('\n'),
          extra: atts.map((a) => `${a.filename}\n${a.text_content}`).join('\n'),
          columnCode: r.column_code,
          docNumber: r.doc_number,
          publishedAt: r.published_at,
        });
      }
    });
    n += rows.length;
    after = rows[rows.length - 1].id;
  }
  // Entries whose item is no longer public.
  const stale = await db.selectFrom('search_docs').select('id').where('id', 'not in', db.selectFrom('pub_public_items').select('id')).execute();
  if (stale.length)
    await db.transaction().execute(async (tx) => {
      for (const s of stale) await removeDocument(tx, s.id);
    });
  return n;
}

/** Published documents that may answer an application (for the requests capability). */
export async function searchPublished(
  db: DbOrTx,
  opts: { agencyId?: string; q: string; limit?: number },
): Promise<{ id: string; title: string; url: string; snippet: string }[]> {
  const r = await search(db, { q: opts.q, agencyIds: opts.agencyId ? [opts.agencyId] : undefined, limit: opts.limit ?? 5 });
  return r.hits.map((h) => ({ id: h.id, title: h.title, url: h.url, snippet: h.snippetHtml }));
}

/** The public column's lists, for the portal's home and agency pages (which must not read another capability's store). */
export { listPublic as listPublicItems, recentPublic as recentPublicItems } from './items.store.js';
