import type { Tx } from '../platform/db/index.js';
import { recordAudit, type Actor } from '../platform/audit/audit.js';
import { removeDocument } from '../platform/search/index.js';
import { newId } from '../platform/ids.js';

/** Withdraws a seeded item the way the service does (public copy and index entry removed, history kept). */
export async function withdrawDemoItem(tx: Tx, id: string, actor: Actor, reason: string): Promise<void> {
  const it = await tx.selectFrom('pub_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const at = '2026-07-08T02:00:00.000Z';
  await tx.deleteFrom('pub_public_items').where('id', '=', id).execute();
  await removeDocument(tx, id);
  await tx.updateTable('pub_items').set({ status: 'withdrawn', withdrawn_at: at, withdraw_reason: reason, updated_at: at }).where('id', '=', id).execute();
  const { body_text: _b, ...rest } = it;
  await tx
    .insertInto('pub_item_versions')
    .values({
      id: newId(),
      item_id: id,
      agency_id: it.agency_id,
      version: it.version,
      event: 'withdrawn',
      content_hash: it.content_hash,
      snapshot: JSON.stringify({ ...rest, status: 'withdrawn' }),
      note: reason,
      actor_name: actor.name,
      created_at: at,
    })
    .execute();
  await recordAudit(tx, actor, {
    action: 'publishing.item_withdrawn',
    entityType: 'pub_item',
    entityId: id,
    agencyId: it.agency_id,
    before: it,
    after: { ...it, status: 'withdrawn' },
    detail: { reason },
  });
}

/** The 2020 channel log of 枣庄市信访局: 191 releases on the department website, 164 on WeChat mirrored to Toutiao. */
const WEB_TOPICS = [
  '召开全市信访工作联席会议',
  '开展“领导干部接访下访”活动',
  '推进信访积案化解攻坚',
  '组织开展信访业务培训',
  '开展信访条例宣传进社区活动',
  '召开信访形势分析会',
  '深入基层调研信访工作',
  '督导检查区（市）信访工作',
  '开展“人民建议征集”宣传活动',
  '推进网上信访工作',
  '召开疫情防控期间信访工作调度会',
  '开展“宪法宣传月”活动',
];
const DISTRICTS = ['市中区', '薛城区', '峄城区', '台儿庄区', '山亭区', '滕州市'];

export function channelRows(agencyId: string) {
  const rows: {
    id: string;
    agency_id: string;
    item_id: null;
    channel: 'website' | 'wechat' | 'toutiao';
    title: string;
    url: string;
    published_on: string;
    created_at: string;
  }[] = [];
  const now = new Date().toISOString();
  const day = (i: number, n: number) => {
    const d = new Date(Date.UTC(2020, 0, 2) + Math.floor((i * 363) / n) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  for (let i = 0; i < 191; i++) {
    const t = i % 3 === 0 ? `${DISTRICTS[i % 6]}信访局${WEB_TOPICS[i % 12].replace(/^召开全市/, '召开')}` : `市信访局${WEB_TOPICS[i % 12]}`;
    rows.push({
      id: newId(),
      agency_id: agencyId,
      item_id: null,
      channel: 'website',
      title: t,
      url: `http://xfj.zaozhuang.gov.cn/xwzx/gzdt/2020/${1000 + i}.html`,
      published_on: day(i, 191),
      created_at: now,
    });
  }
  for (let i = 0; i < 164; i++) {
    const t =
      i % 4 === 0
        ? `【依法信访】${['信访事项办理时限是多久？', '哪些事项不属于信访受理范围？', '如何申请复查复核？', '网上信访怎么办？'][i % 4 === 0 ? (i / 4) % 4 : 0]}`
        : `${DISTRICTS[i % 6]}：${WEB_TOPICS[(i + 5) % 12]}`;
    for (const channel of ['wechat', 'toutiao'] as const)
      rows.push({ id: newId(), agency_id: agencyId, item_id: null, channel, title: t, url: '', published_on: day(i, 164), created_at: now });
  }
  return rows;
}
