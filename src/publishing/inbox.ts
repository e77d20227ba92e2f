import { can, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { settingsOf } from './catalogue.service.js';
import { approvedLevels } from './review.js';
import { art26Status } from './art26.js';

/**
 * What 主动公开 puts in a person's inbox (待我处理), asked by the inbox capability through this function: the
 * items in review whose next level is the user's role (公开工作机构负责人, 分管领导, 主要负责人), and the items whose
 * 条例第二十六条 time limit is near or past.
 */
export interface PublishingInboxItem {
  kind: 'review_waiting' | 'art26_near';
  itemId: string;
  title: string;
  detail: string;
  when: string;
}

export async function publishingInbox(ctx: AppContext, p: Principal, limit = 100): Promise<PublishingInboxItem[]> {
  return [...(await art26Near(ctx, p, limit)), ...(await reviewsWaiting(ctx, p, limit))];
}

/**
 * 条例第二十六条: proactive items of the agency not yet public whose 20 working days are running out (five or
 * fewer left) or have lapsed, for the staff who draft and review them.
 */
async function art26Near(ctx: AppContext, p: Principal, limit: number): Promise<PublishingInboxItem[]> {
  if (!can(p, 'publishing.draft')) return [];
  const rows = await ctx.db
    .selectFrom('pub_items')
    .select(['id', 'title', 'created_on', 'changed_on'])
    .where('agency_id', '=', p.agencyId)
    .where('attribute', '=', 'proactive')
    .where('published_at', 'is', null)
    .where('status', 'in', ['draft', 'in_review', 'returned', 'approved', 'scheduled'])
    .orderBy('created_on')
    .limit(500)
    .execute();
  const today = ctx.clock.today();
  const out: PublishingInboxItem[] = [];
  for (const r of rows) {
    const a = art26Status(r.changed_on ?? r.created_on, today);
    if (a.level !== 'warning' && a.level !== 'overdue') continue;
    out.push({ kind: 'art26_near', itemId: r.id, title: r.title, detail: a.message, when: a.due });
    if (out.length >= limit) break;
  }
  return out;
}

async function reviewsWaiting(ctx: AppContext, p: Principal, limit: number): Promise<PublishingInboxItem[]> {
  if (!can(p, 'publishing.review')) return [];
  const items = await ctx.db
    .selectFrom('pub_items')
    .select(['id', 'title', 'content_hash', 'updated_at'])
    .where('agency_id', '=', p.agencyId)
    .where('status', '=', 'in_review')
    .orderBy('updated_at')
    .limit(500)
    .execute();
  if (!items.length) return [];
  const { reviewLevels } = await settingsOf(ctx.db, p.agencyId);
  const reviews = await ctx.db
    .selectFrom('pub_reviews')
    .select(['item_id', 'level', 'role', 'decision', 'content_hash', 'voided'])
    .where(
      'item_id',
      'in',
      items.map((i) => i.id),
    )
    .execute();
  const out: PublishingInboxItem[] = [];
  for (const it of items) {
    const level = approvedLevels(
      reviewLevels,
      reviews.filter((r) => r.item_id === it.id),
      it.content_hash,
    );
    if (level < reviewLevels.length && reviewLevels[level] === p.role) {
      out.push({
        kind: 'review_waiting',
        itemId: it.id,
        title: it.title,
        detail: `第 ${level + 1} 级审核（共 ${reviewLevels.length} 级）待您审核。`,
        when: it.updated_at,
      });
    }
    if (out.length >= limit) break;
  }
  return out;
}
