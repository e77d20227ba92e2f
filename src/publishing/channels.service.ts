import { sql } from 'kysely';
import type { Db, DbOrTx } from '../platform/db/index.js';
import { recordAudit } from '../platform/audit/audit.js';
import { actorOf } from '../platform/auth/accounts.service.js';
import { assertCan, visibleAgency, type Principal } from '../platform/auth/permissions.js';
import { badRequest } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { isIsoDate, nowIso } from '../platform/time.js';
import type { Channel } from './publishing.tables.js';
import { CHANNEL_LABELS } from './publishing.labels.js';

/**
 * The channel log (条例第二十三条: 政府网站、政务新媒体、公报…): where each piece of information went out. The
 * annual report states yearly counts per channel (e.g. 44 on the government site's column, 191 on the
 * department site, 164 on WeChat and Toutiao in the seed report).
 */

export { CHANNEL_LABELS };

/** A channel code the log knows. */
export const isChannel = (c: string): c is Channel => c in CHANNEL_LABELS;

/** A release to record (the channel is checked against CHANNEL_LABELS). */
export interface ChannelInput {
  channel: string;
  title: string;
  url?: string;
  publishedOn: string;
  itemId?: string | null;
}

/** Records a release on a channel (staff). */
export async function logChannel(db: Db, p: Principal, input: ChannelInput) {
  assertCan(p, 'publishing.draft');
  const channel = input.channel;
  if (!isChannel(channel)) throw badRequest('发布渠道不正确。');
  if (!input.title?.trim() || input.title.length > 200) throw badRequest('请填写标题（不超过 200 个字）。');
  if (!isIsoDate(input.publishedOn)) throw badRequest('发布日期格式不正确（YYYY-MM-DD）。');
  if (input.url && !/^https?:\/\//.test(input.url)) throw badRequest('链接须以 http:// 或 https:// 开头。');
  return db.transaction().execute(async (tx) => {
    if (input.itemId) {
      const ok = await tx
        .selectFrom('pub_items')
        .select('id')
        .where('id', '=', input.itemId)
        .where((eb) => visibleAgency(eb, 'pub_items.agency_id', p))
        .executeTakeFirst();
      if (!ok) throw badRequest('所关联的信息不存在。');
    }
    const row = {
      id: newId(),
      agency_id: p.agencyId,
      item_id: input.itemId ?? null,
      channel,
      title: input.title.trim(),
      url: input.url ?? '',
      published_on: input.publishedOn,
      created_at: nowIso(),
    };
    await tx.insertInto('pub_channel_log').values(row).execute();
    await recordAudit(tx, actorOf(p), {
      action: 'publishing.channel_logged',
      entityType: 'pub_channel_log',
      entityId: row.id,
      agencyId: p.agencyId,
      after: row,
    });
    return row;
  });
}

/** Yearly counts per channel for these agencies (every channel present, zero when none). */
export async function channelCounts(db: DbOrTx, agencyIds: string[], year: number): Promise<Record<Channel, number>> {
  const out = Object.fromEntries(Object.keys(CHANNEL_LABELS).map((k) => [k, 0])) as Record<Channel, number>;
  if (!agencyIds.length) return out;
  const rows = await db
    .selectFrom('pub_channel_log')
    .select(['channel', sql<number>`count(*)`.as('n')])
    .where('agency_id', 'in', agencyIds)
    .where('published_on', '>=', `${year}-01-01`)
    .where('published_on', '<=', `${year}-12-31`)
    .groupBy('channel')
    .execute();
  for (const r of rows) out[r.channel] = Number(r.n);
  return out;
}

/** The channel log of the principal's visible agencies for a year (console). */
export async function listChannelLog(db: Db, p: Principal, year: number) {
  assertCan(p, 'cases.read');
  return db
    .selectFrom('pub_channel_log')
    .selectAll()
    .where((eb) => visibleAgency(eb, 'pub_channel_log.agency_id', p))
    .where('published_on', '>=', `${year}-01-01`)
    .where('published_on', '<=', `${year}-12-31`)
    .orderBy('published_on', 'desc')
    .limit(1000)
    .execute();
}
