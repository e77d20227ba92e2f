import type { Db, Tx } from '../platform/db/index.js';
import { isPostgres } from '../platform/db/dialect.js';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { can, type Principal } from '../platform/auth/permissions.js';
import { badRequest, conflict, forbidden } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso, todayInChina } from '../platform/time.js';
import { indexDocument, removeDocument } from '../platform/search/index.js';
import { formatIndexNo, seqPerColumn } from './catalogue.js';
import { settingsOf } from './catalogue.service.js';
import { attachmentsOf, interpretationsOf } from './items.store.js';
import type { PubItemTable, PubPublicItemTable } from './publishing.tables.js';
import { ATTRIBUTE_LABELS, STATUS_LABELS } from './publishing.labels.js';
import { agencyOf, isApproved, itemUrl, loadForWrite, snapshot } from './items.shared.js';

/**
 * Release (now or scheduled), revision and withdrawal. Release copies the approved version into pub_public_items
 * and the search index in the same transaction; withdrawal removes both. The public side reads nothing else.
 */

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
