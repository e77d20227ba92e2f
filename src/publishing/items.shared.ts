import type { DbOrTx, Tx } from '../platform/db/index.js';
import type { Actor } from '../platform/audit/audit.js';
import type { Principal } from '../platform/auth/permissions.js';
import { badRequest, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { DATE_RANGE_MESSAGE, isIsoDate, nowIso } from '../platform/time.js';
import { getAgency } from '../platform/org/agencies.service.js';
import { columnsOf, settingsOf } from './catalogue.service.js';
import { attachmentsOf, findItemForStaff, reviewsOf } from './items.store.js';
import type { PubItemTable } from './publishing.tables.js';
import type { ItemInput } from './publishing.api.js';
import { contentHash, fullyApproved, type ReviewedContent } from './review.js';
import { plainText, sanitizeBody } from './sanitize.js';
import { KINDS } from './publishing.labels.js';

/** What every step of an item's life uses: validation, loading for a write, snapshots, the content hash, approval. */

export const itemUrl = (agencyCode: string, it: { id: string; kind: string }) =>
  it.kind === 'consultation' ? `/a/${agencyCode}/consultations/${it.id}` : `/a/${agencyCode}/items/${it.id}`;

export function validateInput(i: ItemInput): void {
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

export async function agencyOf(db: DbOrTx, agencyId: string) {
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

export async function snapshot(tx: Tx, item: PubItemTable, event: string, actor: Actor, note?: string | null) {
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

export async function loadForWrite(tx: Tx, p: Principal, id: string): Promise<PubItemTable> {
  const item = await findItemForStaff(tx, p, id);
  if (!item) throw notFound('未找到该信息，或您无权查看。');
  return item;
}

export async function checkRefs(tx: Tx, agencyId: string, i: ItemInput, selfId?: string) {
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

export function fields(i: ItemInput, agencyName: string) {
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

/** Voids approvals when the content changed; the item goes back to draft (a live item stays public as it was). */
export async function afterContentChange(tx: Tx, item: PubItemTable, actor: Actor, event: string, note?: string | null): Promise<PubItemTable> {
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

export async function isApproved(tx: DbOrTx, item: PubItemTable): Promise<boolean> {
  const { reviewLevels } = await settingsOf(tx, item.agency_id);
  return fullyApproved(reviewLevels, await reviewsOf(tx, item.id), item.content_hash);
}
