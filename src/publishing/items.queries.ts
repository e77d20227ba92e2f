import type { Db, DbOrTx } from '../platform/db/index.js';
import { assertCan, visibleAgency, type Principal } from '../platform/auth/permissions.js';
import { notFound } from '../platform/errors.js';
import { todayInChina } from '../platform/time.js';
import { indexDocument, optimizeIndex, removeDocument, search } from '../platform/search/index.js';
import { art26Status } from './art26.js';
import { settingsOf } from './catalogue.service.js';
import { attachmentsOf, findItemForStaff, listItemsForStaff, reviewsOf, type StaffListFilter } from './items.store.js';
import { approvedLevels } from './review.js';
import { plainText } from './sanitize.js';
import { itemUrl } from './items.shared.js';

/** What staff and the other capabilities read of items: detail, lists, the Art. 26 watch list, search. */

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
  await optimizeIndex(db);
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
