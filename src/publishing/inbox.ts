import { can, type Principal } from '../platform/auth/permissions.js';
import type { AppContext } from '../platform/context.js';
import { settingsOf } from './catalogue.service.js';
import { approvedLevels } from './review.js';

/**
 * What 主动公开 puts in a person's inbox (待我处理), asked by the inbox capability through this function: the
 * items in review whose next level is the user's role (公开工作机构负责人, 分管领导, 主要负责人).
 */
export interface PublishingInboxItem {
  kind: 'review_waiting';
  itemId: string;
  title: string;
  detail: string;
  when: string;
}

export async function publishingInbox(ctx: AppContext, p: Principal, limit = 100): Promise<PublishingInboxItem[]> {
  if (!can(p, 'publishing.review')) return [];
  const items = await ctx.db.selectFrom('pub_items').select(['id', 'title', 'content_hash', 'updated_at'])
    .where('agency_id', '=', p.agencyId).where('status', '=', 'in_review').orderBy('updated_at').limit(500).execute();
  if (!items.length) return [];
  const { reviewLevels } = await settingsOf(ctx.db, p.agencyId);
  const reviews = await ctx.db.selectFrom('pub_reviews').select(['item_id', 'level', 'role', 'decision', 'content_hash', 'voided'])
    .where('item_id', 'in', items.map((i) => i.id)).execute();
  const out: PublishingInboxItem[] = [];
  for (const it of items) {
    const level = approvedLevels(reviewLevels, reviews.filter((r) => r.item_id === it.id), it.content_hash);
    if (level < reviewLevels.length && reviewLevels[level] === p.role) {
      out.push({ kind: 'review_waiting', itemId: it.id, title: it.title, detail: `第 ${level + 1} 级审核（共 ${reviewLevels.length} 级）待您审核。`, when: it.updated_at });
    }
    if (out.length >= limit) break;
  }
  return out;
}
